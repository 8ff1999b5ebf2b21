import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { statusKeys } from '@client/queries/keys';
import { listenForStatusEvents } from '@client/realtime/statusEvents';
import { useRealtimeSocket } from '@client/realtime/useRealtime';

/**
 * Apply 開発状況報告's live events while one of its pages is open (the socket may appear after the
 * first render). On leaving, what the pages hold is marked stale without fetching: nobody keeps it
 * current meanwhile, so coming back fetches what is shown again.
 */
export function useStatusLiveUpdates(): void {
  const socket = useRealtimeSocket();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!socket) return;
    const stop = listenForStatusEvents(socket, queryClient);
    return () => {
      stop();
      void queryClient.invalidateQueries({ queryKey: statusKeys.all, refetchType: 'none' });
    };
  }, [socket, queryClient]);
}
