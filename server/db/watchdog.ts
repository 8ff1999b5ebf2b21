/**
 * Reopens the database connection when the driver stops looking for the database.
 *
 * The mongodb driver (7.8 and 7.9) can lose its server monitor for good: when the database goes
 * away while the monitor's `hello` is between its write and its read, the connection closes and
 * that command never settles, so the monitor never checks again and the server stays "Unknown".
 * The database comes back, a new connection reaches it at once, yet every query of the app fails
 * server selection until the app restarts. Seen about one outage in five under load
 * (test/faults.test.ts, docs/RELIABILITY.md).
 *
 * The watchdog asks the one question that tells this apart from a real outage: has the driver
 * seen the server as unreachable for several heartbeats, while a new connection of our own gets
 * an answer? Then it closes the client and opens a new one. A database that is really down, or
 * paused, fails the second question and is left to the driver.
 */
import { log } from '../log';
import { answersNewConnection, HEARTBEAT_MS, reopenDatabase, unreachableForMs } from './connection';

export interface WatchdogOptions {
  /** How often to look. */
  everyMs?: number;
  /** How long the driver may see the server as unreachable before a new connection is tried. */
  stuckAfterMs?: number;
}

/** Start watching; returns the function that stops it. */
export function watchDatabaseConnection({ everyMs = HEARTBEAT_MS, stuckAfterMs = 3 * HEARTBEAT_MS }: WatchdogOptions = {}): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy || unreachableForMs() < stuckAfterMs) return;
    busy = true;
    void (async () => {
      try {
        if (!(await answersNewConnection())) return;
        log.warn(
          `the database answers a new connection but the driver has seen it as unreachable for ${Math.round(unreachableForMs() / 1000)} s: reopening the connection`,
        );
        await reopenDatabase();
        log.info('database connection reopened');
      } catch (err) {
        log.warn({ err }, 'reopening the database connection failed; trying again shortly');
      } finally {
        busy = false;
      }
    })();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
