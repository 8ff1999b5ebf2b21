import { queryOptions, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { api } from '@client/api';

type ReadOptions<T, K extends QueryKey> = Omit<UseQueryOptions<T, Error, T, K>, 'queryKey' | 'queryFn'>;

/**
 * The `queryOptions` of a read that is one GET of `path`, cached under `queryKey` (from keys.ts),
 * with whatever else it needs (`staleTime`, `enabled` …). The key carries the data's type, so
 * `setQueryData` and `getQueryData` on it are typed too.
 */
export function getQuery<T, K extends QueryKey = QueryKey>(queryKey: K, path: string, options: ReadOptions<T, K> = {}) {
  return queryOptions<T, Error, T, K>({ ...options, queryKey, queryFn: ({ signal }) => api.get<T>(path, signal) });
}

/** A look-up by typed text (`path?q=`): trimmed, and not asked while blank. */
export function textLookup<T, K extends QueryKey = QueryKey>(
  q: string,
  key: (text: string) => K,
  path: string,
  options: ReadOptions<T, K> = {},
) {
  const text = q.trim();
  return getQuery<T, K>(key(text), `${path}?q=${encodeURIComponent(text)}`, { ...options, enabled: text.length > 0 });
}
