/**
 * What the API accepts as a request body: UTF-8 JSON, parsed by `express.json`. Bytes it cannot
 * read are refused, never silently dropped or repaired.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { badRequest } from './errors';

/**
 * `express.json`'s `verify` hook: invalid UTF-8 is a 400. Left to the decoder it would become
 * U+FFFD and be stored as if the sender had meant it.
 */
export function requireUtf8(_req: IncomingMessage, _res: unknown, buf: Buffer): void {
  if (!isUtf8(buf)) throw badRequest('body: request body is not valid UTF-8', 'body');
}

/** The request carries bytes the JSON parser did not read (another content type, or none named). */
export function hasUnreadBody(req: Request): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return (req.headers['transfer-encoding'] !== undefined || length > 0) && req.body === undefined;
}
