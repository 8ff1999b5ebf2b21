/**
 * Storing notifications in people's inboxes, in batches: one event for 2,000 people is three round
 * trips (their states by `_id`, one insert of every notification, one bulk update of the states), not
 * thousands. Numbers are claimed by the unique inserts (model.ts): a number another process took
 * first is retried with that person's state read again.
 */
import mongoose from 'mongoose';
import { streamOf, type NotificationKind } from '@shared/notifications/kinds';
import type { NotificationDetail, NotificationTarget } from '@shared/schemas/notifications';
import type { Person } from '@shared/schemas/threads';
import { isDuplicateKey } from '../db/keys';
import {
  emptyState,
  InboxStateModel,
  isRead,
  notificationId,
  NotificationModel,
  streamKeyOf,
  type InboxStateRecord,
  type NotificationRecord,
} from './model';

export interface Pending {
  userId: string;
  kind: NotificationKind;
  actor: Person | null;
  target: NotificationTarget;
  detail: NotificationDetail;
  /** Thread activity is batched per thread: one unread notification per thread, counting its events. */
  batch?: { key: string; count: number };
  at: Date;
}

export interface Stored {
  record: NotificationRecord;
  /** The person's unread count after it. */
  unread: number;
}

const MAX_ROUNDS = 8;
const CHUNK = 500;

/** Store one notification per item (one item per person). Returns what was stored, in no particular order. */
export async function storeNotifications(items: readonly Pending[]): Promise<Stored[]> {
  const out: Stored[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await storeChunk(items.slice(i, i + CHUNK))));
  return out;
}

async function storeChunk(items: readonly Pending[]): Promise<Stored[]> {
  const stored: Stored[] = [];
  let todo = items;
  for (let round = 0; todo.length && round < MAX_ROUNDS; round++) {
    const states = await statesOf(todo.map((p) => p.userId));
    const bumped = await batchedUnread(todo, states);
    const planned = todo.map((p) => plan(p, states.get(p.userId)!, bumped.get(p.userId)));
    const failed = new Set<number>();
    try {
      await mongoose.connection.collection<NotificationRecord>('notifications').insertMany(
        planned.map((p) => p.record),
        { ordered: false },
      );
    } catch (err) {
      const writeErrors = (err as { writeErrors?: { index: number; code?: number; err?: { code?: number } }[] }).writeErrors;
      if (!writeErrors) throw err;
      for (const e of writeErrors) {
        if ((e.code ?? e.err?.code) !== 11000) throw err;
        failed.add(e.index);
      }
    }
    const done = planned.filter((_p, i) => !failed.has(i));
    await finish(done);
    for (const p of done) stored.push({ record: p.record, unread: p.unread });
    todo = todo.filter((_p, i) => failed.has(i));
  }
  if (todo.length) throw new Error(`notifications: ${todo.length} could not be numbered after ${MAX_ROUNDS} rounds`);
  return stored;
}

/** Each person's inbox state, created where missing (a unique insert: two creators leave one). */
async function statesOf(userIds: readonly string[]): Promise<Map<string, InboxStateRecord>> {
  const states = new Map<string, InboxStateRecord>();
  const rows = await InboxStateModel.find({ _id: mongoose.trusted({ $in: userIds }) }).lean<InboxStateRecord[]>();
  for (const row of rows) states.set(row._id, normalise(row));
  const missing = userIds.filter((id) => !states.has(id));
  if (missing.length) {
    try {
      await mongoose.connection.collection<InboxStateRecord>('inbox_state').insertMany(
        missing.map((id) => emptyState(id)),
        { ordered: false },
      );
    } catch (err) {
      if (!isDuplicateKey(err) && !(err as { writeErrors?: unknown }).writeErrors) throw err;
    }
    const again = await InboxStateModel.find({ _id: mongoose.trusted({ $in: missing }) }).lean<InboxStateRecord[]>();
    for (const row of again) states.set(row._id, normalise(row));
  }
  return states;
}

export function normalise(row: Partial<InboxStateRecord> & { _id: string }): InboxStateRecord {
  return { ...emptyState(row._id), ...row, streams: row.streams ?? {}, batches: row.batches ?? {}, reopened: row.reopened ?? [] };
}

/** For batched items: the person's current notification of that batch, when it is still unread. */
async function batchedUnread(items: readonly Pending[], states: Map<string, InboxStateRecord>): Promise<Map<string, NotificationRecord>> {
  const ids: string[] = [];
  for (const p of items) {
    const seq = p.batch && states.get(p.userId)?.batches[p.batch.key];
    if (seq) ids.push(notificationId(p.userId, seq));
  }
  const found = new Map<string, NotificationRecord>();
  if (!ids.length) return found;
  const rows = await NotificationModel.find({ _id: mongoose.trusted({ $in: ids }) }).lean<NotificationRecord[]>();
  for (const row of rows) {
    const userId = String(row.userId);
    if (!isRead(row, states.get(userId)!)) found.set(userId, row);
  }
  return found;
}

interface Planned {
  record: NotificationRecord;
  /** The notification this one replaces (a batch moved to the top). */
  replaces: NotificationRecord | undefined;
  state: InboxStateRecord;
  unread: number;
}

function plan(p: Pending, state: InboxStateRecord, replaces: NotificationRecord | undefined): Planned {
  const stream = streamOf(p.kind);
  const seq = state.lastSeq + 1;
  const streamSeq = (state.streams[stream] ?? 0) + 1;
  const record: NotificationRecord = {
    _id: notificationId(p.userId, seq),
    userId: new mongoose.Types.ObjectId(p.userId),
    seq,
    streamKey: streamKeyOf(p.userId, stream),
    streamSeq,
    stream,
    kind: p.kind,
    at: p.at,
    readAt: null,
    unreadAgain: false,
    actor: p.actor,
    target: p.target,
    detail: p.detail,
    count: (replaces?.count ?? 0) + (p.batch?.count ?? 1),
  };
  return { record, replaces, state, unread: state.unread + (replaces ? 0 : 1) };
}

/** After the inserts: the states move on, and batches moved to the top leave their old place. */
async function finish(done: readonly Planned[]): Promise<void> {
  if (!done.length) return;
  const replaced = done.flatMap((p) => (p.replaces ? [p.replaces._id] : []));
  const updates = done.map((p) => {
    const set: Record<string, unknown> = {};
    const batch = p.record.kind === 'thread.activity' ? p.record.target.id : null;
    if (batch) set[`batches.${batch}`] = p.record.seq;
    return {
      updateOne: {
        filter: { _id: p.state._id },
        update: {
          $max: { lastSeq: p.record.seq, [`streams.${p.record.stream}`]: p.record.streamSeq },
          $inc: { unread: p.replaces ? 0 : 1 },
          ...(batch ? { $set: set } : {}),
        },
      },
    };
  });
  await Promise.all([
    mongoose.connection.collection<InboxStateRecord>('inbox_state').bulkWrite(updates, { ordered: false }),
    replaced.length ? NotificationModel.deleteMany({ _id: mongoose.trusted({ $in: replaced }) }) : null,
  ]);
}
