import { useEffect } from 'react';
import { useEndSession } from '@client/components/useEndSession';
import { queryClient } from '@client/queries/queryClient';
import { meKeys } from '@client/queries/keys';
import type { LoginNotice } from '@client/pages/loginNotice';
import { connectRealtime, disconnectRealtime, type SessionEndReason } from './socket';
import { listenForNotificationEvents } from './notificationEvents';
import { listenForThreadEvents } from './threadEvents';

const SESSION_END_NOTICE = {
  logout: 'sessionLoggedOut',
  deactivated: 'sessionDeactivated',
  passwordChanged: 'sessionPasswordChanged',
  secondFactorChanged: 'sessionSecondFactorChanged',
  expired: 'sessionExpired',
} as const satisfies Record<SessionEndReason, LoginNotice>;

/** Keeps the socket open while `userId` is signed in; a session the server ends returns to login. */
export function RealtimeSession({ userId }: { userId: string }) {
  const endSession = useEndSession();

  useEffect(() => {
    const socket = connectRealtime({
      onSessionEnded(reason) {
        void endSession(SESSION_END_NOTICE[reason]);
      },
      onSessionUpdated() {
        void queryClient.invalidateQueries({ queryKey: meKeys.me });
      },
    });
    const stopThreadEvents = listenForThreadEvents(socket, queryClient);
    const stopNotificationEvents = listenForNotificationEvents(socket, queryClient);
    return () => {
      stopThreadEvents();
      stopNotificationEvents();
      disconnectRealtime();
    };
  }, [userId, endSession]);

  return null;
}
