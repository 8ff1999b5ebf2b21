/**
 * The thread's message buckets kept in memory in each app process, so paging a long thread reads
 * nothing from the database once its pages have been read (issue 15: on the embedded engine a
 * page of 50 messages costs 10–25 ms of decoding; from memory it costs none).
 *
 * A bucket holds the messages numbered in [b·50, b·50 + 50); the cache keeps, per bucket, the
 * range of it that pages have read (lean rows with their reactions), growing as pages touch more.
 * The cache is told of changes by the threads' change log, read by the thread view
 * (threadView.ts) before every page: a send records `<thread>:<bucket>` with its thread's activity
 * (one entry for both), an edit, deletion, hiding, restoring or a reply count records `m:<message>`
 * (messageSchema's hooks, model.ts), a reaction records `m:<message>` (reactions.ts), and `*` or
 * `m:*` (writes around the app, a reload) empties it. Every app process reads the same log, so
 * every process's cache follows every process's writes.
 *
 * A read that started before a change to its bucket was applied is not kept (its rows may predate
 * the change): each change is stamped with a tick, each read remembers the tick it began at.
 *
 * Two reads of the same range at once share one database read, and a page of history reads the
 * page before it ahead, after answering (`readAhead`): someone scrolling up a long thread finds the
 * next page already in memory, as in Slack, instead of waiting for a first read each time.
 */
import { LRUCache } from 'lru-cache';
import type { Types } from 'mongoose';
import type { Reaction } from '@shared/schemas/threads';
import { MESSAGE_BUCKET_SPAN } from '@shared/threads/rules';
import { engineTraits } from '../db/engine';
import { log } from '../log';
import { ALL_MESSAGES, bucketKey, messageKey } from './changeKeys';
import { MessageModel, type MessageRow } from './model';
import { reactionsOf } from './reactions';
import { threadView } from './threadView';

/** What the cache holds of one bucket: the messages numbered in [from, to), with their reactions. */
export interface BucketPart {
  from: number;
  to: number;
  /** In number order. */
  messages: MessageRow[];
  reactions: ReadonlyMap<string, Reaction[]>;
}

/** One empty list for every message without reactions, so a view kept beside a row (presenter.ts) stays valid. */
const NO_REACTIONS = Object.freeze([]) as unknown as Reaction[];

/** How many messages the cache holds at most, over all its buckets (about 1 kB each: 50 MB at most). */
const MAX_MESSAGES = Number(process.env.THREAD_CACHE_MESSAGES ?? 50_000);
/** How many changed keys are remembered for reads in flight before the cache forgets them all at once. */
const MAX_STAMPS = 10_000;
/**
 * How many reads ahead may run at once (more are skipped: reading ahead must never queue up behind a
 * crowd). Anything but a number (a typo) turns reading ahead off rather than leaving it unbounded.
 */
const MAX_READS_AHEAD = Number(process.env.THREAD_READ_AHEAD ?? 2) || 0;

const DEFAULTS = {
  parentId: null,
  version: 1,
  editedAt: null,
  deletedAt: null,
  hidden: null,
  attachments: [],
  replyCount: 0,
  lastReplyAt: null,
};

const DEFAULTED = Object.keys(DEFAULTS) as Array<keyof typeof DEFAULTS>;

/**
 * A lean row, fresh from the driver, with the fields older documents may lack filled in as the
 * schema's defaults (as a document would have them). Filled in place: spreading the row into a new
 * object cost more than decoding it (23 µs against 9 µs a row, measured).
 */
function withDefaults(row: MessageRow): MessageRow {
  const fields = row as unknown as Record<string, unknown>;
  for (const key of DEFAULTED) if (!(key in fields)) fields[key] = DEFAULTS[key];
  fields.mentions ??= { users: [], organizations: [] };
  return row;
}

/** Two parts of one bucket that touch, as one (the later read's rows win). */
function joined(earlier: BucketPart, later: BucketPart): BucketPart {
  const bySeq = new Map<number, MessageRow>();
  for (const m of [...earlier.messages, ...later.messages]) bySeq.set(m.seq, m);
  return {
    from: Math.min(earlier.from, later.from),
    to: Math.max(earlier.to, later.to),
    messages: [...bySeq.values()].sort((a, b) => a.seq - b.seq),
    reactions: new Map([...earlier.reactions, ...later.reactions]),
  };
}

/** A range of one bucket to read from the database. */
interface BucketRead {
  bucket: number;
  key: string;
  from: number;
  to: number;
}

/**
 * The stored messages of `reads`, in number order, in the shape the engine serves best (engine.ts):
 * - where an `$in` is a set of index lookups, one query for all the ranges, by their numbers
 *   (`seq: {$in}`, on the unique thread-and-number index): the engine reads exactly those rows. The
 *   embedded engine would otherwise read every row of the buckets and parse each one to test its
 *   number (64 messages: 6.4–7.3 ms by number against 8.9–10.0 by bucket and range, measured).
 *   Numbers start at 1 (nextSequence), so 0, which the embedded engine pushes down to no index, is never asked for.
 * - elsewhere (FerretDB on PostgreSQL pushes down equalities only), one query per bucket, by bucket and
 *   narrowed to its range, all at once.
 */
async function storedMessages(threadId: Types.ObjectId, reads: readonly BucketRead[]): Promise<MessageRow[]> {
  // The driver's own find: a lean read through mongoose costs its query building and casting on every page read.
  const find = async (filter: Record<string, unknown>) => (await MessageModel.collection.find(filter).toArray()) as unknown as MessageRow[];
  let rows: MessageRow[];
  if (engineTraits().indexedIn) {
    const numbers: number[] = [];
    for (const { from, to } of reads) for (let seq = Math.max(1, from); seq < to; seq++) numbers.push(seq);
    rows = numbers.length ? await find({ threadId, seq: { $in: numbers } }) : [];
  } else {
    rows = (await Promise.all(reads.map(({ bucket, from, to }) => find({ threadId, bucket, seq: { $gte: from, $lt: to } })))).flat();
  }
  return rows.map(withDefaults).sort((a, b) => a.seq - b.seq);
}

class BucketCache {
  private parts = new LRUCache<string, BucketPart>({
    maxSize: MAX_MESSAGES,
    // An empty part still takes a slot.
    sizeCalculation: (p) => Math.max(1, p.messages.length),
    dispose: (part, key) => this.unindex(part, key),
  });
  /** Which cached bucket holds each message. */
  private bucketOfMessage = new Map<string, string>();
  private tick = 0;
  /** The tick at which each key last changed, for reads in flight. */
  private changedAt = new Map<string, number>();
  /** Reads begun before this tick are not kept (everything changed, or the stamps were forgotten). */
  private floor = 0;
  /** Database reads in flight, per bucket, so a second read of a range they cover shares one. */
  private pending = new Map<string, Array<{ from: number; to: number; read: Promise<BucketPart> }>>();
  /** Reads ahead in flight. */
  private ahead = new Set<Promise<unknown>>();

  constructor() {
    threadView.listen((keys) => this.changed(keys));
  }

  /**
   * The messages of `bucket` numbered in [from, to) (within the bucket), from memory if the cache
   * holds that range, else read from the database narrowed to it. Call after the thread view is current.
   */
  async read(threadId: Types.ObjectId, bucket: number, from: number, to: number): Promise<BucketPart> {
    return (await this.readMany(threadId, [{ bucket, from, to }]))[0]!;
  }

  /**
   * Each range of `wanted` (a bucket's numbers in [from, to), within the bucket), from memory where the
   * cache holds it, else from a read in flight that covers it, else from the database: the ranges
   * left over are read at once, in one query of the messages and one of their reactions however many
   * buckets they span (on the embedded engine each query costs a fixed 1–2.5 ms before its rows), and
   * kept, each joined to what the cache holds of its bucket when the two touch. Call after the
   * thread view is current.
   */
  async readMany(threadId: Types.ObjectId, wanted: ReadonlyArray<{ bucket: number; from: number; to: number }>): Promise<BucketPart[]> {
    const found: Array<BucketPart | Promise<BucketPart>> = [];
    const toRead: Array<BucketRead & { slot: number }> = [];
    for (const { bucket, ...range } of wanted) {
      let { from, to } = range;
      const key = bucketKey(threadId, bucket);
      const cached = this.parts.get(key);
      if (cached && cached.from <= from && cached.to >= to) {
        found.push(cached);
        continue;
      }
      // The cache holds one range per bucket: a read that would leave a gap to it also reads the gap
      // (a bucket is 50 numbers at most), so the two join. Else two pages that share a bucket would
      // each replace the other's range, and be read from the database again every time.
      if (cached && cached.to < from) from = cached.to;
      if (cached && to < cached.from) to = cached.from;
      const sharing = this.pending.get(key)?.find((p) => p.from <= from && p.to >= to);
      if (sharing) {
        found.push(sharing.read);
        continue;
      }
      toRead.push({ bucket, key, from, to, slot: found.length });
      found.push(undefined as never);
    }
    if (toRead.length) {
      const reading = this.readStored(threadId, toRead);
      const entries = toRead.map((r, i) => {
        const entry = { from: r.from, to: r.to, read: reading.then((parts) => parts[i]!) };
        this.pending.set(r.key, [...(this.pending.get(r.key) ?? []), entry]);
        found[r.slot] = entry.read;
        return { key: r.key, entry };
      });
      void reading
        .catch(() => undefined)
        .then(() => {
          for (const { key, entry } of entries) {
            const left = this.pending.get(key)?.filter((p) => p !== entry) ?? [];
            if (left.length) this.pending.set(key, left);
            else this.pending.delete(key);
          }
        });
    }
    return await Promise.all(found);
  }

  /** The ranges `reads` from the database, each kept unless its bucket or a message of it changed meanwhile. */
  private async readStored(threadId: Types.ObjectId, reads: readonly BucketRead[]): Promise<BucketPart[]> {
    const began = this.tick;
    const rows = await storedMessages(threadId, reads);
    const reactions = await reactionsOf(rows.map((m) => m._id));
    const parts = reads.map(({ bucket, from, to }): BucketPart => {
      const messages = rows.filter((m) => m.bucket === bucket && m.seq >= from && m.seq < to);
      const own = new Map<string, Reaction[]>();
      for (const m of messages) {
        const r = reactions.get(String(m._id));
        if (r) own.set(String(m._id), r);
      }
      return { from, to, messages, reactions: own };
    });
    // A change stamped at the tick the read began at was applied before it began (changed() moves the tick, then stamps).
    const unchanged = (k: string) => (this.changedAt.get(k) ?? -1) <= began;
    reads.forEach(({ key, from, to }, i) => {
      const read = parts[i]!;
      if (!(began >= this.floor && unchanged(key) && read.messages.every((m) => unchanged(messageKey(m._id))))) return;
      // What the cache holds now is current too (a change would have removed it): join the two if they touch.
      const held = this.parts.get(key);
      const part = held && held.from <= to && from <= held.to ? joined(held, read) : read;
      this.parts.set(key, part);
      for (const m of part.messages) this.bucketOfMessage.set(String(m._id), key);
    });
    return parts;
  }

  /**
   * Reads [from, to) into the cache in the background (the page someone is likely to ask for next),
   * unless MAX_READS_AHEAD are already running. A failure is only logged: nobody waits for it.
   */
  readAhead(threadId: Types.ObjectId, from: number, to: number): void {
    if (to <= from || this.ahead.size >= MAX_READS_AHEAD) return;
    // Begun once the page being answered is on its way (setImmediate runs after the response is written).
    const running: Promise<unknown> = new Promise((resolve) => setImmediate(resolve))
      .then(() => messagesInRange(threadId, from, to, false))
      .catch((err: unknown) => log.warn({ err, threadId: String(threadId), from, to }, 'reading a thread page ahead failed'))
      .finally(() => this.ahead.delete(running));
    this.ahead.add(running);
  }

  /** Resolves once no read ahead is running (tests, benches). */
  async settled(): Promise<void> {
    while (this.ahead.size) await Promise.allSettled([...this.ahead]);
  }

  /** What the change log says changed (`null`: anything). */
  private changed(keys: readonly string[] | null): void {
    this.tick++;
    if (!keys || keys.includes('*') || keys.includes(ALL_MESSAGES)) {
      this.parts.clear();
      this.bucketOfMessage.clear();
      this.changedAt.clear();
      this.floor = this.tick;
      return;
    }
    if (this.changedAt.size + keys.length > MAX_STAMPS) {
      this.changedAt.clear();
      this.floor = this.tick;
    }
    for (const key of keys) {
      if (!key.includes(':')) continue; // a thread's own id: the thread view's business
      this.changedAt.set(key, this.tick);
      const bucket = key.startsWith('m:') ? this.bucketOfMessage.get(key.slice(2)) : key;
      if (bucket) this.parts.delete(bucket);
    }
  }

  private unindex(part: BucketPart, key: string): void {
    for (const m of part.messages) if (this.bucketOfMessage.get(String(m._id)) === key) this.bucketOfMessage.delete(String(m._id));
  }

  /** How many messages it holds (tests, logs). */
  get size(): number {
    return this.parts.calculatedSize;
  }
}

export const bucketCache = new BucketCache();

/**
 * The messages numbered in [from, to) (top-level ones only, if asked), each with its reactions:
 * the buckets the range touches, read at once, each from the cache or narrowed to the range.
 */
export async function messagesInRange(threadId: Types.ObjectId, from: number, to: number, topLevelOnly: boolean) {
  const wanted: Array<{ bucket: number; from: number; to: number }> = [];
  for (let b = Math.floor(from / MESSAGE_BUCKET_SPAN); b <= Math.floor((to - 1) / MESSAGE_BUCKET_SPAN); b++)
    wanted.push({ bucket: b, from: Math.max(from, b * MESSAGE_BUCKET_SPAN), to: Math.min(to, (b + 1) * MESSAGE_BUCKET_SPAN) });
  const read = await bucketCache.readMany(threadId, wanted);
  return read.flatMap((part) =>
    part.messages
      .filter((m) => m.seq >= from && m.seq < to && !(topLevelOnly && m.parentId))
      .map((m) => ({ message: m, reactions: part.reactions.get(String(m._id)) ?? NO_REACTIONS })),
  );
}
