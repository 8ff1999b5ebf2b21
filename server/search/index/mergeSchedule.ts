/**
 * When an index merges (searchIndex.ts): every query reads all pending documents (~25 µs each), so they
 * must not pile up. A schedule per process merges one index in the background — soon after this process
 * has added `pendingAtLeast` items since its last merge, and every `everyMs` whatever happened (items
 * other processes added, a merge another process lost) — one merge at a time. The merge claim decides
 * between processes: a merge that finds another holding it does nothing and the next tick tries again.
 */
import type { Logger } from '../../log';
import type { SearchIndex } from './searchIndex';

export interface MergeSchedule {
  /** Tell the schedule an item was added (or removed) here: enough of them and a merge runs now. */
  noteAdded(count?: number): void;
  /** Merge now, after any merge under way; resolves when it is done (tests, `search:rebuild`, shutdown). */
  flush(): Promise<void>;
  /** Stop: no merge starts after this; resolves once one under way has ended. */
  close(): Promise<void>;
}

export function scheduleMerges(
  index: SearchIndex,
  options: { everyMs?: number; pendingAtLeast?: number; logger?: Logger } = {},
): MergeSchedule {
  const everyMs = options.everyMs ?? 5_000;
  const pendingAtLeast = options.pendingAtLeast ?? 200;
  let added = 0;
  let closed = false;
  let running: Promise<void> = Promise.resolve();
  let busy = false;

  const run = (): Promise<void> => {
    running = running.then(async () => {
      if (closed) return;
      busy = true;
      added = 0;
      try {
        await index.merge();
      } catch (err) {
        options.logger?.warn({ err }, 'search index: a merge failed; the next one tries again');
      } finally {
        busy = false;
      }
    });
    return running;
  };

  const timer = setInterval(() => {
    if (!busy) void run();
  }, everyMs);
  timer.unref();

  return {
    noteAdded(count = 1) {
      added += count;
      if (added >= pendingAtLeast && !busy) void run();
    },
    flush: () => run(),
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
