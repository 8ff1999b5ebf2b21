/**
 * A collection kept in memory in each app process, current through the views' change log
 * (viewFeed.ts): for lists that filter and sort many ways over a collection that stays small
 * enough to hold (the register's issues, the forum's threads), and for what every request reads
 * (the people behind it), where the embedded engine would decode documents on every request
 * (docs/DATABASE.md).
 *
 * Every write through the collection's model records the written `_id` in the log before it
 * resolves (`recordWritesIn`). Before a read, the feed applies what was recorded since it last
 * looked — this process's writes and every other process's — and the view reads those documents
 * again by `_id`; the key `*` reloads everything. The stored documents stay the truth.
 */
import mongoose, { type Schema, type Types } from 'mongoose';
import { log } from '../log';
import { recordViewChange, viewFeed, type FeedSubscriber } from './viewFeed';

const db = () => mongoose.connection.db!;

export class CollectionView<Row extends { _id: Types.ObjectId }> implements FeedSubscriber {
  private rows = new Map<string, Row>();
  /** Bumped whenever a row changes: sorted orders and other derived values are kept until it moves. */
  private version = 0;
  private derivedValues = new Map<string, { version: number; value: unknown }>();
  /** The last load of every document (null: never loaded since the last reset). */
  private loading: Promise<void> | null = null;
  /** Ids the feed applied while a load ran: read again once it has finished (it may have read them before they changed). */
  private during: Set<string> | null = null;
  /** Bumped by a reset and by each load: a load or read begun before it keeps nothing. */
  private generation = 0;
  /** Told of every key the view applies, ObjectId or not (`null`: anything may have changed). */
  private listeners: Array<(keys: readonly string[] | null) => void> = [];

  /**
   * @param name the view's name in the change log (viewFeed.ts)
   * @param load the stored documents with these ids, or all of them for `null`
   */
  constructor(
    readonly name: string,
    private readonly load: (ids: Types.ObjectId[] | null) => Promise<Row[]>,
  ) {
    viewFeed.subscribe(this);
  }

  /**
   * Be told, before a read of the view resolves, of every key of the change log it applied — the
   * documents' ids and any other keys recorded for the view (`null`: anything may have changed):
   * how a cache of something else kept in step with the same writes (threads/bucketCache.ts) learns of them.
   */
  listen(listener: (keys: readonly string[] | null) => void): void {
    this.listeners.push(listener);
  }

  private tell(keys: readonly string[] | null): void {
    for (const listener of this.listeners) listener(keys);
  }

  /** Read every document again (at start-up, after a bulk change, or on command). */
  reload(): Promise<void> {
    const generation = ++this.generation;
    const during = new Set<string>();
    this.during = during;
    const loading = (async () => {
      const started = Date.now();
      try {
        const docs = await this.load(null);
        if (generation !== this.generation) return;
        this.rows = new Map(docs.map((d) => [String(d._id), d]));
        this.version++;
        log.debug(`${this.name} view: ${docs.length} loaded in ${Date.now() - started} ms`);
        while (during.size && generation === this.generation) {
          const ids = [...during];
          during.clear();
          await this.read(ids, generation);
        }
      } catch (err) {
        // The next read loads again (unless a later load has begun).
        if (generation === this.generation) this.loading = null;
        throw err;
      } finally {
        if (this.during === during) this.during = null;
      }
    })();
    this.loading = loading;
    return loading;
  }

  /** Apply what the feed found recorded for this view. */
  async apply(keys: string[] | null): Promise<void> {
    if (keys === null || keys.includes('*')) {
      this.tell(null);
      // Never loaded: its first load reads everything as it is then.
      if (this.loading) await this.reload();
      return;
    }
    this.tell(keys);
    const ids = keys.filter((id) => mongoose.isValidObjectId(id));
    // Only other keys (a session, a bucket): no document of the view changed, and nothing to read.
    if (!ids.length || !this.loading) return;
    if (this.during) {
      for (const id of ids) this.during.add(id);
      return;
    }
    await this.read(ids, this.generation);
  }

  /** Read the documents with `ids` again (gone ones leave the view). */
  private async read(ids: string[], generation: number): Promise<void> {
    const found = new Map((await this.load(ids.map((id) => new mongoose.Types.ObjectId(id)))).map((d) => [String(d._id), d]));
    if (generation !== this.generation) return;
    for (const id of ids) {
      const doc = found.get(id);
      if (doc) this.rows.set(id, doc);
      else this.rows.delete(id);
    }
    this.version++;
  }

  /**
   * The rows as of now: every change recorded before this call is applied — or, inside a request
   * or socket event, every change recorded before it arrived and every one this process has made
   * (viewFeed.ts).
   */
  async current(): Promise<ReadonlyMap<string, Row>> {
    await viewFeed.since();
    await (this.loading ?? this.reload());
    return this.rows;
  }

  /**
   * A document `current()` did not hold: written around the models (a bulk load), so never recorded.
   * Read by `_id` and kept, unless the view changed while it was read (a change applied meanwhile
   * may be newer than what was read; the next request reads it again).
   */
  async missing(id: string): Promise<Row | undefined> {
    if (!mongoose.isValidObjectId(id)) return undefined;
    const { rows, version } = this;
    const [doc] = await this.load([new mongoose.Types.ObjectId(id)]);
    if (doc && this.rows === rows && this.version === version && !rows.has(id)) {
      rows.set(id, doc);
      this.version++;
    }
    return doc;
  }

  /** Something computed from all the rows as of now, computed once per change, not per request. */
  async derived<T>(name: string, compute: (rows: ReadonlyMap<string, Row>) => T): Promise<T> {
    const rows = await this.current();
    const cached = this.derivedValues.get(name);
    if (cached?.version === this.version) return cached.value as T;
    const value = compute(rows);
    this.derivedValues.set(name, { version: this.version, value });
    return value;
  }

  /** The rows as of now, and all of them in one order (sorted once per change, not per request). */
  async inOrder(order: string, compare: (a: Row, b: Row) => number): Promise<{ rows: ReadonlyMap<string, Row>; ordered: readonly Row[] }> {
    const ordered = await this.derived(`order ${order}`, (rows) => [...rows.values()].sort(compare));
    return { rows: this.rows, ordered };
  }

  /** Forget everything (the feed does when the database changes). */
  reset(): void {
    this.tell(null);
    this.generation++;
    this.derivedValues = new Map();
    this.rows = new Map();
    this.version++;
    this.loading = null;
    this.during = null;
  }
}

export function idsOfFilter(filter: Record<string, unknown>): string[] | null {
  const id = filter._id as unknown;
  if (id instanceof mongoose.Types.ObjectId || typeof id === 'string') return [String(id)];
  const list = (id as { $in?: unknown[] } | null | undefined)?.$in;
  return Array.isArray(list) ? list.map(String) : null;
}

/** Query option: more keys to record in the same change-log entry as the documents written (e.g. `{ changeLogKeys: [...] }`). */
export interface ChangeLogOptions {
  changeLogKeys?: string[];
}

/**
 * Record every write through the models of `schema` in change log `name`, before the write
 * resolves: documents saved or inserted by their `_id`, updates and deletes by the `_id` of their
 * filter (any other filter records `*`), each as `keyOf(id)`, with any `changeLogKeys` the query
 * was given. All the keys of one write join one entry.
 */
export function recordWritesIn(
  schema: Schema,
  name: string,
  {
    keyOf = (id: string) => id,
    wildcard = '*',
    inserts = true,
  }: { keyOf?: (id: string) => string; wildcard?: string; inserts?: boolean } = {},
): void {
  const changed = async (keys: readonly string[]) => {
    await Promise.all([...new Set(keys)].map((key) => recordViewChange(db(), name, key)));
  };
  if (inserts) {
    schema.post('save', async function (this: { _id: unknown }) {
      await changed([keyOf(String(this._id))]);
    });
    schema.post('insertMany', async function (docs: unknown) {
      await changed((docs as Array<{ _id: unknown }>).map((d) => keyOf(String(d._id))));
    });
  }
  schema.post(
    ['updateOne', 'updateMany', 'findOneAndUpdate', 'replaceOne', 'deleteOne', 'deleteMany', 'findOneAndDelete'],
    { document: false, query: true },
    async function () {
      const ids = idsOfFilter(this.getFilter() as Record<string, unknown>);
      const extra = (this.getOptions() as ChangeLogOptions).changeLogKeys ?? [];
      await changed([...(ids ? ids.map(keyOf) : [wildcard]), ...extra]);
    },
  );
}
