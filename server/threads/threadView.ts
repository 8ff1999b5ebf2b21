/**
 * The forum's threads kept in memory in each app process (server/db/collectionView.ts), so the
 * thread list and the unread counts never read the whole threads collection, which grows with the
 * council's history. Every write to a thread (a new message moves its activity) is recorded in the
 * threads' change log (model.ts).
 */
import mongoose, { type Types } from 'mongoose';
import { CollectionView } from '../db/collectionView';
import { ThreadModel, THREADS_LOG, type ThreadDocument, type ThreadRecord } from './model';

export type ThreadRow = ThreadRecord & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

export const threadView = new CollectionView<ThreadRow>(THREADS_LOG, (ids) => ThreadModel.find(ids ? { _id: mongoose.trusted({ $in: ids }) } : {}).lean<ThreadRow[]>());

/** A row where a stored thread is expected (the presenters read the same fields). */
export const asThread = (row: ThreadRow) => row as unknown as ThreadDocument;

/** The list's order: pinned first, then by last activity, newest first, then by `_id`, highest first. */
export function byActivity(a: ThreadRow, b: ThreadRow): number {
  return Number(b.pinned) - Number(a.pinned) || b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || (String(b._id) < String(a._id) ? -1 : String(b._id) > String(a._id) ? 1 : 0);
}

/** Every thread, in the list's order. */
export const threadsByActivity = () => threadView.inOrder('activity', byActivity);
