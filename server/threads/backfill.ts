/**
 * Messages stored before changes of how they are kept: page buckets (shared/threads/rules.ts),
 * reply counts taken from a per-parent sequence (messages.ts recordReply), and search grams beside
 * the message instead of in it. Each runs once per database at start-up (server/upgrades.ts).
 */
import mongoose, { trusted, type Types } from 'mongoose';
import { bucketOf } from '@shared/threads/rules';
import { continueSequenceAfter } from '../db/sequence';
import { MessageGramsModel, MessageModel } from './model';
import { replySequence } from './messages';

export async function upgradeStoredMessages(): Promise<{ filed: number; replyCounts: number }> {
  const unfiled = await MessageModel.find({ bucket: trusted({ $exists: false }) }, { seq: 1 }).lean();
  for (const message of unfiled) await MessageModel.updateOne({ _id: message._id }, { $set: { bucket: bucketOf(message.seq) } });
  // A parent's next reply must count on from the replies it already had, not from 1.
  const parents = await MessageModel.find({ replyCount: trusted({ $gt: 0 }) }, { replyCount: 1 }).lean();
  for (const parent of parents) await continueSequenceAfter(replySequence(parent._id), parent.replyCount);
  return { filed: unfiled.length, replyCounts: parents.length };
}

interface StoredMessageGrams {
  _id: Types.ObjectId;
  threadId: Types.ObjectId;
  visibility: string;
  createdAt: Date;
  deletedAt?: Date | null;
  hidden?: unknown;
  grams?: string[];
}

/**
 * Search grams were once kept inside each message (and decoded with it on every page read); they
 * now live in `message_grams` (messageGrams.ts). Moves them across in batches; safe to run again
 * after an interruption (a grams document already there is left as it is).
 */
export async function moveMessageGrams(batchSize = 500): Promise<number> {
  const messages = mongoose.connection.collection<StoredMessageGrams>('messages');
  // One pass: on the embedded engine any filter but `_id` reads the whole collection, so the pass
  // is never repeated per batch.
  const cursor = messages
    .find({ grams: { $exists: true } }, { projection: { threadId: 1, visibility: 1, createdAt: 1, deletedAt: 1, hidden: 1, grams: 1 } })
    .batchSize(batchSize);
  let moved = 0;
  let batch: StoredMessageGrams[] = [];
  const flush = async () => {
    const searchable = batch.filter((m) => !m.deletedAt && !m.hidden && m.grams?.length);
    const there = new Set(
      (await MessageGramsModel.find({ _id: trusted({ $in: searchable.map((m) => m._id) }) }, { _id: 1 }).lean()).map((g) => String(g._id)),
    );
    const docs = searchable
      .filter((m) => !there.has(String(m._id)))
      .map((m) => ({ _id: m._id, threadId: m.threadId, visibility: m.visibility, createdAt: m.createdAt, grams: m.grams! }));
    if (docs.length) await MessageGramsModel.collection.insertMany(docs);
    await messages.updateMany({ _id: { $in: batch.map((m) => m._id) } }, { $unset: { grams: '' } });
    moved += docs.length;
    batch = [];
  };
  for await (const message of cursor) {
    batch.push(message);
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length) await flush();
  return moved;
}
