/**
 * The work in progress: HTTP requests and socket events being handled. It gives each a deadline
 * (a database that stops answering costs a person a clear 503, not a hung request) and lets a
 * graceful shutdown wait until every write already started has finished.
 */
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
      if (!exempt(req.method, req.path)) {
        const timer = setTimeout(() => {
          if (res.headersSent) return;
          res.locals.timedOut = true;
          const error = tooSlow();
          res.status(error.status).json(error.toBody());
        }, deadlineMs);
        res.once('close', () => clearTimeout(timer));
      }
      next();
    },
    async run(work) {
      if (draining) throw restarting();
      begin();
      const running = work().finally(end);
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
