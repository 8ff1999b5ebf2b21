/**
 * Where the current request or socket event came from, carried through its async work so the
 * audit log can say "from where" without every service passing the request along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import type { AuditEntry } from '@shared/schemas/audit';

export type Origin = AuditEntry['origin'];

const storage = new AsyncLocalStorage<Origin>();

const SYSTEM: Origin = { channel: 'system', ip: null, userAgent: null };

export function currentOrigin(): Origin {
  return storage.getStore() ?? SYSTEM;
}

export function runWithOrigin<T>(origin: Origin, work: () => T): T {
  return storage.run(origin, work);
}

const clip = (s: string | undefined | null) => (s ? s.slice(0, 300) : null);

/** Express middleware: the rest of the request runs with its address and user agent known. */
export const trackRequestOrigin: RequestHandler = (req, _res, next) => {
  runWithOrigin({ channel: 'http', ip: req.ip ?? null, userAgent: clip(req.get('user-agent')) }, next);
};

export function socketOrigin(handshake: { address: string; headers: Record<string, string | string[] | undefined> }): Origin {
  const agent = handshake.headers['user-agent'];
  return { channel: 'socket', ip: handshake.address || null, userAgent: clip(Array.isArray(agent) ? agent[0] : agent) };
}
