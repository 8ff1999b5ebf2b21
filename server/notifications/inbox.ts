/**
 * Reading one's inbox: a page is an `$in` of numbers on a unique index (`_id` `<userId>:<seq>` for all and
 * unread, `{ streamKey, streamSeq }` for a tab), never a scan of anyone's notifications, so it costs
 * the same with 1,000 or 100,000 stored. Marking read moves the person's unread count with it.
 */
import mongoose from 'mongoose';
import type { Actor } from '@shared/domain';
import type { InboxTab, NotificationStream } from '@shared/notifications/kinds';
import type { InboxPage, Notification } from '@shared/schemas/notifications';
import {
  InboxStateModel,
  isRead,
  notificationId,
  NotificationModel,
  streamKeyOf,
  type InboxStateRecord,
  type NotificationRecord,
} from './model';
import { normalise } from './store';
import { readableTargets, targetKey } from './access';
import { presentNotification } from './presenter';

/** How many numbers one look reads ahead of what a page needs (gaps: batches moved up, targets no longer readable). */
const LOOK_AHEAD = 1.5;
const MAX_LOOKS = 6;
/** Numbers below "mark all read" that were marked unread again: kept in the state, a few at most. */
const MAX_REOPENED = 200;

export async function inboxState(userId: string): Promise<InboxStateRecord> {
  const row = await InboxStateModel.findById(userId).lean<InboxStateRecord>();
  return normalise(row ?? { _id: userId });
}

export async function unreadCount(userId: string): Promise<number> {
  return Math.max(0, (await inboxState(userId)).unread);
}

const STREAM_OF_TAB: Partial<Record<InboxTab, NotificationStream>> = {
  mentions: 'mentions',
  register: 'register',
  meetings: 'meetings',
  announcements: 'announcements',
};

/** A page of the reader's inbox, newest first, holding only what the reader may read now. */
export async function inboxPage(actor: Actor, query: { tab: InboxTab; before?: number | undefined; limit: number }): Promise<InboxPage> {
  const state = await inboxState(actor.id);
  const stream = STREAM_OF_TAB[query.tab];
  const last = stream ? (state.streams[stream] ?? 0) : state.lastSeq;
  let top = Math.min(last, (query.before ?? last + 1) - 1);
  const found: NotificationRecord[] = [];
  for (let look = 0; top >= 1 && found.length < query.limit && look < MAX_LOOKS; look++) {
    const want = Math.ceil((query.limit - found.length) * LOOK_AHEAD) + 2;
    const bottom = Math.max(1, top - want + 1);
    let numbers = range(bottom, top);
    // Unread: below "mark all read" only what was marked unread again can be unread.
    if (query.tab === 'unread') numbers = numbers.filter((n) => n > state.readThrough || state.reopened.includes(n));
    const rows = numbers.length ? await readNumbers(actor.id, stream, numbers) : [];
    const readable = await readableTargets(
      actor,
      rows.map((r) => r.target),
    );
    for (const row of rows.sort((a, b) => b.seq - a.seq)) {
      if (!readable.has(targetKey(row.target))) continue;
      if (query.tab === 'unread' && isRead(row, state)) continue;
      found.push(row);
    }
    top = bottom - 1;
    if (query.tab === 'unread' && top <= state.readThrough && !state.reopened.some((n) => n <= top)) top = 0;
  }
  const page = found.slice(0, query.limit);
  const position = (r: NotificationRecord) => (stream ? r.streamSeq : r.seq);
  const next = page.length === query.limit ? position(page[page.length - 1]!) : top >= 1 ? top + 1 : null;
  return {
    notifications: page.map((r) => presentNotification(r, isRead(r, state))),
    next: next != null && next > 1 ? next : null,
    unread: Math.max(0, state.unread),
  };
}

async function readNumbers(userId: string, stream: NotificationStream | undefined, numbers: number[]): Promise<NotificationRecord[]> {
  const filter = stream
    ? { streamKey: streamKeyOf(userId, stream), streamSeq: mongoose.trusted({ $in: numbers }) }
    : { _id: mongoose.trusted({ $in: numbers.map((n) => notificationId(userId, n)) }) };
  return NotificationModel.find(filter).lean<NotificationRecord[]>();
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_v, i) => from + i);

/** Mark some of one's own notifications read (or unread again). Returns the unread count after. */
export async function markRead(userId: string, ids: readonly string[], read: boolean): Promise<number> {
  const own = [...new Set(ids)].filter((id) => id.startsWith(`${userId}:`));
  if (!own.length) return unreadCount(userId);
  const [state, rows] = await Promise.all([
    inboxState(userId),
    NotificationModel.find({ _id: mongoose.trusted({ $in: own }) }).lean<NotificationRecord[]>(),
  ]);
  const now = new Date();
  let delta = 0;
  // One `updateMany` per outcome, never a bulk of per-document updates: FerretDB 1.24 holds a
  // connection per statement of one update command, and 100 of them exhaust its pool and freeze it
  // (docs/DATABASE.md, finding 2).
  const readNow: string[] = [];
  const unreadAbove: string[] = [];
  const unreadBelow: string[] = [];
  const unsetBatches: Record<string, ''> = {};
  const reopened = new Set(state.reopened);
  for (const row of rows) {
    if (isRead(row, state) === read) continue;
    delta += read ? -1 : 1;
    if (read) {
      readNow.push(row._id);
      reopened.delete(row.seq);
      if (row.kind === 'thread.activity' && state.batches[row.target.id] === row.seq) unsetBatches[`batches.${row.target.id}`] = '';
    } else if (row.seq <= state.readThrough) {
      unreadBelow.push(row._id);
      reopened.add(row.seq);
    } else {
      unreadAbove.push(row._id);
    }
  }
  if (delta === 0) return Math.max(0, state.unread);
  const set = (ids: string[], fields: Partial<NotificationRecord>) =>
    ids.length ? NotificationModel.updateMany({ _id: mongoose.trusted({ $in: ids }) }, { $set: fields }) : null;
  await Promise.all([
    set(readNow, { readAt: now, unreadAgain: false }),
    set(unreadAbove, { readAt: null, unreadAgain: false }),
    set(unreadBelow, { readAt: null, unreadAgain: true }),
  ]);
  const update: Record<string, unknown> = {
    $inc: { unread: delta },
    $set: { reopened: [...reopened].sort((a, b) => b - a).slice(0, MAX_REOPENED) },
  };
  if (Object.keys(unsetBatches).length) update.$unset = unsetBatches;
  const after = await InboxStateModel.findOneAndUpdate({ _id: userId }, update, { returnDocument: 'after' }).lean<InboxStateRecord>();
  return Math.max(0, after?.unread ?? 0);
}

/**
 * Mark everything read: everything up to the last number is read, in one write of the person's
 * state (compared with the last number it read, so a notification arriving meanwhile stays unread).
 */
export async function markAllRead(userId: string): Promise<number> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const state = await inboxState(userId);
    if (state.reopened.length) {
      await NotificationModel.updateMany(
        { _id: mongoose.trusted({ $in: state.reopened.map((n) => notificationId(userId, n)) }) },
        { $set: { unreadAgain: false, readAt: new Date() } },
      );
    }
    const saved = await InboxStateModel.updateOne(
      { _id: userId, lastSeq: state.lastSeq },
      { $set: { readThrough: state.lastSeq, unread: 0, reopened: [], batches: {} } },
    );
    if (saved.matchedCount === 1 || state.lastSeq === 0) return 0;
  }
  return unreadCount(userId);
}

export type { Notification };

/**
 * Which of one person's notifications are not known to be read (the digest leaves out what was read
 * in the inbox meanwhile; one no longer stored — a batch moved up — counts as unread).
 */
export async function stillUnread(userId: string, ids: readonly string[]): Promise<Set<string>> {
  const own = ids.filter((id) => id.startsWith(`${userId}:`));
  if (!own.length) return new Set(ids);
  const [state, rows] = await Promise.all([
    inboxState(userId),
    NotificationModel.find({ _id: mongoose.trusted({ $in: own }) }, { seq: 1, readAt: 1, unreadAgain: 1 }).lean<NotificationRecord[]>(),
  ]);
  const read = new Set(rows.filter((r) => isRead(r, state)).map((r) => r._id));
  return new Set(ids.filter((id) => !read.has(id)));
}
