import { useQuery } from '@tanstack/react-query';
import { api } from '@client/api';
import { queryKeys } from './keys';

export interface Health {
  db: string;
  /** True when the server runs with the demo accounts seeded. */
  demo: boolean;
}

export function useHealth() {
  return useQuery({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => api.get<Health>('/api/health', signal),
    staleTime: Infinity,
    retry: false,
  });
}
