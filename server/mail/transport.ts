/** The SMTP connection mail leaves by (nodemailer), and how its failures are read. */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config';

export type MailTransport = Transporter;

/**
 * The configured SMTP server: implicit TLS with `SMTP_SECURE`, otherwise STARTTLS whenever the
 * server offers it (nodemailer's default). One pooled connection: the worker sends one mail at a
 * time, and a digest morning reuses the connection instead of a handshake per person. Null without
 * `SMTP_HOST`.
 */
export function smtpTransport(config: Config): MailTransport | null {
  if (!config.SMTP_HOST) return null;
  return nodemailer.createTransport({
    pool: true,
    maxConnections: 1,
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    auth: config.SMTP_USER ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } : undefined,
    // Far below the worker's lease (outbox.ts), so a send has failed or finished long before
    // another process may take it for a crashed one.
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
}

/** A transport to an SMTP server on this machine (the local mail catcher, the tests' servers). */
export function loopbackTransport(port: number): MailTransport {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 20_000,
  });
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  command?: string;
}

/**
 * The server refused this message or its recipient for good (a 5xx to RCPT TO or DATA): trying
 * again would only be refused again. Everything else (down, timeouts, 4xx, authentication) is
 * retried up to the cap.
 */
export function isPermanentFailure(err: unknown): boolean {
  const { code, responseCode } = (err ?? {}) as SmtpFailure;
  return typeof responseCode === 'number' && responseCode >= 500 && (code === 'EENVELOPE' || code === 'EMESSAGE');
}

/**
 * A failure as codes only (`ECONNECTION`, `EENVELOPE 550 RCPT TO`): the server's own text can quote
 * the recipient's address, which is never logged or stored with the error.
 */
export function failureCodes(err: unknown): string {
  const { code, responseCode, command } = (err ?? {}) as SmtpFailure;
  const parts = [code ?? (err instanceof Error ? err.name : 'Error'), responseCode, command].filter((p) => p !== undefined && p !== '');
  return parts.join(' ');
}
