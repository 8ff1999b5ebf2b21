/**
 * A real council server for a test file: the real app on a real port, connected to its own
 * database on the FerretDB started by globalSetup, with the council seeded.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../server/config';
import { createApp, type CouncilApp } from '../../server/app';
import { openAuditLog } from '../../server/audit/log';
import { connectDatabase, disconnectDatabase } from '../../server/db/connection';
import { log, setLogLevel } from '../../server/log';
import { startMailCatcher, type MailCatcher } from '../../server/mail/catcher';
import { createMailOutbox, type MailOutbox } from '../../server/mail/outbox';
import { seedCouncil } from '../../server/seed/seed';
import { ApiClient, type ApiResponse } from './client';
import { secondFactorAnswers, totpCode, type SecondFactorAnswers } from './secondFactor';

export interface TestServer {
  baseUrl: string;
  /** The secret sessions (and e-mail unsubscribe links) are signed with. */
  sessionSecret: string;
  council: CouncilApp;
  config: Config;
  dbName: string;
  /** A new client with no session. */
  client(): ApiClient;
  /**
   * A client signed in as `email` (demo password unless given), through the second step too when
   * the account has a second factor (the demo secretariat and org admin do: see secondFactor.ts).
   */
  signIn(email: string, password?: string): Promise<ApiClient>;
  /** Second-factor answers for this server's accounts (codes not used before, recovery codes). */
  secondFactor: SecondFactorAnswers;
  /**
   * Set up and confirm an authenticator app for a signed-in client (a new org admin or secretariat
   * member is held to enrolment until then); later sign-ins of `email` complete the second step.
   */
  enrol(client: ApiClient, email: string): Promise<{ secret: string; codes: string[] }>;
  /** Sign `client` in as `email` with a right password, completing the second step if asked; the final answer. */
  logIn(client: ApiClient, email: string, password?: string): Promise<ApiResponse>;
  /** Clients signed in as each of `emails`, in order. */
  signInAll<const T extends readonly string[]>(...emails: T): Promise<{ -readonly [K in keyof T]: ApiClient }>;
  /** The server's mail, as a real SMTP server of its own (a catcher) received it. */
  mail: TestMail;
  close(): Promise<void>;
}

export interface TestMail {
  outbox: MailOutbox;
  catcher: MailCatcher;
  /** What arrived, oldest first. */
  messages(): ParsedMail[];
  /** The first mail that `predicate` accepts, arrived or arriving (woken by each delivery, no polling). */
  waitFor(predicate: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  setLogLevel('error');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'council-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATA_DIR: dataDir,
    POSTS_PER_MINUTE: '100000',
    SOCKET_EVENTS_PER_10S: '100000',
    ADMISSION_MAX_WRITES: '100000',
    ...env,
  });
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  await connectDatabase(inject('mongoUri'), { dbName });
  await seedCouncil({ demo: true });
  const audit = openAuditLog({ dataDir });
  const sessionSecret = randomBytes(32).toString('hex');
  const catcher = await startMailCatcher();
  const outbox = createMailOutbox({ config, logger: log, sessionSecret, transport: catcher.transport(), digestTimer: false });
  const council = createApp({ config, sessionSecret, serveClient: false, mail: outbox, mailCatcher: catcher });
  await new Promise<void>((resolve) => council.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = council.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const secondFactor = secondFactorAnswers();
  async function logIn(client: ApiClient, email: string, password = 'council-demo') {
    const res = await client.post<{ mfa?: string }>('/api/auth/login', { email, password });
    if (res.status !== 200 || res.body?.mfa !== 'required') return res;
    return client.post('/api/auth/login/second-factor', await secondFactor.next(email));
  }
  async function enrol(client: ApiClient, email: string) {
    const setup = await client.post<{ secret: string }>('/api/me/mfa/totp/setup');
    if (setup.status !== 200) throw new Error(`set-up for ${email} failed: ${setup.status} ${JSON.stringify(setup.body)}`);
    const step = Math.floor(Date.now() / 30_000);
    const enabled = await client.post<{ codes: string[] }>('/api/me/mfa/totp/enable', { code: await totpCode(setup.body.secret, step) });
    if (enabled.status !== 200) throw new Error(`enrolment of ${email} failed: ${enabled.status} ${JSON.stringify(enabled.body)}`);
    secondFactor.remember(email, setup.body.secret);
    secondFactor.used(email, step);
    return { secret: setup.body.secret, codes: enabled.body.codes };
  }
  async function signIn(email: string, password = 'council-demo') {
    const client = new ApiClient(baseUrl);
    const res = await logIn(client, email, password);
    if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return client;
  }
  return {
    baseUrl,
    sessionSecret,
    council,
    config,
    dbName,
    client: () => new ApiClient(baseUrl),
    signIn,
    secondFactor,
    logIn,
    enrol,
    signInAll(...emails) {
      return Promise.all(emails.map((e) => signIn(e))) as never;
    },
    mail: { outbox, catcher, messages: () => catcher.messages(), waitFor: (predicate, timeoutMs) => catcher.waitFor(predicate, timeoutMs) },
    async close() {
      await council.close();
      await outbox.close();
      await catcher.close();
      await audit.close();
      await disconnectDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
