/**
 * HTTP errors as the JSON body `{ error: { code, message, field?, requestId? } }`, and the Express
 * error handler.
 */
import type { ErrorRequestHandler } from 'express';
import mongoose from 'mongoose';
import type { ZodError } from 'zod';
import type { ErrorBody, ErrorCode, ErrorReason } from '@shared/schemas/common';
import type { Logger } from '../log';
import { requestIdOf } from './requestLog';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
    /** The case, for refusals the client explains in its own words. */
    readonly reason?: ErrorReason,
  ) {
    super(message);
  }

  /** The JSON body; a server failure (5xx) carries the request id, for the person to quote. */
  toBody(requestId?: string): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field ? { field: this.field } : {}),
        ...(this.reason ? { reason: this.reason } : {}),
        ...(requestId && this.status >= 500 ? { requestId } : {}),
      },
    };
  }
}

/** Where a refusal points and which case it is (see `ErrorReason`). */
interface Explained {
  field?: string;
  reason: ErrorReason;
}

export const badRequest = (message: string, field?: string) => new HttpError(400, 'bad_request', message, field);
export const unauthenticated = (message = 'sign in first') => new HttpError(401, 'unauthenticated', message);
export const forbidden = (reason: string, explained?: Explained) =>
  new HttpError(403, 'forbidden', reason, explained?.field, {}, explained?.reason);
export const enrolmentRequired = () =>
  new HttpError(
    403,
    'mfa_enrolment_required',
    'your role requires a second factor: set up an authenticator app (POST /api/me/mfa/totp/setup) before anything else',
  );
export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, field?: string, reason?: ErrorReason) =>
  new HttpError(409, 'conflict', message, field, {}, reason);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new HttpError(429, 'rate_limited', message, undefined, { 'Retry-After': String(Math.max(1, retryAfterSeconds)) });
export const unsupportedMediaType = (message: string) => new HttpError(415, 'bad_request', message, 'body');
export const payloadTooLarge = (message: string, field?: string) => new HttpError(413, 'payload_too_large', message, field);
export const unavailable = (message = 'the database is unavailable; try again shortly') => new HttpError(503, 'unavailable', message);

/** A 400 naming the first offending field of a zod failure, e.g. `body.email: must be an e-mail address`. */
export function fromZodError(error: ZodError, location: string): HttpError {
  const issue = error.issues[0]!;
  let path = [location, ...issue.path.map(String)].join('.');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    path = [location, ...issue.path.map(String), issue.keys[0]].join('.');
    message = `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  }
  return badRequest(`${path}: ${message}`, path);
}

/** Socket errors the driver can let through unwrapped when the database goes away mid-write. */
const LOST_CONNECTION = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT']);

/**
 * The driver's errors for a database it cannot reach, by class so their subclasses count too
 * (a network timeout, a pool cleared after another operation failed). A client or server closed, or
 * a session ended, is what operations caught mid-way see while the watchdog reopens the client
 * (db/watchdog.ts): "Operation interrupted because client was closed" was answered 500 before.
 */
const UNREACHABLE = [
  mongoose.mongo.MongoNetworkError,
  mongoose.mongo.MongoServerSelectionError,
  mongoose.mongo.MongoNotConnectedError,
  mongoose.mongo.MongoTopologyClosedError,
  mongoose.mongo.MongoServerClosedError,
  mongoose.mongo.MongoClientClosedError,
  mongoose.mongo.MongoExpiredSessionError,
  mongoose.Error.MongooseServerSelectionError,
];

function isDatabaseDown(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    LOST_CONNECTION.has((err as NodeJS.ErrnoException).code ?? '') ||
    UNREACHABLE.some((kind) => err instanceof kind) ||
    /buffering timed out|connection .* closed|Client must be connected/i.test(err.message) ||
    // FerretDB answering while its SQLite backend shuts down under it (the database process stopping):
    // the write did not happen, and the caller may retry (sends are idempotent on their client id).
    /sql: (transaction has already been committed or rolled back|database is closed)|driver: bad connection/i.test(err.message)
  );
}

/** Map anything thrown to a JSON error; only the truly unexpected is a 500 (`logFailure` logs it). */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const e = err as { type?: string; status?: number; code?: number; keyValue?: Record<string, unknown> };
  // body-parser's errors carry a `type`.
  if (e?.type === 'entity.too.large') return new HttpError(413, 'payload_too_large', 'request body is too large');
  if (e?.type === 'entity.parse.failed') return badRequest('request body is not valid JSON', 'body');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return badRequest('request body must be UTF-8 JSON', 'body');
  }
  if (e?.code === 11000) {
    const field = Object.keys(e.keyValue ?? {})[0];
    return conflict(field ? `${field} is already in use` : 'already exists', field);
  }
  if (err instanceof mongoose.Error.CastError) return badRequest(`${err.path}: invalid value`, err.path);
  if (err instanceof mongoose.Error.ValidationError) {
    const [field, detail] = Object.entries(err.errors)[0] ?? ['', { message: err.message }];
    return badRequest(`${field}: ${detail.message}`, field);
  }
  if (isDatabaseDown(err)) return unavailable();
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new HttpError(e.status, 'bad_request', (err as Error).message);
  }
  return new HttpError(500, 'internal', 'internal error');
}

/**
 * Log a failure answered with a 5xx on the request's (or socket event's) own logger, which carries
 * its request id: the unexpected as an error with its stack; a database that is down, or a busy or
 * restarting server, as a warning naming the cause.
 */
export function logFailure(logger: Logger, err: unknown, answer: HttpError): void {
  if (answer.status < 500) return;
  if (answer.code === 'internal') {
    logger.error({ err }, 'unhandled error');
  } else {
    const cause = err === answer ? undefined : err instanceof Error ? err.message : String(err);
    logger.warn({ status: answer.status, cause }, answer.message);
  }
}

export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  // A request answered 503 at its deadline may still fail later: the person already has their answer.
  if (res.headersSent) return res.locals.timedOut ? undefined : next(err);
  const httpError = toHttpError(err);
  logFailure(req.log, err, httpError);
  res
    .status(httpError.status)
    .set(httpError.headers)
    .json(httpError.toBody(requestIdOf(req)));
};
