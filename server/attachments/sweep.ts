/**
 * Uploads that never became part of a message or a meeting (the composer was closed, the send
 * abandoned) are removed after a day, and their content with them once nothing else refers to it.
 */
import { trusted } from 'mongoose';
import type { BlobStore } from './blobStore';
import { AttachmentModel } from './model';

export const ORPHAN_AFTER_MS = 24 * 3600_000;
const SWEEP_INTERVAL_MS = 60 * 60_000;

export async function sweepOrphanAttachments(store: BlobStore, now = new Date()): Promise<number> {
  const orphans = await AttachmentModel.find(
    { messageId: null, meetingId: null, createdAt: trusted({ $lt: new Date(now.getTime() - ORPHAN_AFTER_MS) }) },
    { sha256: 1 },
  )
    .limit(1_000)
    .lean();
  if (!orphans.length) return 0;
  await AttachmentModel.deleteMany({ _id: trusted({ $in: orphans.map((o) => o._id) }) });
  for (const sha256 of new Set(orphans.map((o) => o.sha256))) {
    if (!(await AttachmentModel.exists({ sha256 }))) await store.remove(sha256);
  }
  return orphans.length;
}

/** Sweep every hour; returns the stop function. */
export function startOrphanSweeper(store: BlobStore): () => void {
  const timer = setInterval(() => void sweepOrphanAttachments(store).catch(() => undefined), SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
