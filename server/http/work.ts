/**
 * The work in progress: HTTP requests and socket events being handled. It gives each a deadline
 * (a database that stops answering costs a person a clear 503, not a hung request) and lets a
 * graceful shutdown wait until every write already started has finished.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import { HttpError, unavailable } from './errors';

export interface WorkTracker {
  /** Express middleware: counts the request, answers 503 past the deadline, and refuses new requests while draining. */
  requests: RequestHandler;
  /** Run a socket event's handler under the same count and deadline. */
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly draining: boolean;
  readonly inFlight: number;
  /** Refuse new work and resolve once what is running has finished (or `timeoutMs` passed: false). */
  drain(timeoutMs: number): Promise<boolean>;
}

/** When the request or event being handled is answered 503 anyway (ms since the epoch). */
const deadlines = new AsyncLocalStorage<number>();

/**
 * Throw the 503 the caller has already been given, once its deadline has passed. Work that waits
 * its turn (a sequence queue) checks this before starting: after an outage, doing the queued work
 * of callers who gave up long ago would keep everyone after them past their deadlines too.
 */
export function ensureBeforeDeadline(): void {
  const deadline = deadlines.getStore();
  if (deadline !== undefined && Date.now() > deadline) throw tooSlow();
}

const restarting = () => new HttpError(503, 'unavailable', 'the server is restarting; try again in a moment', undefined, { 'Retry-After': '2' });
const tooSlow = () => unavailable('the database did not answer in time; nothing was lost — try again shortly');

export function createWorkTracker({ deadlineMs, exempt = () => false }: { deadlineMs: number; exempt?: (method: string, path: string) => boolean }): WorkTracker {
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | null = null;
  const begin = () => void (inFlight += 1);
  const end = () => {
    inFlight -= 1;
    if (inFlight === 0) idle?.();
  };

  return {
    requests: (req, res, next) => {
      if (draining) {
        res.set('Connection', 'close');
        return next(restarting());
      }
      begin();
      res.once('close', end);
      if (exempt(req.method, req.path)) return next();
      const timer = setTimeout(() => {
        if (res.headersSent) return;
        res.locals.timedOut = true;
        const error = tooSlow();
        res.status(error.status).json(error.toBody());
      }, deadlineMs);
      res.once('close', () => clearTimeout(timer));
      deadlines.run(Date.now() + deadlineMs, next);
    },
    async run(work) {
      if (draining) throw restarting();
      begin();
      const running = deadlines.run(Date.now() + deadlineMs, work).finally(end);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(tooSlow()), deadlineMs);
      });
      try {
        return await Promise.race([running, deadline]);
      } finally {
        clearTimeout(timer);
        // The work goes on after a deadline (it is never cut off half-way); its late result is dropped.
        running.catch(() => undefined);
      }
    },
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    drain(timeoutMs) {
      draining = true;
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        idle = () => {
          clearTimeout(timer);
          resolve(true);
        };
      });
    },
  };
}
