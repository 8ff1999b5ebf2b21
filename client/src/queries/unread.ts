import { useQuery } from '@tanstack/react-query';
import type { UnreadSummary } from '@shared/schemas/threads';
import { api } from '@client/api';
import { queryKeys } from './keys';

/** How many threads the reader has not read: the badge beside スレッド in the main menu. */
export function useUnreadSummary() {
  return useQuery({
    queryKey: queryKeys.threadsUnread,
    queryFn: ({ signal }) => api.get<UnreadSummary>('/api/threads/unread', signal),
    staleTime: 30_000,
  });
}
