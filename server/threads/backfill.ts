/**
 * Forum data stored before changes of how it is kept: page buckets (shared/threads/rules.ts), reply
 * counts taken from a per-parent sequence (messages.ts recordReply), and the search grams that the
 * search index replaced. Each runs once per database at start-up (server/upgrades.ts).
 */
import mongoose, { trusted } from 'mongoose';
import { bucketOf } from '@shared/threads/rules';
import { continueSequenceAfter } from '../db/sequence';
import { MessageModel } from './model';
import { replySequence } from './messages';

export async function upgradeStoredMessages(): Promise<{ filed: number; replyCounts: number }> {
  const unfiled = await MessageModel.find({ bucket: trusted({ $exists: false }) }, { seq: 1 }).lean();
  for (const message of unfiled) await MessageModel.updateOne({ _id: message._id }, { $set: { bucket: bucketOf(message.seq) } });
  // A parent's next reply must count on from the replies it already had, not from 1.
  const parents = await MessageModel.find({ replyCount: trusted({ $gt: 0 }) }, { replyCount: 1 }).lean();
  for (const parent of parents) await continueSequenceAfter(replySequence(parent._id), parent.replyCount);
  return { filed: unfiled.length, replyCounts: parents.length };
}

/** A MongoDB error's code: 26 names no collection, 27 no index (already gone: nothing to do). */
const alreadyGone = (err: unknown) => [26, 27].includes((err as { code?: number }).code ?? 0);

/**
 * The forum's search grams, from before "search everywhere" (server/search/) indexed threads and messages: the
 * `message_grams` collection and its index, and any grams still inside messages (a database that never moved them
 * out) or threads, with the threads' index on them. Safe to run again. Returns how many documents lost grams.
 */
export async function dropSearchGrams(): Promise<number> {
  const db = mongoose.connection.db!;
  // Not through the models: their schemas no longer name `grams`, so mongoose would drop the `$unset`. One pass
  // each: on the embedded engine any filter but `_id` reads the whole collection.
  const unset = { $unset: { grams: '' } };
  const [messages, threads] = await Promise.all([
    db.collection('messages').updateMany({ grams: { $exists: true } }, unset),
    db.collection('threads').updateMany({ grams: { $exists: true } }, unset),
  ]);
  await db
    .collection('threads')
    .dropIndex('grams_1')
    .catch((err: unknown) => {
      if (!alreadyGone(err)) throw err;
    });
  await db.dropCollection('message_grams').catch((err: unknown) => {
    if (!alreadyGone(err)) throw err;
  });
  return messages.modifiedCount + threads.modifiedCount;
}
