/** The signed-in person: who they are, signing in and out, and their password. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePasswordBody, LoginAnswer, LoginBody, Me } from '@shared/schemas/users';
import type { SecondFactorBody } from '@shared/schemas/mfa';
import { api, isApiError } from '@client/api';
import { meKeys } from './keys';

/** GET /api/me, with "not signed in" (401) as `null` rather than an error. */
async function fetchMe(signal: AbortSignal): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/me', signal);
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export const meQueries = {
  me: () => queryOptions({ queryKey: meKeys.me, queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000 }),
};

export const useMe = () => useQuery(meQueries.me());

/** A right password signs in, or (`'mfa' in answer`) asks for the second step. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.post<LoginAnswer>('/api/auth/login', body),
    onSuccess(answer) {
      // Nothing cached for an earlier person may leak into this session.
      queryClient.clear();
      if (!('mfa' in answer)) queryClient.setQueryData(meKeys.me, answer);
    },
  });
}

/** The second step: a code from the authenticator app, or a recovery code. */
export function useSecondFactorLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SecondFactorBody) => api.post<Me>('/api/auth/login/second-factor', body),
    onSuccess(me) {
      queryClient.clear();
      queryClient.setQueryData(meKeys.me, me);
    },
  });
}

/** POST /api/auth/logout; the caller then ends the session on this side (useEndSession). */
export function useLogout() {
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<void>('/api/me/password', body),
  });
}
