/**
 * Client→server event handling: each event's payload is validated by its shared zod schema and
 * answered with an acknowledgement; a malformed, unknown or failing event gets an error ack and
 * never reaches another client or crashes the process.
 */
import type { Actor } from '@shared/domain';
import { SOCKET_EVENT_SCHEMAS, type Ack, type SocketAckBodies, type SocketEventName, type SocketPayload } from '@shared/socketEvents';
import { fromZodError, toHttpError } from '../http/errors';
import { runWithOrigin, socketOrigin } from '../audit/origin';
import type { WorkTracker } from '../http/work';
import type { CouncilServer, CouncilSocket } from './io';

/**
 * The app's work tracker per Socket.IO server: each event runs under its deadline and counts for a
 * graceful shutdown. Kept here, not in `socket.data`, which is per socket and must stay plain data.
 */
const trackers = new WeakMap<CouncilServer, WorkTracker>();

export function trackEventWork(io: CouncilServer, work: WorkTracker): void {
  trackers.set(io, work);
}

function errorAck(err: unknown): Ack {
  const e = toHttpError(err);
  return { ok: false, error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
}

/** Register a typed, validated handler for one event. */
export function handleEvent<E extends SocketEventName>(
  socket: CouncilSocket,
  event: E,
  actor: Actor,
  handler: (payload: SocketPayload<E>, actor: Actor) => Promise<SocketAckBodies[E]> | SocketAckBodies[E],
): void {
  const schema = SOCKET_EVENT_SCHEMAS[event];
  const origin = socketOrigin(socket.handshake);
  const work = trackers.get(socket.nsp.server);
  const listener = (payload: unknown, ack?: unknown) => runWithOrigin(origin, () => handle(payload, ack));
  const handle = async (payload: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: Ack) => void) : () => undefined;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return reply(errorAck(fromZodError(parsed.error, 'payload')));
    try {
      const run = () => Promise.resolve(handler(parsed.data as SocketPayload<E>, actor));
      reply({ ok: true, ...(await (work ? work.run(run) : run())) });
    } catch (err) {
      reply(errorAck(err));
    }
  };
  socket.on(event, listener as never);
}

/** Answer events nobody handles with an error ack instead of silence. */
export function refuseUnknownEvents(socket: CouncilSocket): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    // Own keys only: `in` would take `constructor` or `__proto__` for known events and stay silent.
    if (Object.hasOwn(SOCKET_EVENT_SCHEMAS, event)) return;
    const ack = args[args.length - 1];
    if (typeof ack === 'function') {
      (ack as (r: Ack) => void)({ ok: false, error: { code: 'bad_request', message: `unknown event: ${event.slice(0, 64)}` } });
    }
  });
}
