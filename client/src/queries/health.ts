import { useQuery } from '@tanstack/react-query';
import type { Health } from '@shared/schemas/system';
import { getQuery } from './getQuery';
import { systemKeys } from './keys';

export const healthQueries = {
  health: () => getQuery<Health>(systemKeys.health, '/api/health', { staleTime: Infinity, retry: false }),
};

export const useHealth = () => useQuery(healthQueries.health());
