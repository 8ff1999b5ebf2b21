/**
 * Client→server event handling: each event is paced per person, its payload validated by its
 * shared zod schema, and it is answered with an acknowledgement; a malformed, unknown or failing
 * event gets an error ack and never reaches another client or crashes the process.
 *
 * The listeners are built once per server and every socket hears its events through the same
 * function (`dispatcher`, given to `socket.onAny`): it finds its socket as `this` (Socket.IO calls
 * it so) and the caller through `callerOf`. Per-socket closures for ~25 events cost kilobytes on each of thousands of
 * idle sockets (docs/PERFORMANCE.md, "Connection memory").
 */
import type { RateLimiterMemory } from 'rate-limiter-flexible';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { SOCKET_EVENT_SCHEMAS, type Ack, type SocketAckBodies, type SocketEventName, type SocketPayload } from '@shared/socketEvents';
import { fromZodError, toHttpError, tooManyRequests, unauthenticated, type HttpError } from '../http/errors';
import { runWithOrigin } from '../audit/origin';
import type { WorkTracker } from '../http/work';
import { callerOf, type Caller } from './caller';
import type { CouncilSocket } from './io';

/** What a handler is given besides the payload: who sent it, and on which socket. */
export interface EventSource extends Caller {
  socket: CouncilSocket;
}

export type EventHandler<E extends SocketEventName> = (payload: SocketPayload<E>, from: EventSource) => Promise<SocketAckBodies[E]> | SocketAckBodies[E];
export type EventHandlers = { [E in SocketEventName]?: EventHandler<E> };

type Listener = (this: CouncilSocket, payload: unknown, ack?: unknown) => void;

/**
 * The events that store nothing: joining, leaving, typing, pinging. They are served even while the
 * writes already running are late; every other event is a write, refused then (http/work.ts).
 */
const READS: ReadonlySet<SocketEventName> = new Set<SocketEventName>([
  'session.ping',
  'thread.join',
  'thread.leave',
  'thread.typing',
  'issue.join',
  'issue.leave',
  'meeting.join',
  'meeting.leave',
]);

function errorAck(err: unknown): Ack {
  const e = toHttpError(err);
  return { ok: false, error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
}

function rateLimited(refused: unknown): HttpError {
  const wait = refused instanceof RateLimiterRes ? Math.ceil(refused.msBeforeNext / 1000) : 10;
  return tooManyRequests(`too many events; try again in ${wait} s`, wait);
}

export interface ListenerOptions {
  /** The app's deadlines and in-flight count. */
  work: WorkTracker;
  /** Events one person may send over all their sockets. */
  pace: RateLimiterMemory;
}

function listenerFor<E extends SocketEventName>(event: E, handler: EventHandler<E>, { work, pace }: ListenerOptions): Listener {
  const schema = SOCKET_EVENT_SCHEMAS[event];
  const kind = READS.has(event) ? 'read' : 'write';
  const handle = async (socket: CouncilSocket, caller: Caller, payload: unknown): Promise<Ack> => {
    try {
      await pace.consume(caller.actor.id).catch((refused: unknown) => {
        throw rateLimited(refused);
      });
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw fromZodError(parsed.error, 'payload');
      return { ok: true, ...(await work.run(() => Promise.resolve(handler(parsed.data as SocketPayload<E>, { ...caller, socket })), kind)) };
    } catch (err) {
      return errorAck(err);
    }
  };
  return function listener(payload, ack) {
    const reply = typeof ack === 'function' ? (ack as (r: Ack) => void) : () => undefined;
    const caller = callerOf(this);
    if (!caller) return reply(errorAck(unauthenticated()));
    void runWithOrigin(caller.origin, () => handle(this, caller, payload)).then(reply);
  };
}

/** Every handled event's listener, built once per server. */
export function buildListeners(handlers: EventHandlers, options: ListenerOptions): ReadonlyMap<string, Listener> {
  return new Map((Object.keys(handlers) as SocketEventName[]).map((event) => [event, listenerFor(event, handlers[event] as EventHandler<typeof event>, options)]));
}

/**
 * The one function every socket hears its events through (`socket.onAny`): it hands each event to
 * its listener, and answers an event nobody handles with an error ack instead of silence.
 */
export function dispatcher(listeners: () => ReadonlyMap<string, Listener>) {
  return function dispatch(this: CouncilSocket, event: string, ...args: unknown[]): void {
    // Own keys only: a plain lookup would take `constructor` or `__proto__` for events.
    const listener = typeof event === 'string' && Object.hasOwn(SOCKET_EVENT_SCHEMAS, event) ? listeners().get(event) : undefined;
    if (listener) return listener.call(this, args[0], args[1]);
    const ack = args[args.length - 1];
    if (typeof ack === 'function') {
      (ack as (r: Ack) => void)({ ok: false, error: { code: 'bad_request', message: `unknown event: ${String(event).slice(0, 64)}` } });
    }
  };
}
