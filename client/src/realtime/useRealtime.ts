/** The socket and the state of its connection, as React state. */
import { useSyncExternalStore } from 'react';
import { realtimeConnectionState, realtimeSocket, watchRealtime, type ConnectionState, type CouncilSocket } from './socket';

/** The open socket, or null while signed out (it is created after the first render). */
export function useRealtimeSocket(): CouncilSocket | null {
  return useSyncExternalStore(watchRealtime, realtimeSocket, () => null);
}

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(watchRealtime, realtimeConnectionState, () => 'connecting' as const);
}
