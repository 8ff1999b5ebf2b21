/** The page a mail's unsubscribe link opens: what the token stops, and stopping it (no session needed). */
import { useMutation, useQuery } from '@tanstack/react-query';
import type { UnsubscribeTarget } from '@shared/schemas/mail';
import { api } from '@client/api';
import { getQuery } from './getQuery';
import { mailKeys } from './keys';

const unsubscribePath = (token: string) => `/api/mail/unsubscribe?token=${encodeURIComponent(token)}`;

export const mailQueries = {
  /** GET /api/mail/unsubscribe: the kind and the masked address. A bad token stays bad: not retried. */
  unsubscribe: (token: string) =>
    getQuery<UnsubscribeTarget>(mailKeys.unsubscribe(token), unsubscribePath(token), {
      retry: false,
      staleTime: Infinity,
      enabled: token !== '',
    }),
};

export const useUnsubscribeTarget = (token: string) => useQuery(mailQueries.unsubscribe(token));

/** POST /api/mail/unsubscribe with `{}`: the same request a mail provider's one-click button makes. */
export const useUnsubscribe = (token: string) => useMutation({ mutationFn: () => api.post<UnsubscribeTarget>(unsubscribePath(token), {}) });
