/** People and organisations to mention, for the composer's @ autocomplete. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MentionCandidates } from '@shared/schemas/threads';
import { api } from '@client/api';
import { queryKeys } from './keys';

export function useMentionCandidates(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: queryKeys.mentionCandidates(query),
    queryFn: ({ signal }) => api.get<MentionCandidates>(`/api/mentions?q=${encodeURIComponent(query)}`, signal),
    enabled: query.length > 0,
    staleTime: 5 * 60_000, // The directory of people changes rarely.
    placeholderData: keepPreviousData, // Keep the list steady while the next letters are typed.
  });
}
