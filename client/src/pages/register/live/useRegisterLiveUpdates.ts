import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { issueKeys } from '@client/queries/keys';
import { useRealtimeSocket } from '@client/realtime/useRealtime';
import { listenForIssueEvents } from './listenForIssueEvents';

/**
 * Apply the register's live events while a register page is open. (The socket may appear after
 * the first render; the effect starts listening as soon as it does.) On leaving, everything the
 * register holds is marked stale without fetching: nobody keeps it current meanwhile, so coming
 * back fetches what is shown again.
 */
export function useRegisterLiveUpdates(): void {
  const socket = useRealtimeSocket();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!socket) return;
    const stop = listenForIssueEvents(socket, queryClient);
    return () => {
      stop();
      void queryClient.invalidateQueries({ queryKey: issueKeys.all, refetchType: 'none' });
    };
  }, [socket, queryClient]);
}
