/**
 * The local mail catcher: a real SMTP server (smtp-server) on a loopback port that keeps what it
 * receives in memory (the last `keep`, parsed by mailparser) instead of delivering it. `npm start`
 * runs one when SMTP_HOST is not set outside production, so every mail the council sends can be read
 * at `/api/dev/mail`; each test server runs one so tests read real SMTP deliveries.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { loopbackTransport, type MailTransport } from './transport';

export interface CaughtMessage {
  /** Its number in this catcher, from 1. */
  id: string;
  at: Date;
  /** The SMTP envelope: who the server was told the mail is from and to. */
  envelope: { from: string; to: string[] };
  parsed: ParsedMail;
}

export interface MailCatcher {
  readonly port: number;
  /** A nodemailer transport delivering here (a new one each call: the outbox closes its own). */
  transport(): MailTransport;
  /** What arrived, oldest first (at most `keep`). */
  caught(): readonly CaughtMessage[];
  messages(): ParsedMail[];
  find(id: string): CaughtMessage | undefined;
  /** The first mail (arrived or arriving) that `predicate` accepts; rejects after `timeoutMs`. */
  waitFor(predicate: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  /** Stop listening (an SMTP server that is down); `resume()` listens again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export interface MailCatcherOptions {
  /** 0 (the default): a port the kernel chooses. */
  port?: number;
  keep?: number;
  /**
   * Called with each mail's data before it is accepted; what it throws refuses the mail (a test's
   * SMTP server that fails or hangs). By default every mail is accepted.
   */
  accept?: (stream: NodeJS.ReadableStream) => Promise<void>;
}

const MAX_SIZE = 5 * 1024 * 1024;

export async function startMailCatcher({ port = 0, keep = 200, accept }: MailCatcherOptions = {}): Promise<MailCatcher> {
  const kept: CaughtMessage[] = [];
  const arrivals = new EventEmitter();
  arrivals.setMaxListeners(0);
  let count = 0;

  const makeServer = () =>
    new SMTPServer({
      // Plain SMTP on loopback: no certificate to present, no sign-in to ask for.
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      disableReverseLookup: true,
      logger: false,
      size: MAX_SIZE,
      closeTimeout: 100,
      onData(stream, session, callback) {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        const received = accept ? accept(stream).then(() => simpleParser(stream)) : simpleParser(stream);
        received.then(
          (parsed) => {
            count += 1;
            const message: CaughtMessage = { id: String(count), at: new Date(), envelope, parsed };
            kept.push(message);
            if (kept.length > keep) kept.shift();
            callback();
            arrivals.emit('mail', parsed);
          },
          (err: unknown) => {
            stream.resume();
            callback(err instanceof Error ? err : new Error(String(err)));
          },
        );
      },
    });

  let server = makeServer();
  const listen = (on: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(on, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.server.address() as AddressInfo).port);
      });
    });
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));

  const boundPort = await listen(port);
  let listening = true;
  const messages = () => kept.map((m) => m.parsed);

  return {
    port: boundPort,
    transport: () => loopbackTransport(boundPort),
    caught: () => kept,
    messages,
    find: (id) => kept.find((m) => m.id === id),
    waitFor(predicate, timeoutMs = 10_000) {
      const already = messages().find(predicate);
      if (already) return Promise.resolve(already);
      return new Promise<ParsedMail>((resolve, reject) => {
        const onMail = (mail: ParsedMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          arrivals.off('mail', onMail);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          arrivals.off('mail', onMail);
          reject(new Error(`no such mail arrived within ${timeoutMs} ms (${kept.length} caught)`));
        }, timeoutMs);
        arrivals.on('mail', onMail);
      });
    },
    async pause() {
      if (!listening) return;
      listening = false;
      await stop();
    },
    async resume() {
      if (listening) return;
      server = makeServer();
      await listen(boundPort);
      listening = true;
    },
    async close() {
      if (!listening) return;
      listening = false;
      await stop();
    },
  };
}
