/**
 * Distinct, consecutive numbers per named sequence (issue numbers per fiscal year, message numbers
 * per thread), correct under concurrency on every MongoDB-compatible engine.
 *
 * Why not a bare `$inc` counter: FerretDB 1.24 on SQLite applies concurrent updates to one document
 * as read-modify-write without a lock, so parallel `$inc`s lose updates (20 parallel increments
 * left a counter at 4 in our probe; see docs/DATABASE.md). A unique key is enforced by the storage
 * itself, so each number is *claimed* by inserting `{ _id: "<name>#<n>" }`: exactly one claimant
 * wins each number. The `$inc` counter remains, as a hint of where to start, so on MongoDB (where
 * `$inc` is atomic) every claim succeeds at the first try.
 */
import mongoose from 'mongoose';
import { isDuplicateKey } from './keys';
import { ensureBeforeDeadline } from '../http/work';

const COUNTERS = 'sequence_counters';
const CLAIMS = 'sequence_claims';
const MAX_ATTEMPTS = 10_000;
const QUEUE_WAIT_MS = 2_000;

interface Counter {
  _id: string;
  seq: number;
}
interface Claim {
  _id: string;
  name: string;
  n: number;
  at: Date;
}

async function hint(name: string): Promise<number> {
  const counters = mongoose.connection.collection<Counter>(COUNTERS);
  for (;;) {
    try {
      const doc = await counters.findOneAndUpdate({ _id: name }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
      return doc!.seq;
    } catch (err) {
      // Two first-ever upserts raced to create the counter: the loser simply increments it.
      if (!isDuplicateKey(err)) throw err;
    }
  }
}

/**
 * Claims of one sequence queue up inside this process: concurrent callers would otherwise all start
 * from the same (lossy) hint and walk past each other's claims one failed insert at a time, which
 * made 100 concurrent posts to one thread take seconds. Across processes the unique claim still
 * decides.
 */
const queues = new Map<string, Promise<unknown>>();

/** Resolve when `previous` settles, or after QUEUE_WAIT_MS at the latest (the timer is cleared: one per claim on the hot path). */
function turnAfter(previous: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, QUEUE_WAIT_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    previous.then(done, done);
  });
}

/** The next number of sequence `name`, starting at 1. */
export function nextSequence(name: string): Promise<number> {
  const previous = queues.get(name) ?? Promise.resolve();
  // Its turn may come after its caller gave up (a queue built up while the database was away): skip it then.
  const claim = () => {
    ensureBeforeDeadline();
    return claimNext(name);
  };
  // The queue only spares the database needless duplicate claims; the unique claim keeps numbers
  // right without it. So a turn waits for the one before at most QUEUE_WAIT_MS: one operation that
  // never answers (a connection lost mid-request in an outage) must not hold the sequence forever.
  const next = turnAfter(previous).then(claim);
  queues.set(name, next);
  // Forget an idle queue, so the map holds only sequences in use.
  void next.then(
    () => queues.get(name) === next && queues.delete(name),
    () => queues.get(name) === next && queues.delete(name),
  );
  return next;
}

async function claimNext(name: string): Promise<number> {
  const claims = mongoose.connection.collection<Claim>(CLAIMS);
  let n = await hint(name);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++, n++) {
    try {
      await claims.insertOne({ _id: `${name}#${n}`, name, n, at: new Date() });
      if (attempt > 0) {
        // The hint had fallen behind (lost updates): move it up so later callers start nearer.
        await mongoose.connection.collection<Counter>(COUNTERS).updateOne({ _id: name }, { $max: { seq: n } });
      }
      return n;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new Error(`sequence ${name}: no free number after ${MAX_ATTEMPTS} attempts`);
}

/**
 * Make sure sequence `name` continues after `n` (numbers handed out before the sequence existed):
 * the hint only moves up, and the unique claims still decide.
 */
export async function continueSequenceAfter(name: string, n: number): Promise<void> {
  await mongoose.connection.collection<Counter>(COUNTERS).updateOne({ _id: name }, { $max: { seq: n } }, { upsert: true });
}
