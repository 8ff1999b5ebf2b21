/** Searching thread titles and message text. */
import { useQuery } from '@tanstack/react-query';
import type { SearchResults } from '@shared/schemas/threads';
import { api } from '@client/api';
import { queryKeys } from './keys';

export function useThreadSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: queryKeys.search(query),
    queryFn: ({ signal }) => api.get<SearchResults>(`/api/search?q=${encodeURIComponent(query)}`, signal),
    enabled: query.length > 0,
  });
}
