/**
 * Uploads that never became part of a message or a meeting (the composer was closed, the send
 * abandoned) are removed after a day, and their content with them once nothing else refers to it.
 */
import { trusted } from 'mongoose';
import type { BlobStore } from './blobStore';
import { AttachmentModel } from './model';

const ORPHAN_AFTER_MS = 24 * 3600_000;
const SWEEP_INTERVAL_MS = 60 * 60_000;
/** Never posted and never meeting material. */
const unclaimed = { messageId: null, meetingId: null };

export async function sweepOrphanAttachments(store: BlobStore, now = new Date()): Promise<number> {
  const orphans = await AttachmentModel.find({ ...unclaimed, createdAt: trusted({ $lt: new Date(now.getTime() - ORPHAN_AFTER_MS) }) }, { sha256: 1 })
    .limit(1_000)
    .lean();
  if (!orphans.length) return 0;
  // Still unclaimed: a send may have claimed one since it was read.
  const { deletedCount } = await AttachmentModel.deleteMany({ _id: trusted({ $in: orphans.map((o) => o._id) }), ...unclaimed });
  const hashes = [...new Set(orphans.map((o) => o.sha256))];
  // One query for the content still in use, not one per file (each would scan the collection on SQLite).
  const held = new Set((await AttachmentModel.find({ sha256: trusted({ $in: hashes }) }, { sha256: 1 }).lean()).map((a) => a.sha256));
  for (const sha256 of hashes) if (!held.has(sha256)) await store.remove(sha256);
  return deletedCount;
}

/** Sweep every hour; returns the stop function. */
export function startOrphanSweeper(store: BlobStore): () => void {
  const timer = setInterval(() => void sweepOrphanAttachments(store).catch(() => undefined), SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
