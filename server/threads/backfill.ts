/**
 * Messages stored before they were filed in buckets (shared/threads/rules.ts) get their bucket at
 * start-up, once: afterwards no message lacks one and this reads nothing back.
 */
import { trusted } from 'mongoose';
import { bucketOf } from '@shared/threads/rules';
import { MessageModel } from './model';

export async function fileMessagesInBuckets(): Promise<number> {
  const unfiled = await MessageModel.find({ bucket: trusted({ $exists: false }) }, { seq: 1 }).lean();
  for (const message of unfiled) await MessageModel.updateOne({ _id: message._id }, { $set: { bucket: bucketOf(message.seq) } });
  return unfiled.length;
}
