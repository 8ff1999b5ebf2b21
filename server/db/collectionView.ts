/**
 * A collection kept in memory in each app process, current through its change log
 * (changeLog.ts): for lists that filter and sort many ways over a collection that stays small
 * enough to hold (the register's issues, the forum's threads), where no index serves every query
 * and the embedded engine would decode every document on every request (docs/DATABASE.md).
 *
 * Every write through the collection's model records the written `_id` in the log before it
 * resolves (`recordWritesIn`). Before each read, a view applies what was recorded since it last
 * looked — its own process's writes and every other process's — by reloading those documents by
 * `_id`; the entry `*` reloads everything. The stored documents stay the truth.
 */
import mongoose, { type Schema, type Types } from 'mongoose';
import { log } from '../log';
import { changesSince, lastChange, recordChange } from './changeLog';

const db = () => mongoose.connection.db!;

export class CollectionView<Row extends { _id: Types.ObjectId }> {
  /** The database the rows came from (a test process may switch). */
  private dbName = '';
  private rows = new Map<string, Row>();
  /** Bumped whenever a row changes: sorted orders and other derived values are kept until it moves. */
  private version = 0;
  private derivedValues = new Map<string, { version: number; value: unknown }>();
  private seen = 0;
  private loaded: Promise<void> | null = null;
  private running: Promise<void> | null = null;
  /** When the running sync started, and when the last one that finished had started (performance.now()). */
  private runningSince = 0;
  private lastSyncedFrom = -Infinity;
  private queued: Promise<void> | null = null;
  /** Told of every key the view applies, ObjectId or not (`null`: anything may have changed). */
  private listeners: Array<(keys: readonly string[] | null) => void> = [];

  /**
   * @param name the change log's name
   * @param load the stored documents with these ids, or all of them for `null`
   */
  constructor(
    readonly name: string,
    private readonly load: (ids: Types.ObjectId[] | null) => Promise<Row[]>,
  ) {}

  /**
   * Be told, before a read of the view resolves, of every key of the change log it applied — the
   * documents' ids and any other keys recorded in the same log (`null`: anything may have changed):
   * how a cache of something else kept in step with the same writes (threads/bucketCache.ts) learns of them.
   */
  listen(listener: (keys: readonly string[] | null) => void): void {
    this.listeners.push(listener);
  }

  private tell(keys: readonly string[] | null): void {
    for (const listener of this.listeners) listener(keys);
  }

  /** Read every document again (at start-up, after a bulk change, or on command). */
  async reload(): Promise<number> {
    this.tell(null);
    const seen = await lastChange(db(), this.name);
    const started = Date.now();
    const docs = await this.load(null);
    this.rows = new Map(docs.map((d) => [String(d._id), d]));
    this.version++;
    this.seen = Math.max(this.seen, seen);
    log.debug(`${this.name} view: ${docs.length} loaded in ${Date.now() - started} ms`);
    return docs.length;
  }

  /** Apply the changes recorded since the last look. */
  private async sync(): Promise<void> {
    const changes = await changesSince(db(), this.name, this.seen);
    if (!changes.length) return;
    const last = changes[changes.length - 1]!.n;
    if (changes.some((c) => c.keys.includes('*'))) {
      await this.reload();
      this.seen = Math.max(this.seen, last);
      return;
    }
    const keys = [...new Set(changes.flatMap((c) => c.keys))];
    this.tell(keys);
    const ids = keys.filter((id) => mongoose.isValidObjectId(id));
    if (!ids.length) {
      // Only other keys (a session, a bucket): no document of the view changed, and nothing to read.
      this.seen = last;
      return;
    }
    const found = new Map((await this.load(ids.map((id) => new mongoose.Types.ObjectId(id)))).map((d) => [String(d._id), d]));
    for (const id of ids) {
      const doc = found.get(id);
      if (doc) this.rows.set(id, doc);
      else this.rows.delete(id);
    }
    this.version++;
    this.seen = last;
  }

  /**
   * The rows as of now: every change recorded before this call is applied. A caller arriving while
   * a sync runs waits for the next one, which starts after it (its own write may be newer).
   *
   * `startedAfter` (a performance.now() time) relaxes "now" to "any moment since then": a sync that
   * began after it serves, finished or running. A request that read the view as it arrived (its
   * session) reads it again for its user without another look at the log, and still sees every
   * change recorded before it arrived.
   */
  async current({ startedAfter }: { startedAfter?: number } = {}): Promise<ReadonlyMap<string, Row>> {
    if (startedAfter !== undefined && this.loaded && this.dbName === db().databaseName) {
      if (this.running && this.runningSince >= startedAfter) {
        await this.running;
        return this.rows;
      }
      if (!this.running && this.lastSyncedFrom >= startedAfter) return this.rows;
    }
    return this.now();
  }

  private async now(): Promise<ReadonlyMap<string, Row>> {
    if (this.dbName !== db().databaseName) {
      this.reset();
      this.dbName = db().databaseName;
    }
    this.loaded ??= this.reload().then(
      () => undefined,
      (err: unknown) => {
        this.loaded = null;
        throw err;
      },
    );
    await this.loaded;
    if (!this.running) {
      await this.startSync();
    } else {
      this.queued ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.startSync();
        });
      await this.queued;
    }
    return this.rows;
  }

  private startSync(): Promise<void> {
    const from = performance.now();
    this.runningSince = from;
    this.running = this.sync()
      .then(() => {
        this.lastSyncedFrom = from;
      })
      .finally(() => (this.running = null));
    return this.running;
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

  /** Forget everything (tests switch databases). */
  reset(): void {
    this.tell(null);
    this.lastSyncedFrom = -Infinity;
    this.derivedValues = new Map();
    this.rows = new Map();
    this.seen = 0;
    this.loaded = null;
  }
}

function idsOfFilter(filter: Record<string, unknown>): string[] | null {
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
    await Promise.all([...new Set(keys)].map((key) => recordChange(db(), name, key)));
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
