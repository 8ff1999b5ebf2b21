/**
 * One change log for every in-memory view of the app (collectionView.ts: people, threads, the
 * register, the agenda index), so one look at it brings all of them up to date: a request looks
 * once as it arrives — one `_id` lookup that finds nothing, when nothing changed — and every view
 * it reads afterwards is served from memory (docs/DATABASE.md, "One look per request").
 *
 * A view's change is recorded as `<view>|<key>` in the log `views` (changeLog.ts); a look reads the
 * entries after the last one seen and hands each view its keys. What a read may serve is set by the
 * moment its request or socket event arrived (`markArrival`, `sinceArrival`): a look begun after
 * that moment — and after this process's own last recorded write — sees every change recorded
 * before it, by this process or any other.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import type { Db } from 'mongodb';
import mongoose from 'mongoose';
import { changesSince, lastChange, lastRecorded, recordChange } from './changeLog';

/** The one change log of the views. */
export const VIEWS_LOG = 'views';
const SEPARATOR = '|';

/** Record that `key` of view `view` changed (`'*'`: anything in it may have). Resolves once other processes can see it. */
export function recordViewChange(db: Db, view: string, key: string): Promise<number> {
  return recordChange(db, VIEWS_LOG, `${view}${SEPARATOR}${key}`);
}

/** A view kept current by the feed. */
export interface FeedSubscriber {
  readonly name: string;
  /** The keys recorded for this view since the last look (`null`: anything may have changed). */
  apply(keys: string[] | null): Promise<void>;
  /** Forget everything (the database changed). */
  reset(): void;
}

// ---- when the work being done arrived ----------------------------------------------------------

const arrivals = new AsyncLocalStorage<number>();
/**
 * How long a request may go on reading the views as of its arrival. A longer one looks again; so
 * does anything started from a request that outlives it by more (a timer made while it ran).
 */
const ARRIVAL_SERVES_MS = 2_000;

/** Express middleware (before the session's): the rest of the request reads the views as of now. */
export const markArrival: RequestHandler = (_req, _res, next) => arrivals.run(performance.now(), next);

/** Run `work` (a socket event's handler) reading the views as of now. */
export function sinceArrival<T>(work: () => T): T {
  return arrivals.run(performance.now(), work);
}

/** The moment the current request or event arrived, if it is recent enough to serve. */
function arrival(): number | undefined {
  const at = arrivals.getStore();
  return at !== undefined && performance.now() - at < ARRIVAL_SERVES_MS ? at : undefined;
}

// ---- the feed ------------------------------------------------------------------------------------

const db = () => mongoose.connection.db!;

class ViewFeed {
  private subscribers = new Set<FeedSubscriber>();
  /** The database looked at (a test process may switch). */
  private dbName = '';
  /** Where the log stood when this process first looked: earlier entries are in whatever the views load. */
  private opened: Promise<void> | null = null;
  private seen = 0;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** When the running look started, and when the last one that finished had started (performance.now()). */
  private runningSince = 0;
  private lastSyncedFrom = -Infinity;

  subscribe(subscriber: FeedSubscriber): void {
    this.subscribers.add(subscriber);
  }

  /**
   * Every change recorded before this request arrived (outside one: before now) is applied to every
   * view, and every change this process recorded: a look that began after both serves, finished or
   * running; else one is started (or queued behind the running one).
   */
  async since(): Promise<void> {
    if (this.dbName !== db().databaseName) this.reset();
    const after = Math.max(arrival() ?? performance.now(), lastRecorded(db(), VIEWS_LOG));
    if (this.running) {
      if (this.runningSince >= after) return this.running;
      this.queued ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.start();
        });
      return this.queued;
    }
    if (this.lastSyncedFrom >= after) return;
    return this.start();
  }

  private start(): Promise<void> {
    const from = performance.now();
    this.runningSince = from;
    const running = this.look()
      .then(() => {
        this.lastSyncedFrom = Math.max(this.lastSyncedFrom, from);
      })
      .finally(() => {
        if (this.running === running) this.running = null;
      });
    this.running = running;
    return running;
  }

  private async look(): Promise<void> {
    this.opened ??= lastChange(db(), VIEWS_LOG).then(
      (n) => {
        this.seen = Math.max(this.seen, n);
      },
      (err: unknown) => {
        this.opened = null;
        throw err;
      },
    );
    await this.opened;
    const changes = await changesSince(db(), VIEWS_LOG, this.seen);
    if (!changes.length) return;
    const byView = new Map<string, Set<string>>();
    let everything = false;
    for (const change of changes) {
      for (const entry of change.keys) {
        const at = entry.indexOf(SEPARATOR);
        // `*` alone: entries were pruned while this process was away, so anything may have changed.
        if (at < 0) everything = true;
        else {
          const view = entry.slice(0, at);
          let keys = byView.get(view);
          if (!keys) byView.set(view, (keys = new Set()));
          keys.add(entry.slice(at + SEPARATOR.length));
        }
      }
    }
    await Promise.all(
      [...this.subscribers].map((s) => {
        const keys = byView.get(s.name);
        if (everything) return s.apply(null);
        return keys ? s.apply([...keys]) : undefined;
      }),
    );
    this.seen = changes[changes.length - 1]!.n;
  }

  private reset(): void {
    this.dbName = db().databaseName;
    this.opened = null;
    this.seen = 0;
    this.lastSyncedFrom = -Infinity;
    for (const subscriber of this.subscribers) subscriber.reset();
  }
}

/** The feed of this process. */
export const viewFeed = new ViewFeed();
