/** Notifications to hand the mail outbox, and people to address them to, for the e-mail tests. */
import { randomBytes } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import type { Notification } from '../../shared/schemas/notifications';
import { streamOf } from '../../shared/notifications/kinds';
import { UserModel } from '../../server/users/model';
import { settingsFor } from '../../server/notifications/settings';

/** A demo account's id (the seed made it). */
export async function userIdOf(email: string): Promise<string> {
  const user = await UserModel.findOne({ email }).lean();
  if (!user) throw new Error(`no account ${email}`);
  return String(user._id);
}

let seq = Math.floor(Math.random() * 1_000_000);

/** A notification for `userId`, as the notifier presents it; `overrides` change what a test is about. */
export function notificationFor(
  userId: string,
  overrides: Partial<Omit<Notification, 'target'>> & { target?: Partial<Notification['target']> } = {},
): Notification {
  const kind = overrides.kind ?? 'thread.mention';
  seq += 1;
  return {
    id: `${userId}:${seq}`,
    stream: streamOf(kind),
    at: new Date().toISOString(),
    read: false,
    actor: {
      id: randomBytes(12).toString('hex'),
      displayName: '佐藤 花子',
      organization: { id: randomBytes(12).toString('hex'), nameJa: '株式会社テスト', nameEn: 'Test Ltd.' },
    },
    count: 1,
    detail: {},
    ...overrides,
    kind,
    target: {
      type: 'thread',
      id: randomBytes(12).toString('hex'),
      title: '標準仕様書の改定について',
      number: null,
      seq: 7,
      ...overrides.target,
    },
  };
}

/** A header of a received mail as one string. */
export function headerOf(mail: ParsedMail, name: string): string {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase());
  return line ? line.line.slice(line.line.indexOf(':') + 1).trim() : '';
}

export const withMessageId = (messageId: string) => (mail: ParsedMail) => mail.messageId === messageId;

/** The Message-ID the outbox gives a notification or digest outbox id (with the default MAIL_FROM). */
export const messageIdFor = (outboxId: string) => `<${outboxId.replace(/[^A-Za-z0-9.-]/g, '.')}@council.invalid>`;

/**
 * The kinds a person has chosen a delivery for, flat (`thread.mention`). settings.ts stores each
 * choice with `$set: { 'deliveries.<kind>': … }`, and the dot in a kind nests it
 * (`{ thread: { mention } }`); read either shape until that is settled there.
 */
export async function chosenDeliveries(userId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((await settingsFor(userId)).deliveries as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = value;
    else for (const [verb, delivery] of Object.entries(value as Record<string, string>)) out[`${key}.${verb}`] = delivery;
  }
  return out;
}
