/**
 * What e-mail keeps in the database. Every document is keyed so that a retry, a second process or
 * a restart finds the same one by `_id`, and claims are inserts (a unique `_id` is the one write
 * every engine arbitrates; concurrent updates of one document can be lost on FerretDB — DATABASE.md).
 */
import mongoose, { Schema } from 'mongoose';
import type { Notification } from '@shared/schemas/notifications';
import type { UnsubscribeKind } from '@shared/schemas/mail';

export const OUTBOX_STATES = ['pending', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/**
 * One mail, rendered when it is stored (a retry sends the same bytes). `_id` is the notification's
 * id (`<userId>:<seq>`) or `digest:<userId>:<YYYY-MM-DD>`. `attempt` counts the claims made on it:
 * the worker that inserts claim `<_id>#<attempt>` is the one that sends that attempt.
 */
export interface OutboxRecord {
  _id: string;
  userId: string;
  /** The kind it is about (`digest` for a digest): what its List-Unsubscribe stops. */
  kind: UnsubscribeKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<…@…>`, from `_id`: the same on every attempt, so a repeat after a crash is recognisable as one. */
  messageId: string;
  /** List-Unsubscribe and its companions. */
  headers: Record<string, string>;
  /** For a digest, the digest items it carries (removed once it is stored; a second run removes them again). */
  items: string[];
  state: OutboxState;
  attempt: number;
  /** Not to be tried before (backoff after a failure). */
  notBefore: Date;
  createdAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
  /** The last failure, as SMTP codes only (never the server's text, which may quote the address). */
  lastError: string | null;
}

const outboxSchema = new Schema<OutboxRecord>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    kind: { type: String, required: true },
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String, required: true },
    messageId: { type: String, required: true },
    headers: { type: Schema.Types.Mixed, default: () => ({}) },
    items: { type: [String], default: () => [] },
    state: { type: String, enum: OUTBOX_STATES, required: true },
    attempt: { type: Number, required: true, default: 0 },
    notBefore: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    failedAt: { type: Date, default: null },
    lastError: { type: String, default: null },
  },
  { minimize: false, versionKey: false },
);
// The purge's listings (hourly) and, on a real MongoDB, any listing by state; the worker reads mail_queue.
outboxSchema.index({ state: 1, notBefore: 1 });
export const OutboxModel = mongoose.model<OutboxRecord>('MailOutbox', outboxSchema, 'mail_outbox');

/**
 * One small document per mail still to send (`_id` the outbox's), so the worker's look decodes these
 * and not every stored mail: on this engine a filter on `state` reads the whole outbox, sent mail and
 * its bodies included (~11 kB each; DATABASE.md). The outbox stays the truth — an entry whose mail is
 * no longer pending is dropped when it is next attempted — and a process starting up queues any
 * pending mail that has no entry (one stored just before a crash).
 */
export interface MailQueueRecord {
  _id: string;
  notBefore: Date;
  attempt: number;
}

const queueSchema = new Schema<MailQueueRecord>(
  {
    _id: { type: String, required: true },
    notBefore: { type: Date, required: true },
    attempt: { type: Number, required: true },
  },
  { versionKey: false },
);
export const MailQueueModel = mongoose.model<MailQueueRecord>('MailQueue', queueSchema, 'mail_queue');

export const queueEntryOf = (mail: Pick<OutboxRecord, '_id' | 'notBefore' | 'attempt'>): MailQueueRecord => ({
  _id: mail._id,
  notBefore: mail.notBefore,
  attempt: mail.attempt,
});

/** `_id` `<outboxId>#<attempt>`: inserted by the one worker that sends that attempt, never updated. */
export interface MailClaimRecord {
  _id: string;
  at: Date;
  /** After this the claimer is taken to have died mid-send, and the next attempt may be claimed. */
  leaseUntil: Date;
}

const claimSchema = new Schema<MailClaimRecord>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
  },
  { versionKey: false },
);
export const MailClaimModel = mongoose.model<MailClaimRecord>('MailClaim', claimSchema, 'mail_claims');

/** A notification kept for its person's next daily digest; `_id` is the notification's id. */
export interface DigestItemRecord {
  _id: string;
  userId: string;
  notification: Notification;
  at: Date;
}

const digestItemSchema = new Schema<DigestItemRecord>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true, index: true },
    notification: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
  },
  // Kept as presented, empty `detail: {}` included.
  { minimize: false, versionKey: false },
);
export const DigestItemModel = mongoose.model<DigestItemRecord>('MailDigestItem', digestItemSchema, 'mail_digest_items');
