/**
 * Cross-site request refusal. A browser names the page that made a request in `Origin` (and in
 * `Sec-Fetch-Site`); a state-changing request, or a socket handshake, from another site is refused.
 * Requests from non-browser clients carry neither and are judged by their session alone.
 */
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { forbidden } from './errors';

export function isSameOrigin(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin) {
    if (allowedOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `exempt`: a request whose own credential is not the session (a signed token in its URL), which other sites must reach. */
export function refuseCrossSite(allowedOrigins: readonly string[], exempt: (req: Request) => boolean = () => false): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || exempt(req) || isSameOrigin(req, allowedOrigins)) return next();
    next(forbidden('cross-site request refused'));
  };
}
