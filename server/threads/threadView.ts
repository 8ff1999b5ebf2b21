/**
 * The forum's threads kept in memory in each app process (server/db/collectionView.ts), so the
 * thread list and the unread counts never read the whole threads collection, which grows with the
 * council's history. Every write to a thread (a new message moves its activity) is recorded in the
 * threads' change log (model.ts).
 */
import mongoose from 'mongoose';
import { CollectionView } from '../db/collectionView';
import { ThreadModel, THREADS_LOG, type ThreadRow } from './model';

export const threadView = new CollectionView<ThreadRow>(THREADS_LOG, (ids) =>
  ThreadModel.find(ids ? { _id: mongoose.trusted({ $in: ids }) } : {}).lean<ThreadRow[]>(),
);

/** The list's order: pinned first, then by last activity, newest first, then by `_id`, highest first. */
export function byActivity(a: ThreadRow, b: ThreadRow): number {
  return (
    Number(b.pinned) - Number(a.pinned) ||
    b.lastActivityAt.getTime() - a.lastActivityAt.getTime() ||
    (String(b._id) < String(a._id) ? -1 : String(b._id) > String(a._id) ? 1 : 0)
  );
}

/** Every thread, in the list's order. */
export const threadsByActivity = () => threadView.inOrder('activity', byActivity);
