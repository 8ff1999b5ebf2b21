/**
 * Mail is rendered and stored before anything is sent: the stored document is the promise that it
 * will be sent, and its `_id` (the notification's id, or `digest:<user>:<day>`) makes storing it
 * twice a no-op.
 */
import type { Notification } from '@shared/schemas/notifications';
import type { UnsubscribeKind } from '@shared/schemas/mail';
import { absoluteUrl, messageIdOf, unsubscribeApiPath, type MailSite } from './links';
import { MailQueueModel, OutboxModel, queueEntryOf, type MailQueueRecord, type OutboxRecord } from './model';
import type { Recipient } from './recipients';
import { renderDigestMail, renderNotificationMail, type RenderedMail } from './render';
import { signUnsubscribeToken } from './unsubscribe';

export const digestOutboxId = (userId: string, date: string) => `digest:${userId}:${date}`;

/** RFC 8058 one-click unsubscribe (the URL takes the POST) and RFC 3834's "no auto-replies, please". */
function listHeaders(site: MailSite, token: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${absoluteUrl(site, unsubscribeApiPath(token))}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'Auto-Submitted': 'auto-generated',
  };
}

function outboxRecord(
  id: string,
  recipient: Recipient,
  kind: UnsubscribeKind,
  site: MailSite,
  render: (token: string) => RenderedMail,
  now: Date,
): OutboxRecord {
  const token = signUnsubscribeToken(site.unsubscribeKey, recipient.userId, kind);
  return {
    _id: id,
    userId: recipient.userId,
    kind,
    to: recipient.email,
    ...render(token),
    messageId: messageIdOf(id, site),
    headers: listHeaders(site, token),
    items: [],
    state: 'pending',
    attempt: 0,
    notBefore: now,
    createdAt: now,
    sentAt: null,
    failedAt: null,
    lastError: null,
  };
}

export function notificationMail(n: Notification, recipient: Recipient, site: MailSite, now: Date): OutboxRecord {
  return outboxRecord(n.id, recipient, n.kind, site, (token) => renderNotificationMail(n, recipient, site, token), now);
}

export function digestMail(
  notifications: readonly Notification[],
  recipient: Recipient,
  site: MailSite,
  date: string,
  now: Date,
): OutboxRecord {
  const id = digestOutboxId(recipient.userId, date);
  const record = outboxRecord(id, recipient, 'digest', site, (token) => renderDigestMail(notifications, recipient, site, date, token), now);
  return { ...record, items: notifications.map((n) => n.id) };
}

interface WriteError {
  code?: number;
  index?: number;
  err?: { code?: number; index?: number };
}
interface BulkFailure {
  code?: number;
  writeErrors?: WriteError[] | WriteError;
}

/**
 * Insert documents that may be there already (`ordered: false`: one duplicate does not stop the
 * others); returns the ids inserted now. Anything but a duplicate key is thrown.
 */
export async function insertIgnoringDuplicates<T extends { _id: string }>(
  model: { insertMany(docs: T[], options: { ordered: false }): Promise<unknown> },
  docs: readonly T[],
): Promise<Set<string>> {
  const inserted = new Set(docs.map((d) => d._id));
  if (docs.length === 0) return inserted;
  try {
    await model.insertMany([...docs], { ordered: false });
  } catch (err) {
    const failure = err as BulkFailure;
    const writeErrors = failure.writeErrors === undefined ? [] : [failure.writeErrors].flat();
    if (writeErrors.length === 0) {
      if (failure.code !== 11000 || docs.length !== 1) throw err;
      inserted.clear();
      return inserted;
    }
    for (const writeError of writeErrors) {
      const code = writeError.code ?? writeError.err?.code;
      const index = writeError.index ?? writeError.err?.index;
      if (code !== 11000 || index === undefined) throw err;
      inserted.delete(docs[index]!._id);
    }
  }
  return inserted;
}

/**
 * Store mails and queue them for the worker; those already stored (the same notification, the same
 * digest day) are left as they are. A crash between the two inserts leaves mail the next start queues.
 */
export async function storeMails(records: readonly OutboxRecord[]): Promise<Set<string>> {
  const stored = await insertIgnoringDuplicates<OutboxRecord>(OutboxModel, records);
  await insertIgnoringDuplicates<MailQueueRecord>(MailQueueModel, records.filter((r) => stored.has(r._id)).map(queueEntryOf));
  return stored;
}
