import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { meKeys } from '@client/queries/keys';
import { disconnectRealtime } from '@client/realtime/socket';
import type { LoginLocationState, LoginNotice } from '@client/pages/loginNotice';

/**
 * Leave the signed-in app: close the socket, go to the login page with a notice, and only then
 * drop every cached answer (so nothing of this session is shown to the next person).
 */
export function useEndSession(): (notice: LoginNotice) => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    async (notice) => {
      disconnectRealtime();
      const state: LoginLocationState = { notice };
      await navigate('/login', { replace: true, state });
      queryClient.clear();
      queryClient.setQueryData(meKeys.me, null);
    },
    [queryClient, navigate],
  );
}
