/**
 * The one Socket.IO connection of a signed-in person. It rides on the same session cookie as
 * the REST API, so it exists only while someone is signed in.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/socketEvents';

export type CouncilSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SessionEndReason = Parameters<ServerToClientEvents['session.ended']>[0]['reason'];
/** `interrupted`: the connection dropped (or could not be made) and Socket.IO is retrying. */
export type ConnectionState = 'connecting' | 'connected' | 'interrupted';

let socket: CouncilSocket | null = null;
let connectionState: ConnectionState = 'connecting';
const watchers = new Set<() => void>();

function setConnectionState(next: ConnectionState): void {
  connectionState = next;
  for (const watcher of watchers) watcher();
}

/** Be told when the socket is opened or closed, drops or comes back (for useSyncExternalStore). */
export function watchRealtime(watcher: () => void): () => void {
  watchers.add(watcher);
  return () => {
    watchers.delete(watcher);
  };
}

export function realtimeConnectionState(): ConnectionState {
  return connectionState;
}

interface ConnectOptions {
  /** The server ended the session (logout elsewhere, deactivation). */
  onSessionEnded: (reason: SessionEndReason) => void;
  /** The person's role changed: their abilities must be fetched again. */
  onSessionUpdated: () => void;
}

/** Open the connection (once; later calls return the same socket). */
export function connectRealtime({ onSessionEnded, onSessionUpdated }: ConnectOptions): CouncilSocket {
  if (socket) return socket;
  const created: CouncilSocket = io({ withCredentials: true });
  created.on('session.ended', ({ reason }) => {
    disconnectRealtime();
    onSessionEnded(reason);
  });
  created.on('session.updated', () => {
    // The server drops this socket right after; connect again to be placed in the new rooms.
    created.once('disconnect', () => created.connect());
    onSessionUpdated();
  });
  created.on('server.shutdown', () => {
    // A restart: Socket.IO reconnects by itself after a dropped transport, but not after a server-side disconnect.
    created.once('disconnect', (reason) => {
      if (reason === 'io server disconnect') created.connect();
    });
  });
  created.on('connect', () => setConnectionState('connected'));
  created.on('disconnect', () => setConnectionState('interrupted'));
  created.on('connect_error', () => setConnectionState('interrupted'));
  socket = created;
  setConnectionState(created.connected ? 'connected' : 'connecting');
  return created;
}

/** The open connection, for features that join rooms or emit; null when signed out. */
export function realtimeSocket(): CouncilSocket | null {
  return socket;
}

export function disconnectRealtime(): void {
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = null;
  setConnectionState('connecting');
}
