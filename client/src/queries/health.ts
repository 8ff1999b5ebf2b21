import { useQuery } from '@tanstack/react-query';
import type { Health } from '@shared/schemas/system';
import { api } from '@client/api';
import { queryKeys } from './keys';

export function useHealth() {
  return useQuery({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => api.get<Health>('/api/health', signal),
    staleTime: Infinity,
    retry: false,
  });
}
