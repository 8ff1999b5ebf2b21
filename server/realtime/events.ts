/**
 * Client→server event handling: each event is paced per person, its payload validated by its
 * shared zod schema, and it is answered with an acknowledgement; a malformed, unknown or failing
 * event gets an error ack and never reaches another client or crashes the process.
 *
 * Every socket hears its events through the same function (`dispatcher`, given to
 * `socket.onAny`), built once per server: it finds its socket as `this` (Socket.IO calls it so)
 * and the caller through `callerOf`. Per-socket closures for ~25 events cost kilobytes on each of
 * thousands of idle sockets (docs/PERFORMANCE.md, "Connection memory").
 *
 * Each event is a request of its own for the log: it gets a request id and a child logger naming
 * it, the person and the socket; a failure is logged there, and a server failure's ack carries the
 * id for the person to quote.
 */
import { randomUUID } from 'node:crypto';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Metrics } from '../system/metrics';
import { SOCKET_EVENT_SCHEMAS, type Ack, type SocketAckBodies, type SocketEventName, type SocketPayload } from '@shared/socketEvents';
import { fromZodError, logFailure, toHttpError, tooManyRequests, unauthenticated, type HttpError } from '../http/errors';
import { runWithOrigin } from '../audit/origin';
import { illFormedField, notUnicode } from '../http/wellFormed';
import type { WorkTracker } from '../http/work';
import type { Logger } from '../log';
import { callerOf, type Caller } from './caller';
import type { CouncilSocket } from './io';
import type { SessionLife } from './sessionLife';
import { sinceArrival } from '../db/viewFeed';

/** What a handler is given besides the payload: who sent it, on which socket, and where to log. */
export interface EventSource extends Caller {
  socket: CouncilSocket;
  /** This event's logger: its lines carry `requestId`, `event`, `userId` and `socketId`. */
  log: Logger;
}

export type EventHandler<E extends SocketEventName> = (
  payload: SocketPayload<E>,
  from: EventSource,
) => Promise<SocketAckBodies[E]> | SocketAckBodies[E];
export type EventHandlers = { [E in SocketEventName]?: EventHandler<E> };

/**
 * One event's work after pacing: validate, then, under the deadline and (for a write) admission,
 * see that the session is still on (`before`) and run the handler; say what to acknowledge.
 */
type Handle = (payload: unknown, from: EventSource, before: () => Promise<void>) => Promise<Ack>;

/**
 * The events that store nothing: joining, leaving, typing, pinging. They are served even while the
 * writes already running are late; every other event is a write, refused then (http/work.ts).
 * (Joining a live room stores one attendance record per organisation and meeting, once; still a read here.)
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

/** A refusal as an ack: REST's error body (a server failure's with the event's request id), less REST's `reason`. */
function errorAck(refusal: HttpError, requestId?: string): Ack {
  const { reason: _reason, ...error } = refusal.toBody(requestId).error;
  return { ok: false, error };
}

function rateLimited(refused: unknown): HttpError {
  const wait = refused instanceof RateLimiterRes ? Math.ceil(refused.msBeforeNext / 1000) : 10;
  return tooManyRequests(`too many events; try again in ${wait} s`, wait);
}

export interface DispatchOptions {
  /** The session behind each socket: writes read it first, reads when it is due. */
  life: SessionLife;
  /** Drop a socket whose session has ended, telling it why. */
  endSocket(socket: CouncilSocket): void;
  /** The app's deadlines, in-flight count and admission of writes. */
  work: WorkTracker;
  /** Events one person may send over all their sockets, known or not. */
  pace: RateLimiterAbstract;
  logger: Logger;
  /** Where each handled event is counted. */
  metrics?: Pick<Metrics, 'event'>;
}

function handleFor<E extends SocketEventName>(event: E, handler: EventHandler<E>, work: WorkTracker): Handle {
  const schema = SOCKET_EVENT_SCHEMAS[event];
  const kind = READS.has(event) ? 'read' : 'write';
  return async (payload, from, before) => {
    const illFormed = illFormedField(payload, 'payload');
    if (illFormed) throw notUnicode(illFormed);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw fromZodError(parsed.error, 'payload');
    // The session is read inside the tracked work: a stalled database turns the write away as busy
    // or answers it at the deadline, like any other database work.
    const run = async () => {
      await before();
      return handler(parsed.data as SocketPayload<E>, from);
    };
    // Views are read as of the event's arrival: one look at their change log serves the whole event.
    return { ok: true, ...(await work.run(() => sinceArrival(run), kind)) };
  };
}

/**
 * The one function every socket hears its events through (`socket.onAny`). `serve` (re)places the
 * handlers; an event nobody handles is answered with an error ack instead of silence.
 */
export function dispatcher({ work, pace, life, endSocket, logger, metrics }: DispatchOptions) {
  const handles = new Map<string, Handle>();
  function dispatch(this: CouncilSocket, event: string, ...args: unknown[]): void {
    const last = args[args.length - 1];
    const reply = typeof last === 'function' ? (last as (r: Ack) => void) : () => undefined;
    const caller = callerOf(this);
    if (!caller) return reply(errorAck(unauthenticated()));
    // A Map lookup: `constructor` or `__proto__` are unknown events like any other.
    const handle = handles.get(event);
    const name = String(event).slice(0, 64);
    const requestId = randomUUID();
    const eventLog = logger.child({ requestId, event: name, userId: caller.actor.id, socketId: this.id });
    const from: EventSource = { ...caller, socket: this, log: eventLog };
    const started = Date.now();
    let sessionEnded = false;
    void runWithOrigin(caller.origin, async (): Promise<Ack> => {
      try {
        await pace.consume(caller.actor.id).catch((refused: unknown) => {
          throw rateLimited(refused);
        });
        if (!handle) return { ok: false, error: { code: 'bad_request', message: `unknown event: ${name}` } };
        const checkSession = async () => {
          if (READS.has(event as SocketEventName) && !life.due(caller)) return;
          if (await life.isOn(caller)) return;
          sessionEnded = true;
          throw unauthenticated('your session has ended; sign in again');
        };
        return await handle(args[0], from, checkSession);
      } catch (err) {
        const refusal = toHttpError(err);
        logFailure(eventLog, err, refusal);
        return errorAck(refusal, requestId);
      }
    }).then((ack) => {
      reply(ack);
      const responseTime = Date.now() - started;
      eventLog.debug({ code: ack.ok ? undefined : ack.error.code, responseTime }, 'event handled');
      // Only known names are counted by name: a caller cannot make up new series.
      metrics?.event(handle ? name : 'unknown', ack.ok ? 'ok' : ack.error.code, responseTime / 1000);
      // Answered first, then dropped: the client learns why its write was refused.
      if (sessionEnded) endSocket(this);
    });
  }
  return {
    dispatch,
    serve(handlers: EventHandlers): void {
      handles.clear();
      for (const event of Object.keys(handlers) as SocketEventName[])
        handles.set(event, handleFor(event, handlers[event] as EventHandler<typeof event>, work));
    },
  };
}
