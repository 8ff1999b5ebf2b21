/**
 * A change log per named view: what changed, in order, readable by every app process, so a process
 * that keeps a projection in memory (the register: server/issues/registerView.ts) learns of writes
 * made by the others.
 *
 * Entry n of log `name` is the document `{ _id: "<name>#<n>", keys }`, claimed by inserting it: a
 * unique `_id` is the one write every engine serialises (docs/DATABASE.md), so each number is
 * taken once, and a writer only tries n + 1 once n exists — the entries always run 1, 2, … without a
 * gap. A reader asks for the next numbers by an indexed `$in` (where `$in` is not indexed, for the next
 * one by `_id` first, never a scan) and applies what it finds in order. The head document is only a hint of where to start,
 * kept with `$max`.
 */
import type { Db } from 'mongodb';
import { log as appLog } from '../log';
import { engineTraits } from './engine';
import { isDuplicateKey } from './keys';

const ENTRIES = 'change_log';
const HEADS = 'change_log_heads';
/**
 * Where an `$in` is a set of index lookups: how many entries a look asks for first, and how many each read after it.
 * Every request looks, and most find nothing: an `$in` of 64 cost a request 1 ms more than one of a few (measured).
 */
const FIRST_LOOK = 4;
const READ_AHEAD = 64;
/** How many `_id` equalities one read sends at once where it is not. */
const EQUALITIES_AT_ONCE = 8;
/**
 * Entries are removed once they are both this old and this far behind the head (pruneLog): every
 * process reading a view looks at least as often, so only one idle for longer can miss them — and
 * it notices (changesSince) and reads everything again.
 */
export const KEEP = { entries: 10_000, ms: 3_600_000 };
/** A log is pruned each time its head passes a multiple of this. */
const PRUNE_EVERY = 1_000;
/** How often a reader makes sure its last entry is still there (not pruned while it was idle). */
const STILL_THERE_MS = 10_000;

interface Entry {
  _id: string;
  /** The ids written, or `*` for "anything may have changed". */
  keys: string[];
  at: Date;
}
interface Head {
  _id: string;
  n: number;
  /** Entries up to this one have been removed (a hint of where the next pruning starts). */
  pruned?: number;
}

/**
 * Writes of one log in this process are grouped: while one entry is being claimed, the keys of the
 * writes that arrive wait for the next claim and go into one entry together. One claim costs three
 * round trips, so a burst of message sends (each moves its thread) costs a few entries, not a queue
 * of hundreds; and writers of one process never walk past each other's claims.
 */
interface Pending {
  keys: Set<string>;
  done: Promise<number>;
}
const pending = new Map<string, Pending>();
const claiming = new Map<string, Promise<unknown>>();
/** When this process last saw one of its own entries written, per log (performance.now()). */
const recordedAt = new Map<string, number>();
/**
 * Claim the next entry for `keys`. `n` resolves once the entry is written (what others see);
 * `hinted` once the head hint has moved too, which the next claim of this process waits for (read
 * before it moved, the hint would send that claim to a number already taken, one round trip lost).
 */
function claim(db: Db, name: string, keys: string[]): { n: Promise<number>; hinted: Promise<unknown> } {
  const n = (async () => {
    const head = await db.collection<Head>(HEADS).findOne({ _id: name });
    // From the head, never from what this process remembers: the database may be another one since (a gap would hide every later entry).
    for (let next = (head?.n ?? 0) + 1; ; next++) {
      try {
        await db.collection<Entry>(ENTRIES).insertOne({ _id: `${name}#${next}`, keys, at: new Date() });
        if (next % PRUNE_EVERY === 0)
          void pruneLog(db, name, next).catch((err: unknown) => appLog.warn({ err }, `change log ${name}: pruning failed`));
        return next;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
  })();
  const hinted = n.then((claimed) =>
    db
      .collection<Head>(HEADS)
      .updateOne({ _id: name }, { $max: { n: claimed } }, { upsert: true })
      .catch((err: unknown) => {
        // Two first-ever heads raced: the other one is there, and a hint may lag.
        if (!isDuplicateKey(err)) appLog.warn({ err }, `change log ${name}: the head hint did not move`);
      }),
  );
  return { n, hinted };
}

/**
 * Record that `key` changed (`'*'`: anything may have). Resolves once other processes can see it:
 * when its entry is written, not waiting for the head hint to move.
 */
export function recordChange(db: Db, name: string, key: string): Promise<number> {
  const log = `${db.databaseName}/${name}`;
  let batch = pending.get(log);
  if (!batch) {
    const keys = new Set<string>();
    const previous = claiming.get(log) ?? Promise.resolve();
    // The batch is claimed once the claim before it has finished (its hint moved); until then it takes more keys.
    const claimed = previous
      .catch(() => undefined)
      .then(() => {
        pending.delete(log);
        return claim(db, name, [...keys]);
      });
    const done = claimed.then((c) => c.n);
    const finished = claimed.then((c) => c.hinted);
    batch = { keys, done };
    pending.set(log, batch);
    claiming.set(log, finished);
    const forget = () => claiming.get(log) === finished && claiming.delete(log);
    finished.then(forget, forget);
    done.then(
      () => recordedAt.set(log, performance.now()),
      () => undefined,
    );
  }
  batch.keys.add(key);
  return batch.done;
}

/**
 * When this process last recorded a change in log `name` (performance.now(); -Infinity for never):
 * a look at the log that began after it sees every change this process has recorded.
 */
export function lastRecorded(db: Db, name: string): number {
  return recordedAt.get(`${db.databaseName}/${name}`) ?? -Infinity;
}

const lastLooked = new Map<string, number>();

/**
 * The entries after `seen`, in order, up to the first number not yet written. A reader whose last
 * entry was pruned while it was idle gets one entry `*` (read everything again).
 */
export async function changesSince(db: Db, name: string, seen: number): Promise<Array<{ n: number; keys: string[] }>> {
  const looked = `${db.databaseName}/${name}`;
  if (seen > 0 && Date.now() - (lastLooked.get(looked) ?? 0) > STILL_THERE_MS) {
    lastLooked.set(looked, Date.now());
    if (!(await db.collection<Entry>(ENTRIES).findOne({ _id: `${name}#${seen}` }, { projection: { _id: 1 } })))
      return [{ n: seen, keys: ['*'] }];
  }
  // Where an `$in` is a set of index lookups (engine.ts), the first read is the look itself: FIRST_LOOK entries, so
  // one round trip whether nothing or a few things changed; then READ_AHEAD at a time. Elsewhere (FerretDB on PostgreSQL pushes
  // down equalities, never `$in`, which would read the whole log) by `_id` equalities: the next entry alone (nothing
  // new, the usual answer, costs one), then EQUALITIES_AT_ONCE at a time, at once.
  const entries = db.collection<Entry>(ENTRIES);
  const indexedIn = engineTraits().indexedIn;
  const read = async (ids: string[]) =>
    indexedIn
      ? await entries.find({ _id: { $in: ids } }, { projection: { keys: 1 } }).toArray()
      : (await Promise.all(ids.map((_id) => entries.findOne({ _id }, { projection: { keys: 1 } })))).filter((r) => r !== null);
  const found: Array<{ n: number; keys: string[] }> = [];
  for (let from = seen + 1, width = indexedIn ? FIRST_LOOK : 1; ; from += width, width = indexedIn ? READ_AHEAD : EQUALITIES_AT_ONCE) {
    const ids = Array.from({ length: width }, (_, i) => `${name}#${from + i}`);
    const byN = new Map((await read(ids)).map((r) => [Number(r._id.slice(name.length + 1)), r.keys]));
    for (let n = from; n < from + width; n++) {
      const keys = byN.get(n);
      if (keys === undefined) return found;
      found.push({ n, keys });
    }
  }
}

/** The number of the last entry written so far (0 for none). */
export async function lastChange(db: Db, name: string): Promise<number> {
  const head = await db.collection<Head>(HEADS).findOne({ _id: name });
  const after = await changesSince(db, name, head?.n ?? 0);
  return after.length ? after[after.length - 1]!.n : (head?.n ?? 0);
}

/**
 * Remove the entries of log `name` that are older than KEEP.ms and more than KEEP.entries behind
 * `head`, oldest first, in batches looked up by `_id`; the head document remembers how far it got.
 * Run by whichever process claims a multiple of PRUNE_EVERY; two at once only repeat each other's work.
 */
export async function pruneLog(db: Db, name: string, head: number, keep = KEEP): Promise<number> {
  const heads = db.collection<Head>(HEADS);
  const entries = db.collection<Entry>(ENTRIES);
  const cutoff = new Date(Date.now() - keep.ms);
  const upTo = head - keep.entries;
  let from = ((await heads.findOne({ _id: name }))?.pruned ?? 0) + 1;
  let removed = 0;
  while (from <= upTo) {
    const ids = Array.from({ length: Math.min(500, upTo - from + 1) }, (_, i) => `${name}#${from + i}`);
    const rows = await entries.find({ _id: { $in: ids } }, { projection: { at: 1 } }).toArray();
    const at = new Map(rows.map((r) => [r._id, r.at]));
    // The old ones up to the first young one (an entry already gone counts as old).
    const old: string[] = [];
    for (const id of ids) {
      const when = at.get(id);
      if (when && when >= cutoff) break;
      old.push(id);
    }
    if (!old.length) break;
    await entries.deleteMany({ _id: { $in: old } });
    removed += old.length;
    from += old.length;
    await heads.updateOne({ _id: name }, { $max: { pruned: from - 1 } });
    if (old.length < ids.length) break;
  }
  return removed;
}
