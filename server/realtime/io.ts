/**
 * Socket.IO on the same HTTP server, sharing the Express session: a socket is the signed-in user
 * and nothing else. A handshake without a signed-in session, or from another site, is refused.
 * At connect the server joins the membership rooms (user, session, organisation, persona); entity
 * rooms are joined later, on request, after the same policy check as the REST read.
 */
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { Server, type DefaultEventsMap, type Socket } from 'socket.io';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Request, RequestHandler } from 'express';
import type { PassportStatic } from 'passport';
import { personaOf } from '@shared/domain';
import type { Person } from '@shared/schemas/threads';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/socketEvents';
import { isSameOrigin } from '../http/origin';
import type { UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { registerSessionEvents } from './sessionEvents';
import { personOf, presentPerson } from '../users/person';
import type { WorkTracker } from '../http/work';
import { trackEventWork } from './events';

/**
 * What a socket carries, set once at connection. Plain data only: with an adapter, other nodes
 * read it through `fetchSockets()` (presence).
 */
export interface CouncilSocketData {
  /** The person the socket belongs to, as rooms show them. */
  person: Person;
}

export type CouncilServer = Server<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, CouncilSocketData>;
export type CouncilSocket = Socket<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, CouncilSocketData>;

export const rooms = {
  user: (id: string) => `user:${id}`,
  session: (id: string) => `session:${id}`,
  organization: (id: string) => `org:${id}`,
  persona: (persona: string) => `persona:${persona}`,
};

export interface Realtime {
  io: CouncilServer;
  /** Tell every socket of the user why, then disconnect them (deactivation). */
  endUserSockets(userId: string, reason: 'deactivated' | 'logout'): void;
  /** Disconnect the sockets opened with one session (logout). */
  endSessionSockets(sessionId: string): void;
  /** The user's permissions changed: tell their sockets and drop them, so they reconnect with new rooms. */
  refreshUserSockets(userId: string): void;
  close(): Promise<void>;
}

type HandshakeRequest = IncomingMessage & { _query?: Record<string, string>; user?: UserWithOrganization; sessionID?: string };
type Middleware = (req: HandshakeRequest, res: ServerResponse, next: (err?: unknown) => void) => void;

/** Run Express middleware on the handshake request only, not on every polling request. */
function onlyForHandshake(middleware: RequestHandler | Middleware): Middleware {
  return (req, res, next) => {
    if (req._query?.sid === undefined) (middleware as Middleware)(req, res, next);
    else next();
  };
}

export interface RealtimeOptions {
  sessionMiddleware: RequestHandler;
  absoluteTimeout: RequestHandler;
  passport: PassportStatic;
  allowedOrigins: readonly string[];
  /** Events one person may send per 10 s over all their sockets. */
  eventsPer10s: number;
  /** Deadlines and the in-flight count for socket events. */
  work: WorkTracker;
}

/**
 * A socket middleware run on every incoming event: past the person's pace, the event is answered
 * with a `rate_limited` error ack and goes no further.
 */
function limitEvents(limiter: RateLimiterMemory, userId: string) {
  return ([, ...args]: unknown[], next: (err?: Error) => void) => {
    limiter.consume(userId).then(
      () => next(),
      (refused: unknown) => {
        const wait = refused instanceof RateLimiterRes ? Math.ceil(refused.msBeforeNext / 1000) : 10;
        const ack = args[args.length - 1];
        if (typeof ack === 'function') ack({ ok: false, error: { code: 'rate_limited', message: `too many events; try again in ${wait} s` } });
      },
    );
  };
}

export function createRealtime(httpServer: HttpServer, options: RealtimeOptions): Realtime {
  const io: CouncilServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    allowRequest: (req, callback) => callback(null, isSameOrigin(req, options.allowedOrigins)),
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });

  const eventLimiter = new RateLimiterMemory({ points: options.eventsPer10s, duration: 10 });
  trackEventWork(io, options.work);

  io.engine.use(onlyForHandshake(options.sessionMiddleware));
  io.engine.use(onlyForHandshake(options.absoluteTimeout));
  io.engine.use(onlyForHandshake(options.passport.session()));
  io.engine.use(
    onlyForHandshake(((req, res, next) => {
      if (req.user?.active) return next();
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'unauthenticated', message: 'sign in first' } }));
    }) satisfies Middleware),
  );

  io.on('connection', (socket) => {
    const request = socket.request as Request;
    const user = request.user as UserWithOrganization;
    const actor = toActor(user);
    socket.data.person = presentPerson(personOf(user));
    void socket.join([
      rooms.user(actor.id),
      rooms.session(request.sessionID),
      rooms.organization(actor.organization.id),
      rooms.persona(personaOf(actor)),
    ]);
    socket.use(limitEvents(eventLimiter, actor.id));
    registerSessionEvents(socket, actor);
  });

  return {
    io,
    endUserSockets(userId, reason) {
      io.in(rooms.user(userId)).emit('session.ended', { reason });
      io.in(rooms.user(userId)).disconnectSockets(true);
    },
    endSessionSockets(sessionId) {
      io.in(rooms.session(sessionId)).emit('session.ended', { reason: 'logout' });
      io.in(rooms.session(sessionId)).disconnectSockets(true);
    },
    refreshUserSockets(userId) {
      io.in(rooms.user(userId)).emit('session.updated', { reason: 'roleChanged' });
      io.in(rooms.user(userId)).disconnectSockets(true);
    },
    close: () => new Promise((resolve) => void io.close(() => resolve())),
  };
}
