/**
 * Socket.IO on the same HTTP server, sharing the Express session: a socket is the signed-in user
 * and nothing else. A handshake without a signed-in session, or from another site, is refused.
 * At connect the server joins the membership rooms (user, session, organisation, persona); entity
 * rooms are joined later, on request, after the same policy check as the REST read.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type DefaultEventsMap, type Socket } from 'socket.io';
import type { RequestHandler } from 'express';
import type { PassportStatic } from 'passport';
import { personaOf, type Actor } from '@shared/domain';
import type { RoomPerson } from '@shared/schemas/threads';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/socketEvents';
import { createLimiter } from '../cluster/limits';
import type { Metrics } from '../system/metrics';
import type { SharedRedis } from '../cluster/redis';
import { shareRooms } from '../cluster/adapter';
import { markArrival } from '../db/viewFeed';
import { isSameOrigin } from '../http/origin';
import type { WorkTracker } from '../http/work';
import type { Logger } from '../log';
import { callerOf, rememberCaller, type Caller } from './caller';
import { authenticateHandshake, releaseHandshake, type HandshakeRequest } from './handshake';
import { dispatcher, type EventHandlers } from './events';
import { sessionFeature } from './sessionEvents';
import { createSessionLife } from './sessionLife';

/**
 * What a socket carries, set once at connection. Plain data only: with an adapter, other nodes
 * read it through `fetchSockets()` (presence).
 */
export interface CouncilSocketData {
  /** The person the socket belongs to, as rooms show them. */
  person: RoomPerson;
}

export type CouncilServer = Server<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, CouncilSocketData>;
export type CouncilSocket = Socket<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, CouncilSocketData>;

export const rooms = {
  user: (id: string) => `user:${id}`,
  session: (id: string) => `session:${id}`,
  organization: (id: string) => `org:${id}`,
  persona: (persona: string) => `persona:${persona}`,
};

/**
 * What a feature (the forum, the register, meetings) adds to every socket: the rooms it joins at
 * connection, its event handlers, and what to do as it disconnects. Each is one function for the
 * whole server; none may keep per-socket closures (see events.ts).
 */
export interface SocketFeature {
  roomsAtConnect?(actor: Actor): string[];
  /** Runs once per socket as it disconnects, its rooms still joined. */
  disconnecting?(socket: CouncilSocket): void;
  events: EventHandlers;
}

export interface Realtime {
  io: CouncilServer;
  /** Serve these features on every socket from now on (called once, before listening). */
  serve(features: readonly SocketFeature[]): void;
  /** Tell every socket of the user why, then disconnect them (deactivation). */
  endUserSockets(userId: string, reason: 'deactivated' | 'logout' | 'secondFactorChanged'): void;
  /** Disconnect the sockets opened with one session (logout). */
  endSessionSockets(sessionId: string): void;
  /** The password or second factor changed: end the user's sockets of every session but the one it was changed in. */
  endOtherSessionSockets(userId: string, keepSessionId: string, reason?: 'passwordChanged' | 'secondFactorChanged'): void;
  /** The user's permissions changed: tell their sockets and drop them, so they reconnect with new rooms. */
  refreshUserSockets(userId: string): void;
  /** What an organisation's members may read changed (its vendor type): the same for all of them. */
  refreshOrganizationSockets(organizationId: string): void;
  close(): Promise<void>;
}

/** The Engine.IO connection under a socket; its `request` is let go once the caller is taken from it. */
type EngineConnection = CouncilServer['engine'] extends { on(event: 'connection', listener: (socket: infer S) => void): unknown }
  ? S & { request: unknown; remoteAddress: string }
  : never;

export interface RealtimeOptions {
  sessionMiddleware: RequestHandler;
  absoluteTimeout: RequestHandler;
  passport: PassportStatic;
  allowedOrigins: readonly string[];
  /** Events one person may send per 10 s over all their sockets. */
  eventsPer10s: number;
  /** Deadlines and the in-flight count for socket events. */
  work: WorkTracker;
  /** Each event logs through a child of it carrying the event's request id. */
  logger: Logger;
  /** The absolute session limit, and how often an idle socket's session is looked at again. */
  sessionLimits: { absoluteMs: number; checkMs: number };
  /** The client's address behind the trusted proxies (TRUST_PROXY), as REST's `req.ip`; the TCP peer's by default. */
  clientAddress?: (request: HandshakeRequest) => string;
  /** The shared mode: rooms across nodes (the Redis Streams adapter) and the event pace per person across nodes. */
  redis?: SharedRedis | null;
  /** Where each handled event is counted (`GET /metrics`). */
  metrics?: Pick<Metrics, 'event'>;
}

export function createRealtime(httpServer: HttpServer, options: RealtimeOptions): Realtime {
  const io: CouncilServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    allowRequest: (req, callback) => callback(null, isSameOrigin(req, options.allowedOrigins)),
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });

  if (options.redis) shareRooms(io, options.redis);
  const pace = createLimiter({ keyPrefix: 'socket-events', points: options.eventsPer10s, duration: 10 }, options.redis);

  io.engine.use(authenticateHandshake([markArrival, options.sessionMiddleware, options.absoluteTimeout, options.passport.session()]));

  io.engine.on('connection', (connection: EngineConnection) => {
    const request = connection.request as HandshakeRequest;
    const address = options.clientAddress?.(request) ?? connection.remoteAddress;
    rememberCaller(connection, request, address, options.sessionLimits.checkMs);
    // Once the caller is known, the handshake request is dead weight on every idle connection:
    // let go of it (Socket.IO's own advice; it reads a missing one as {}) and of what the sign-in
    // middlewares hung on it, which the upgrade's response still holds.
    releaseHandshake(request);
    connection.request = null as never;
  });

  let features: readonly SocketFeature[] = [sessionFeature];
  const life = createSessionLife(options.sessionLimits);
  const endSocket = (socket: CouncilSocket) => {
    socket.emit('session.ended', { reason: 'expired' });
    socket.disconnect(true);
  };
  const events = dispatcher({ work: options.work, pace, life, endSocket, logger: options.logger, metrics: options.metrics });
  // Idle sockets too: each interval, the sockets of this process whose session is due are looked at
  // (once per session) and those whose session has ended are dropped.
  const sweep = setInterval(() => {
    void (async () => {
      const due = new Map<string, { caller: Caller; sockets: CouncilSocket[] }>();
      for (const socket of io.of('/').sockets.values()) {
        const caller = callerOf(socket);
        if (!caller || !life.due(caller)) continue;
        const entry = due.get(caller.sessionId) ?? { caller, sockets: [] };
        entry.sockets.push(socket);
        due.set(caller.sessionId, entry);
      }
      for (const { caller, sockets } of due.values()) {
        if (!(await life.isOn(caller))) for (const socket of sockets) endSocket(socket);
      }
    })().catch(() => undefined); // the database away: look again next time
  }, options.sessionLimits.checkMs);
  sweep.unref();
  events.serve(sessionFeature.events);
  function onDisconnecting(this: CouncilSocket): void {
    for (const feature of features) feature.disconnecting?.(this);
  }

  io.on('connection', (socket) => {
    const caller = callerOf(socket);
    if (!caller) return void socket.disconnect(true);
    const { actor } = caller;
    socket.data.person = caller.person;
    // The session is resolved (callerOf): its cookie is not kept on the socket. In the shared mode a node's sockets
    // are described to the others through Redis (presence: fetchSockets), handshake included.
    delete socket.handshake.headers.cookie;
    delete socket.handshake.headers.authorization;
    void socket.join([
      rooms.user(actor.id),
      rooms.session(caller.sessionId),
      rooms.organization(actor.organization.id),
      rooms.persona(personaOf(actor)),
      ...features.flatMap((feature) => feature.roomsAtConnect?.(actor) ?? []),
    ]);
    socket.onAny(events.dispatch);
    socket.on('disconnecting', onDisconnecting);
  });

  return {
    io,
    serve(more) {
      features = [sessionFeature, ...more];
      events.serve(Object.assign({}, ...features.map((f) => f.events)) as EventHandlers);
    },
    endUserSockets(userId, reason) {
      io.in(rooms.user(userId)).emit('session.ended', { reason });
      io.in(rooms.user(userId)).disconnectSockets(true);
    },
    endSessionSockets(sessionId) {
      io.in(rooms.session(sessionId)).emit('session.ended', { reason: 'logout' });
      io.in(rooms.session(sessionId)).disconnectSockets(true);
    },
    endOtherSessionSockets(userId, keepSessionId, reason = 'passwordChanged') {
      const others = io.in(rooms.user(userId)).except(rooms.session(keepSessionId));
      others.emit('session.ended', { reason });
      others.disconnectSockets(true);
    },
    refreshUserSockets(userId) {
      io.in(rooms.user(userId)).emit('session.updated', { reason: 'roleChanged' });
      io.in(rooms.user(userId)).disconnectSockets(true);
    },
    refreshOrganizationSockets(organizationId) {
      io.in(rooms.organization(organizationId)).emit('session.updated', { reason: 'organizationChanged' });
      io.in(rooms.organization(organizationId)).disconnectSockets(true);
    },
    close: () => {
      clearInterval(sweep);
      return new Promise((resolve) => void io.close(() => resolve()));
    },
  };
}
