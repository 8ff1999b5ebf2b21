/** What every mail shares: its sender, where its links point, its Message-IDs and its unsubscribe key. */
import type { Config } from '../config';
import { unsubscribeKey } from './unsubscribe';

export interface MailSite {
  from: string;
  /** Absolute links start here: the first PUBLIC_ORIGIN, else this server's own address. */
  baseUrl: string;
  /** The right-hand side of every Message-ID: the domain of MAIL_FROM. */
  messageIdDomain: string;
  unsubscribeKey: Buffer;
}

export function mailSiteOf(config: Config, sessionSecret: string): MailSite {
  const address = /<([^<>]+)>\s*$/.exec(config.MAIL_FROM)?.[1] ?? config.MAIL_FROM;
  return {
    from: config.MAIL_FROM,
    baseUrl: publicBaseUrl(config),
    messageIdDomain: address.slice(address.lastIndexOf('@') + 1) || 'council.invalid',
    unsubscribeKey: unsubscribeKey(sessionSecret),
  };
}

/** The address people reach the council at: PUBLIC_ORIGIN's first origin, or (development) HOST and PORT. */
export function publicBaseUrl(config: Config): string {
  const origin = config.PUBLIC_ORIGIN[0];
  if (origin) return new URL(origin).origin;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`;
}

export const INBOX_PATH = '/notifications';
export const SETTINGS_PATH = '/profile/notifications';
export const unsubscribePagePath = (token: string) => `/unsubscribe?token=${encodeURIComponent(token)}`;
export const unsubscribeApiPath = (token: string) => `/api/mail/unsubscribe?token=${encodeURIComponent(token)}`;

export const absoluteUrl = (site: MailSite, path: string) => `${site.baseUrl}${path}`;

/**
 * `<6650….12@council.example.jp>` from the outbox id: the same for every attempt at one mail, so a
 * second delivery after a crash is recognisable as the same message (and mail systems that keep
 * Message-IDs drop it).
 */
export function messageIdOf(outboxId: string, site: MailSite): string {
  return `<${outboxId.replace(/[^A-Za-z0-9.-]/g, '.')}@${site.messageIdDomain}>`;
}
