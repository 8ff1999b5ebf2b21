/**
 * The work in progress: HTTP requests and socket events being handled. It gives each a deadline
 * (a database that stops answering costs a person a clear 503, not a hung request) and lets a
 * graceful shutdown wait until every write already started has finished.
 *
 * It also turns new writes away while too many writes are running, or the running ones are late
 * (admission control).
 * Past the deadline a person gets a 503 but the database work goes on, so without it an overload
 * spends the database on work nobody waits for any more and nothing gets through: in the burst
 * benchmark, 48 of 5,000 sends. A write refused at once costs nothing, and clients retry it later
 * (the web client's outbox backs off); reads are never refused, so people can still follow along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { HttpError, logFailure, unavailable } from './errors';
import { requestIdOf } from './requestLog';

export interface WorkTracker {
  /** Express middleware: counts the request, answers 503 past the deadline, and refuses new requests while draining. */
  requests: RequestHandler;
  /** Run a socket event's handler under the same count and deadline (and admission, for a write). */
  run<T>(work: () => Promise<T>, kind?: 'read' | 'write'): Promise<T>;
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

const busy = () =>
  new HttpError(503, 'unavailable', 'the server is busy; nothing was stored — try again in a moment', undefined, { 'Retry-After': '1' });
const restarting = () =>
  new HttpError(503, 'unavailable', 'the server is restarting; try again in a moment', undefined, { 'Retry-After': '2' });
const tooSlow = () => unavailable('the database did not answer in time; nothing was lost — try again shortly');

/** How long a refusal waits for the rest of a request's body before answering anyway. */
const BODY_WAIT_MS = 1_000;

/** Read and drop the rest of the request's body, then `answer` (at once if it has all arrived, else within BODY_WAIT_MS). */
function afterBody(req: IncomingMessage, answer: () => void): void {
  if (req.readableEnded || req.complete) return answer();
  let answered = false;
  const once = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    answer();
  };
  const timer = setTimeout(once, BODY_WAIT_MS);
  req.once('end', once).once('error', once).once('close', once).resume();
}

export interface AdmissionOptions {
  /** New writes are refused while this many writes are running… */
  maxWrites: number;
  /** …or while at least `lateWrites` of them have been running longer than `lateMs` (a stalled database). */
  lateWrites: number;
  lateMs: number;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createWorkTracker({
  deadlineMs,
  exempt = () => false,
  admission = { maxWrites: 32, lateWrites: 8, lateMs: 1_000 },
}: {
  deadlineMs: number;
  exempt?: (method: string, path: string) => boolean;
  admission?: AdmissionOptions;
}): WorkTracker {
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | null = null;
  const begin = () => void (inFlight += 1);
  const end = () => {
    inFlight -= 1;
    if (inFlight === 0) idle?.();
  };

  /** When each running write started, oldest first (a Map keeps insertion order). */
  const writes = new Map<symbol, number>();
  /** Whether too many writes are running, or enough of them are late (looks at `lateWrites` of them at most). */
  function tooBusyForWrites(): boolean {
    if (writes.size >= admission.maxWrites) return true;
    const now = Date.now();
    let late = 0;
    for (const started of writes.values()) {
      if (now - started < admission.lateMs) return false;
      if (++late >= admission.lateWrites) return true;
    }
    return false;
  }
  function beginWrite(): () => void {
    const key = Symbol('write');
    writes.set(key, Date.now());
    return () => void writes.delete(key);
  }

  return {
    requests: (req, res, next) => {
      if (draining) {
        res.set('Connection', 'close');
        // Answered once its body has arrived (read and dropped): a connection closed with part of a request
        // still to come is reset, and the client sees ECONNRESET instead of a 503 it can retry.
        return afterBody(req, () => next(restarting()));
      }
      // Exempt requests (uploads on slow links) are held neither to the deadline nor to admission.
      const exempted = exempt(req.method, req.path);
      const write = !exempted && !READ_METHODS.has(req.method);
      if (write && tooBusyForWrites()) return next(busy());
      begin();
      res.once('close', end);
      // Counted until answered: a write answered 503 at its deadline no longer counts, though its
      // database work may still be finishing (a socket event's counts until that work is done).
      if (write) res.once('close', beginWrite());
      if (exempted) return next();
      const timer = setTimeout(() => {
        if (res.headersSent) return;
        res.locals.timedOut = true;
        const error = tooSlow();
        logFailure(req.log, error, error);
        res.status(error.status).json(error.toBody(requestIdOf(req)));
      }, deadlineMs);
      res.once('close', () => clearTimeout(timer));
      deadlines.run(Date.now() + deadlineMs, next);
    },
    async run(work, kind = 'write') {
      if (draining) throw restarting();
      if (kind === 'write' && tooBusyForWrites()) throw busy();
      begin();
      const endWrite = kind === 'write' ? beginWrite() : () => undefined;
      const running = deadlines
        .run(Date.now() + deadlineMs, work)
        .finally(endWrite)
        .finally(end);
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
