/**
 * Uploads that never became part of a message, a meeting or an announcement (the composer was
 * closed, the send abandoned, the file taken off again) are removed after a day, and their content
 * with them once nothing else refers to it.
 */
import { trusted } from 'mongoose';
import type { BlobStore } from './blobStore';
import { AttachmentModel, AttachmentThumbnailModel, UNCLAIMED } from './model';

const ORPHAN_AFTER_MS = 24 * 3600_000;
const SWEEP_INTERVAL_MS = 60 * 60_000;

export async function sweepOrphanAttachments(store: BlobStore, now = new Date()): Promise<number> {
  const dayAgo = new Date(now.getTime() - ORPHAN_AFTER_MS);
  await store.removeStale(dayAgo);
  const orphans = await AttachmentModel.find({ ...UNCLAIMED, createdAt: trusted({ $lt: dayAgo }) }, { sha256: 1 })
    .limit(1_000)
    .lean();
  if (!orphans.length) return 0;
  const ids = orphans.map((o) => o._id);
  // Still unclaimed: a send may have claimed one since it was read, and that one stays.
  await AttachmentModel.deleteMany({ _id: trusted({ $in: ids }), ...UNCLAIMED });
  const stayed = new Set((await AttachmentModel.find({ _id: trusted({ $in: ids }) }, { _id: 1 }).lean()).map((a) => String(a._id)));
  const gone = orphans.filter((o) => !stayed.has(String(o._id)));
  for (const o of gone) await store.release(String(o._id));
  // The uploader may have seen a thumbnail of one before it was abandoned.
  if (gone.length) await AttachmentThumbnailModel.deleteMany({ _id: trusted({ $in: gone.map((o) => o._id) }) });
  // Uploads stored before each had a name for its content hold it by its hash alone: keep what any
  // record names. (One query for all, not one per file: each would scan the collection on SQLite.)
  const hashes = [...new Set(gone.map((o) => o.sha256))];
  const held = new Set((await AttachmentModel.find({ sha256: trusted({ $in: hashes }) }, { sha256: 1 }).lean()).map((a) => a.sha256));
  for (const sha256 of hashes) if (!held.has(sha256)) await store.drop(sha256);
  return gone.length;
}

/** Sweep every hour; returns the stop function. */
export function startOrphanSweeper(store: BlobStore): () => void {
  const timer = setInterval(() => void sweepOrphanAttachments(store).catch(() => undefined), SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
