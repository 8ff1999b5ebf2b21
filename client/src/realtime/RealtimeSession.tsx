import { useEffect } from 'react';
import { useEndSession } from '@client/components/useEndSession';
import { queryClient } from '@client/queries/queryClient';
import { queryKeys } from '@client/queries/keys';
import { connectRealtime, disconnectRealtime } from './socket';
import { listenForThreadEvents } from './threadEvents';

/** Keeps the socket open while `userId` is signed in; a session the server ends returns to login. */
export function RealtimeSession({ userId }: { userId: string }) {
  const endSession = useEndSession();

  useEffect(() => {
    const socket = connectRealtime({
      onSessionEnded(reason) {
        void endSession(reason === 'deactivated' ? 'sessionDeactivated' : 'sessionLoggedOut');
      },
      onSessionUpdated() {
        void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      },
    });
    const stopThreadEvents = listenForThreadEvents(socket, queryClient);
    return () => {
      stopThreadEvents();
      disconnectRealtime();
    };
  }, [userId, endSession]);

  return null;
}
