/**
 * The typed Socket.IO event map, used by `new Server<ClientToServerEvents, ServerToClientEvents>()`
 * and by the client's `Socket<ServerToClientEvents, ClientToServerEvents>`. Event names read
 * `entity.verb`. Every client→server event takes one payload (validated by the schema in
 * SOCKET_EVENT_SCHEMAS) and an acknowledgement callback.
 */
import { z } from 'zod';
import type { ErrorCode } from './schemas/common';

export type Ack<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: { code: ErrorCode; message: string; field?: string } };

export const SOCKET_EVENT_SCHEMAS = {
  'session.ping': z.strictObject({ at: z.number().int().nonnegative().optional() }),
} as const;

/** What a successful acknowledgement carries, per event. */
export interface SocketAckBodies {
  'session.ping': { userId: string; serverTime: number };
}

export type SocketEventName = keyof typeof SOCKET_EVENT_SCHEMAS & keyof SocketAckBodies;
export type SocketPayload<E extends SocketEventName> = z.output<(typeof SOCKET_EVENT_SCHEMAS)[E]>;

export type ClientToServerEvents = {
  [E in SocketEventName]: (payload: z.input<(typeof SOCKET_EVENT_SCHEMAS)[E]>, ack: (response: Ack<SocketAckBodies[E]>) => void) => void;
};

export interface ServerToClientEvents {
  /** The session ended on the server (logout elsewhere, deactivation): the client must sign in again. */
  'session.ended': (payload: { reason: 'logout' | 'deactivated' }) => void;
  /**
   * What the person may do changed (their role): the server drops the socket right after this so
   * the client reconnects with its new rooms, and refetches /api/me for its new abilities.
   */
  'session.updated': (payload: { reason: 'roleChanged' }) => void;
}
