/**
 * Who is on the other end of a connection, fixed once at its handshake. The handshake request
 * itself (its headers, session and hydrated documents) is let go as soon as this is taken from it:
 * ten thousand idle sockets should hold ten thousand small records, not ten thousand requests.
 */
import type { Actor } from '@shared/domain';
import type { RoomPerson } from '@shared/schemas/threads';
import { socketOrigin, type Origin } from '../audit/origin';
import { actingCopy, type ActingUser, type UserWithOrganization } from '../users/model';
import { roomPersonOf } from '../users/person';
import { toActor } from '../users/presenter';

export interface Caller {
  /** A plain copy of the signed-in user (services that record who acted take it). */
  user: ActingUser;
  actor: Actor;
  /** As rooms show them (with their organisation's kind). */
  person: RoomPerson;
  sessionId: string;
  /** Where the connection came from, for the audit log. */
  origin: Origin;
  /** Until when the session is known to be on (sessionLife.ts); read events look again after it. */
  checkedUntil: number;
}

/** Keyed by the Engine.IO connection, so every namespace socket on it finds the same caller. */
const callers = new WeakMap<object, Caller>();

interface HandshakeRequest {
  user?: UserWithOrganization;
  sessionID?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** Take the caller from a handshake request that passed the sign-in check; undefined if it did not. */
export function rememberCaller(connection: object, request: HandshakeRequest, address: string, checkMs: number): Caller | undefined {
  const user = request.user;
  if (!user?.active || !request.sessionID) return undefined;
  const caller: Caller = {
    user: actingCopy(user),
    actor: toActor(user),
    person: roomPersonOf(user),
    sessionId: request.sessionID,
    origin: socketOrigin({ address, headers: request.headers }),
    // The handshake has just found the session on.
    checkedUntil: Date.now() + checkMs,
  };
  callers.set(connection, caller);
  return caller;
}

export function callerOf(socket: { conn: object }): Caller | undefined {
  return callers.get(socket.conn);
}
