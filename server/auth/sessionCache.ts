/**
 * Stored sessions kept in memory in each app process, so a request reads its session without a
 * round trip to the database (docs/PERFORMANCE.md, "The person behind a request"). The session
 * store records every write it makes in the people log (users/peopleView.ts) under `session:<id>`,
 * so the one look at that log a request makes for its user also tells every process which sessions
 * to forget. A session is read from the database the first time it is asked for, and again after
 * any recorded change to it.
 */
import { peopleView } from '../users/peopleView';

/** The change-log key of a stored session, and the key that makes every process forget all of them. */
export const sessionKey = (sid: string) => `session:${sid}`;
export const ALL_SESSIONS = 'session:*';

/** A stored session as the store reads it. */
export interface StoredSession {
  _id: string;
  session: unknown;
  expires?: Date;
  lastModified?: Date;
}

/** At most this many are kept (the oldest first out); a session not kept is read again. */
export const MAX_CACHED_SESSIONS = 50_000;

let entries = new Map<string, StoredSession>();
/** Moved by every change applied: a read from the database started before one is not kept. */
let generation = 0;

peopleView.listen((keys) => {
  generation++;
  if (keys === null || keys.includes(ALL_SESSIONS)) {
    entries = new Map();
    return;
  }
  for (const key of keys) if (key.startsWith('session:')) entries.delete(key.slice('session:'.length));
});

/**
 * The stored session `sid` as of now (null if there is none): the people view is brought up to date
 * first, so a change recorded by any process before this call is seen.
 */
export async function storedSession(sid: string, read: (sid: string) => Promise<StoredSession | null>): Promise<StoredSession | null> {
  await peopleView.current();
  const kept = entries.get(sid);
  if (kept) return structuredClone(kept);
  const before = generation;
  const stored = await read(sid);
  // A missing session is not kept: one being created now would be recorded only once it is written.
  if (stored && generation === before) {
    if (entries.size >= MAX_CACHED_SESSIONS) entries.delete(entries.keys().next().value!);
    entries.set(sid, structuredClone(stored));
  }
  return stored;
}
