/**
 * The thread's message buckets kept in memory in each app process, so paging a long thread reads
 * nothing from the database once its buckets have been read (issue 15: on the embedded engine a
 * page of 50 messages costs 10–25 ms of decoding; from memory it costs none).
 *
 * A bucket is every message numbered in [b·50, b·50 + 50) with its reactions, as stored (lean rows).
 * The cache is told of changes by the threads' change log, read by the thread view
 * (threadView.ts) before every page: a send records `<thread>:<bucket>` with its thread's activity
 * (one entry for both), an edit, deletion, hiding, restoring or a reply count records `m:<message>`
 * (messageSchema's hooks, model.ts), a reaction records `m:<message>` (reactions.ts), and `*` or
 * `m:*` (writes around the app, a reload) empties it. Every app process reads the same log, so
 * every process's cache follows every process's writes.
 *
 * A read that started before a change to its bucket was applied is not kept (its rows may predate
 * the change): each change is stamped with a tick, each read remembers the tick it began at.
 */
import { LRUCache } from 'lru-cache';
import { trusted, type Types } from 'mongoose';
import type { Reaction } from '@shared/schemas/threads';
import { MESSAGE_BUCKET_SPAN } from '@shared/threads/rules';
import { ALL_MESSAGES, bucketKey, messageKey } from './changeKeys';
import { MessageModel, type MessageRow } from './model';
import { reactionsOf } from './reactions';
import { threadView } from './threadView';

export interface Bucket {
  /** In number order. */
  messages: MessageRow[];
  reactions: ReadonlyMap<string, Reaction[]>;
}

/** How many messages the cache holds at most, over all its buckets (about 1 kB each). */
const MAX_MESSAGES = Number(process.env.THREAD_CACHE_MESSAGES ?? 20_000);
/** How many changed keys are remembered for reads in flight before the cache forgets them all at once. */
const MAX_STAMPS = 10_000;

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

/** A lean row with the fields older documents may lack filled in as the schema's defaults (as a document would have them). */
function withDefaults(row: MessageRow): MessageRow {
  return { ...DEFAULTS, ...row, mentions: row.mentions ?? { users: [], organizations: [] } };
}

class BucketCache {
  private buckets = new LRUCache<string, Bucket>({
    maxSize: MAX_MESSAGES,
    // An empty bucket still takes a slot.
    sizeCalculation: (b) => Math.max(1, b.messages.length),
    dispose: (bucket) => this.unindex(bucket),
  });
  /** Which cached bucket holds each message. */
  private bucketOfMessage = new Map<string, string>();
  private tick = 0;
  /** The tick at which each key last changed, for reads in flight. */
  private changedAt = new Map<string, number>();
  /** Reads begun before this tick are not kept (everything changed, or the stamps were forgotten). */
  private floor = 0;

  constructor() {
    threadView.listen((keys) => this.changed(keys));
  }

  /** The bucket if it is in memory. */
  peek(threadId: Types.ObjectId, bucket: number): Promise<Bucket> | undefined {
    const cached = this.buckets.get(bucketKey(threadId, bucket));
    return cached && Promise.resolve(cached);
  }

  /** The bucket, from memory or read whole once (with its reactions). Call after the thread view is current. */
  async read(threadId: Types.ObjectId, bucket: number): Promise<Bucket> {
    const key = bucketKey(threadId, bucket);
    const cached = this.buckets.get(key);
    if (cached) return cached;
    const began = this.tick;
    const rows = await MessageModel.find({ threadId, bucket }).lean<MessageRow[]>();
    const messages = rows.map(withDefaults).sort((a, b) => a.seq - b.seq);
    const reactions = await reactionsOf(messages.map((m) => m._id));
    const read = { messages, reactions };
    if (
      began >= this.floor &&
      (this.changedAt.get(key) ?? -1) < began &&
      messages.every((m) => (this.changedAt.get(messageKey(m._id)) ?? -1) < began)
    ) {
      this.buckets.set(key, read);
      for (const m of messages) this.bucketOfMessage.set(String(m._id), key);
    }
    return read;
  }

  /** What the change log says changed (`null`: anything). */
  private changed(keys: readonly string[] | null): void {
    this.tick++;
    if (!keys || keys.includes('*') || keys.includes(ALL_MESSAGES)) {
      this.buckets.clear();
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
      const bucket = key.startsWith('m:') ? this.bucketOfMessage.get(key.slice(2)) : key.includes(':') ? key : undefined;
      if (bucket) this.buckets.delete(bucket);
    }
  }

  private unindex(bucket: Bucket): void {
    for (const m of bucket.messages) this.bucketOfMessage.delete(String(m._id));
  }

  /** How many messages it holds (tests, logs). */
  get size(): number {
    return this.buckets.calculatedSize;
  }
}

export const bucketCache = new BucketCache();

/** Read from the database: messages of one bucket, narrowed to a range of numbers, with their reactions (not kept). */
async function readNarrowed(threadId: Types.ObjectId, bucket: number, from: number, to: number, topLevelOnly: boolean): Promise<Bucket> {
  const filter = { threadId, bucket, seq: trusted({ $gte: from, $lt: to }), ...(topLevelOnly ? { parentId: null } : {}) };
  const messages = (await MessageModel.find(filter).lean<MessageRow[]>()).map(withDefaults);
  return { messages, reactions: await reactionsOf(messages.map((m) => m._id)) };
}

/**
 * The messages numbered in [from, to) (top-level ones only, if asked), each with its reactions.
 * A bucket the range covers whole comes from the cache (read whole once); one it covers in part
 * comes from the cache if it is there, else from the database narrowed to the range (the engine
 * decodes only those) and is not kept. Call after the thread view is current.
 */
export async function messagesInRange(threadId: Types.ObjectId, from: number, to: number, topLevelOnly: boolean) {
  const reads: Array<Promise<Bucket>> = [];
  for (let b = Math.floor(from / MESSAGE_BUCKET_SPAN); b <= Math.floor((to - 1) / MESSAGE_BUCKET_SPAN); b++) {
    const [first, end] = [b * MESSAGE_BUCKET_SPAN, (b + 1) * MESSAGE_BUCKET_SPAN];
    const whole = from <= first && to >= end;
    reads.push(
      whole
        ? bucketCache.read(threadId, b)
        : (bucketCache.peek(threadId, b) ?? readNarrowed(threadId, b, Math.max(from, first), Math.min(to, end), topLevelOnly)),
    );
  }
  const read = await Promise.all(reads);
  return read.flatMap((b) =>
    b.messages
      .filter((m) => m.seq >= from && m.seq < to && !(topLevelOnly && m.parentId))
      .map((m) => ({ message: m, reactions: b.reactions.get(String(m._id)) ?? [] })),
  );
}
