/**
 * Failed attempts kept in the database, so that a restart does not unlock an account and every app
 * process sees the same count. Each failure is a document of its own (inserted, never updated), and
 * a lock is a document keyed by what it locks.
 *
 * Why not rate-limiter-flexible's RateLimiterMongo: it counts with one `findOneAndUpdate` `$inc`
 * upsert per key, and FerretDB can lose concurrent updates of one document (docs/DATABASE.md,
 * finding 1: our embedded build takes turns, FerretDB on PostgreSQL with several processes does
 * not), so a burst of guesses could be under-counted; it also relies on a TTL index, outside the
 * portable subset. Inserts are never lost on any engine; counting them is one equality lookup on
 * an indexed key, bounded by the limit (no more failures are taken while locked).
 */
import { randomUUID } from 'node:crypto';
import mongoose, { Schema, trusted } from 'mongoose';

const failureSchema = new Schema(
  {
    _id: { type: String },
    /** `<limit>:<what is limited>`, e.g. `login-account:someone@example.jp`. */
    key: { type: String, required: true, index: true },
    at: { type: Date, required: true },
  },
  { collection: 'auth_failures', versionKey: false },
);
const lockSchema = new Schema(
  { _id: { type: String }, until: { type: Date, required: true } },
  { collection: 'auth_locks', versionKey: false },
);

export const AuthFailureModel = mongoose.model('AuthFailure', failureSchema);
export const AuthLockModel = mongoose.model('AuthLock', lockSchema);

export interface AttemptLimit {
  /** Prefix of the keys, naming what is counted. */
  name: string;
  maxFailures: number;
  /** Failures older than this no longer count. */
  windowMs: number;
  /** How long the key is refused once it reaches `maxFailures` (at least `windowMs`, so a lock that ends starts a fresh count). */
  lockMs: number;
}

export interface AttemptLimiter {
  /** Milliseconds until `key` may try again; 0 when it may now. */
  lockedFor(key: string): Promise<number>;
  /** Count a failure of `key`; the lock's length in ms when this failure locks it, else 0. */
  failed(key: string): Promise<number>;
  /** Forget the failures of `key` (a success). */
  clear(key: string): Promise<void>;
}

export function attemptLimiter(limit: AttemptLimit): AttemptLimiter {
  const keyOf = (key: string) => `${limit.name}:${key}`;
  return {
    async lockedFor(key) {
      const lock = await AuthLockModel.findById(keyOf(key)).lean();
      return lock ? Math.max(0, lock.until.getTime() - Date.now()) : 0;
    },
    async failed(key) {
      const k = keyOf(key);
      const now = Date.now();
      await AuthFailureModel.collection.insertOne({ _id: `${k}#${randomUUID()}`, key: k, at: new Date(now) } as never);
      // Counted after our own insert: of N failures at once, the last to count sees all N.
      const recent = await AuthFailureModel.countDocuments({ key: k, at: trusted({ $gt: new Date(now - limit.windowMs) }) });
      if (recent < limit.maxFailures) return 0;
      // Several failures may lock at once: each sets nearly the same end, none is lost.
      await AuthLockModel.updateOne({ _id: k }, { $set: { until: new Date(now + limit.lockMs) } }, { upsert: true });
      return limit.lockMs;
    },
    async clear(key) {
      await AuthFailureModel.deleteMany({ key: keyOf(key) });
    },
  };
}

/** Delete failures older than `keepMs` and locks that have ended (a periodic sweep, like the sessions'). */
export async function sweepAttempts(keepMs: number): Promise<void> {
  const now = Date.now();
  await AuthFailureModel.deleteMany({ at: trusted({ $lt: new Date(now - keepMs) }) });
  await AuthLockModel.deleteMany({ until: trusted({ $lt: new Date(now) }) });
}
