/**
 * Small helpers for writing with unique keys, which every engine we support enforces even where
 * concurrent updates of one document are not safe (docs/DATABASE.md).
 */
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/** The error a unique key raises when a second document claims it. */
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: number } | null)?.code === 11000;

/** Await an insert whose duplicate means "already there", which is as good. */
export async function ignoringDuplicate(insert: Promise<unknown>): Promise<boolean> {
  try {
    await insert;
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/**
 * The id of something a client sends with its own id (a message, a thread, a chat line): the same
 * author and client id always give the same ObjectId, so a retry finds the stored document with an
 * `_id` lookup — the one lookup every engine answers without scanning — and `_id` itself refuses a
 * second copy.
 */
export function idempotentId(kind: string, authorId: string, clientId: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`${kind}\u0000${authorId}\u0000${clientId}`).digest().subarray(0, 12));
}

/** A user's text as a literal inside `$regex`. */
export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
