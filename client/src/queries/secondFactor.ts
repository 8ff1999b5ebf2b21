/** The signed-in person's second factor: status, enrolment, recovery codes; the secretariat's reset. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RecoveryCodes, SecondFactorBody, SecondFactorStatus, TotpCodeBody, TotpSetup } from '@shared/schemas/mfa';
import type { User } from '@shared/schemas/users';
import { api } from '@client/api';
import { getQuery } from './getQuery';
import { meKeys } from './keys';

export const secondFactorQueries = {
  status: () => getQuery<SecondFactorStatus>(meKeys.secondFactor, '/api/me/mfa'),
};

export const useSecondFactorStatus = () => useQuery(secondFactorQueries.status());

export function useTotpSetup() {
  return useMutation({ mutationFn: () => api.post<TotpSetup>('/api/me/mfa/totp/setup') });
}

/**
 * Confirm the app with a code. /api/me is not refetched here: the recovery codes must stay on
 * screen until the person has kept them (the caller refetches when they go on).
 */
export function useEnableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TotpCodeBody) => api.post<RecoveryCodes>('/api/me/mfa/totp/enable', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: meKeys.secondFactor, exact: true }),
  });
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SecondFactorBody) => api.post<void>('/api/me/mfa/totp/disable', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: meKeys.secondFactor, exact: true }),
  });
}

export function useRegenerateRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TotpCodeBody) => api.post<RecoveryCodes>('/api/me/mfa/recovery-codes', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: meKeys.secondFactor, exact: true }),
  });
}

export function useResetSecondFactor() {
  return useMutation({ mutationFn: (userId: string) => api.post<User>(`/api/users/${encodeURIComponent(userId)}/mfa/reset`) });
}
