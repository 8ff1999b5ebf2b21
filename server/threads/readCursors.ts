/** How far each person has read each thread; only ever moves forward. */
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { ReadState } from '@shared/schemas/threads';
import { isDuplicateKey } from '../db/keys';
import { readableThread } from './access';
import type { ForumBroadcast } from './broadcast';
import { ReadCursorModel } from './model';

/** Move the cursor to at least `seq` and return where it now stands. */
export async function advanceCursor(userId: string, threadId: string, seq: number): Promise<number> {
  const _id = `${userId}:${threadId}`;
  // Concurrent updates of one document can be lost on some engines: write until the document it left holds it.
  for (let attempt = 0; attempt < 5; attempt++) {
    let cursor: { seq: number } | null;
    try {
      cursor = await ReadCursorModel.findOneAndUpdate(
        { _id },
        { $max: { seq }, $set: { at: new Date() }, $setOnInsert: { userId, threadId } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // two first reads raced to create it: update again
      continue;
    }
    if (cursor && cursor.seq >= seq) return cursor.seq;
  }
  return seq;
}

export async function markRead(input: { actor: Actor; threadId: string; seq: number; broadcast: ForumBroadcast }): Promise<ReadState> {
  const { actor, threadId, broadcast } = input;
  const thread = await readableThread(actor, threadId);
  const readSeq = await advanceCursor(actor.id, threadId, Math.min(input.seq, thread.lastSeq));
  const state = { threadId, readSeq, lastSeq: thread.lastSeq };
  broadcast.readMoved(actor.id, state);
  return state;
}

/** The reader's cursor per thread for `threadIds` (0 when they never read it). */
export async function readSeqs(userId: string, threadIds: readonly string[]): Promise<Map<string, number>> {
  if (!threadIds.length) return new Map();
  const cursors = await ReadCursorModel.find(
    { _id: trusted({ $in: threadIds.map((t) => `${userId}:${t}`) }) },
    { threadId: 1, seq: 1 },
  ).lean();
  return new Map(cursors.map((c) => [String(c.threadId), c.seq]));
}

/** Every cursor of the reader: for the "unread only" filter. */
export async function allReadSeqs(userId: string): Promise<Map<string, number>> {
  const cursors = await ReadCursorModel.find({ userId }, { threadId: 1, seq: 1 }).lean();
  return new Map(cursors.map((c) => [String(c.threadId), c.seq]));
}
