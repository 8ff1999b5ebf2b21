/**
 * The keys the forum's writes record in the threads' change log besides a thread's own id
 * (server/db/changeLog.ts), read by each process's bucket cache (bucketCache.ts).
 */

/** A message was added to this bucket of this thread. */
export const bucketKey = (threadId: unknown, bucket: number): string => `${String(threadId)}:${bucket}`;
/** This message (or its reactions) changed. */
export const messageKey = (messageId: unknown): string => `m:${String(messageId)}`;
/** Any message may have changed (a write the hooks could not key). */
export const ALL_MESSAGES = 'm:*';
/** A reaction's `_id` is `<message>:<user>:<emoji>`: its message's key. */
export const reactionKey = (reactionId: string): string => messageKey(reactionId.slice(0, reactionId.indexOf(':')));
