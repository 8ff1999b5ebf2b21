/**
 * The inbox, stored per person so that it is read by person and never scanned (docs/NOTIFICATIONS.md):
 *
 * - `notifications`: one document per notification, `_id` `<userId>:<seq>`, numbered 1, 2, 3… per
 *   person (the `_id` is the unique key: no second index, each costs every insert) and again per stream (`{ streamKey, streamSeq }`, unique, where
 *   `streamKey` is `<userId>:<stream>`), so a page of any tab is an `$in` of numbers on a unique index.
 * - `inbox_state`: one document per person (`_id` = user id): the last numbers given, the unread count,
 *   everything up to `readThrough` read ("mark all read"), and the current batched notification per
 *   thread (`batches`).
 *
 * A number is claimed by the notification's unique insert, so two processes delivering to one person
 * at once can never give one number twice (the loser reads the state again and takes the next).
 */
import mongoose, { Schema, type Types } from 'mongoose';
import { NOTIFICATION_KINDS, NOTIFICATION_STREAMS, type NotificationKind, type NotificationStream } from '@shared/notifications/kinds';
import type { NotificationDetail, NotificationTarget } from '@shared/schemas/notifications';
import type { Person } from '@shared/schemas/threads';

export interface NotificationRecord {
  _id: string;
  userId: Types.ObjectId;
  seq: number;
  streamKey: string;
  streamSeq: number;
  stream: NotificationStream;
  kind: NotificationKind;
  at: Date;
  /** Set when read one by one; a number at or below the state's `readThrough` is read anyway. */
  readAt: Date | null;
  /** Marked unread again after "mark all read" covered it. */
  unreadAgain: boolean;
  actor: Person | null;
  target: NotificationTarget;
  detail: NotificationDetail;
  count: number;
}

const notificationSchema = new Schema<NotificationRecord>(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true, min: 1 },
    streamKey: { type: String, required: true },
    streamSeq: { type: Number, required: true, min: 1 },
    stream: { type: String, enum: NOTIFICATION_STREAMS, required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    at: { type: Date, required: true },
    readAt: { type: Date, default: null },
    unreadAgain: { type: Boolean, default: false },
    actor: { type: Schema.Types.Mixed, default: null },
    target: { type: Schema.Types.Mixed, required: true },
    detail: { type: Schema.Types.Mixed, default: () => ({}) },
    count: { type: Number, default: 1 },
  },
  { versionKey: false, minimize: false },
);
notificationSchema.index({ streamKey: 1, streamSeq: 1 }, { unique: true });

export const NotificationModel = mongoose.model<NotificationRecord>('Notification', notificationSchema, 'notifications');

export interface InboxStateRecord {
  _id: string;
  lastSeq: number;
  unread: number;
  readThrough: number;
  streams: Partial<Record<NotificationStream, number>>;
  /** Thread id → the number of its batched `thread.activity` notification, while unread. */
  batches: Record<string, number>;
  /** Numbers at or below `readThrough` marked unread again (few; capped). */
  reopened: number[];
}

const stateSchema = new Schema<InboxStateRecord>(
  {
    _id: { type: String, required: true },
    lastSeq: { type: Number, default: 0 },
    unread: { type: Number, default: 0 },
    readThrough: { type: Number, default: 0 },
    streams: { type: Schema.Types.Mixed, default: () => ({}) },
    batches: { type: Schema.Types.Mixed, default: () => ({}) },
    reopened: { type: [Number], default: [] },
  },
  { versionKey: false, minimize: false },
);
export const InboxStateModel = mongoose.model<InboxStateRecord>('InboxState', stateSchema, 'inbox_state');

export const emptyState = (userId: string): InboxStateRecord => ({
  _id: userId,
  lastSeq: 0,
  unread: 0,
  readThrough: 0,
  streams: {},
  batches: {},
  reopened: [],
});

export const notificationId = (userId: string, seq: number) => `${userId}:${seq}`;
export const streamKeyOf = (userId: string, stream: NotificationStream) => `${userId}:${stream}`;

export function isRead(
  n: Pick<NotificationRecord, 'seq' | 'readAt' | 'unreadAgain'>,
  state: Pick<InboxStateRecord, 'readThrough'>,
): boolean {
  if (n.unreadAgain) return false;
  return n.readAt != null || n.seq <= state.readThrough;
}
