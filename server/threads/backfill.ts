/**
 * Messages stored before two changes of how they are kept: page buckets (shared/threads/rules.ts)
 * and reply counts taken from a per-parent sequence (messages.ts recordReply). Run once per
 * database at start-up (server/db/migrations.ts).
 */
import { trusted } from 'mongoose';
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
