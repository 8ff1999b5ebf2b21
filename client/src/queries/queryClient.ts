import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '@client/api';
import { meKeys } from './keys';

/** Client errors will not change by asking again; network hiccups and 5xx may. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError(error) {
      // A read refused with 401 means the session is gone: forget who was signed in, and the
      // route guard sends the person to the login page. (Mutations decide for themselves: a 401
      // from the password form means "current password is wrong".)
      if (isApiError(error) && error.status === 401) queryClient.setQueryData(meKeys.me, null);
    },
  }),
  defaultOptions: {
    queries: { staleTime: 30_000, retry: shouldRetry },
    mutations: { retry: false },
  },
});
