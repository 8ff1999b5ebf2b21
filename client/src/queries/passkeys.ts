/**
 * Passkeys: the person's own list, adding and removing one, and signing in with one. Each ceremony
 * is options from the server → the browser's WebAuthn dialog (@simplewebauthn/browser) → the
 * authenticator's answer back to the server, which alone decides.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { Passkey, PasskeyList } from '@shared/schemas/passkeys';
import type { Me } from '@shared/schemas/users';
import { api } from '@client/api';
import { getQuery } from './getQuery';
import { meKeys } from './keys';

export const passkeyQueries = {
  list: () => getQuery<PasskeyList>(meKeys.passkeys, '/api/me/passkeys'),
};

export const usePasskeys = () => useQuery(passkeyQueries.list());

/** Register a passkey named `name`; this session then counts it as its second factor, so /api/me changes too. */
export function useAddPasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    async mutationFn(name: string) {
      const optionsJSON = await api.post<PublicKeyCredentialCreationOptionsJSON>('/api/me/passkeys/options');
      const response = await startRegistration({ optionsJSON });
      return api.post<Passkey>('/api/me/passkeys', { name, response });
    },
    onSuccess() {
      void queryClient.invalidateQueries({ queryKey: meKeys.passkeys, exact: true });
      void queryClient.invalidateQueries({ queryKey: meKeys.me, exact: true });
    },
  });
}

export function useRemovePasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/me/passkeys/${encodeURIComponent(id)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: meKeys.passkeys, exact: true }),
  });
}

/** Sign in with a passkey: after the password (the server knows whose), or on its own (the browser offers the site's passkeys). */
export function usePasskeySignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    async mutationFn() {
      const optionsJSON = await api.post<PublicKeyCredentialRequestOptionsJSON>('/api/auth/login/passkey/options');
      const response = await startAuthentication({ optionsJSON });
      return api.post<Me>('/api/auth/login/passkey', { response });
    },
    onSuccess(me) {
      // Nothing cached for an earlier person may leak into this session.
      queryClient.clear();
      queryClient.setQueryData(meKeys.me, me);
    },
  });
}
