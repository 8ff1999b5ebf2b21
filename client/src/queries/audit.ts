/** The audit log (監査ログ, secretariat only): its pages, its export links and the chain check. */
import { infiniteQueryOptions, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { AuditExportQuery, AuditPage, AuditVerification } from '@shared/schemas/audit';
import { api } from '@client/api';
import { auditKeys } from './keys';

/** What the page filters by: the export takes the same, the list adds `before` and `limit`. */
export type AuditFilters = AuditExportQuery;

const PAGE_SIZE = 50;

/** The query string the server reads, for the list and the exports alike. */
export function auditSearchParams(filters: AuditFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.category) query.set('category', filters.category);
  if (filters.actorId) query.set('actorId', filters.actorId);
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  return query;
}

export function auditExportPath(format: 'xlsx' | 'csv', filters: AuditFilters): string {
  const query = auditSearchParams(filters).toString();
  return `/api/audit/export.${format}${query ? `?${query}` : ''}`;
}

export const auditQueries = {
  /** GET /api/audit, newest first; each further page asks for the entries before the last one shown. */
  list: (filters: AuditFilters) =>
    infiniteQueryOptions({
      queryKey: auditKeys.list(filters),
      queryFn: ({ pageParam, signal }) => {
        const query = auditSearchParams(filters);
        query.set('limit', String(PAGE_SIZE));
        if (pageParam !== null) query.set('before', String(pageParam));
        return api.get<AuditPage>(`/api/audit?${query.toString()}`, signal);
      },
      initialPageParam: null as number | null,
      getNextPageParam: (last) => last.nextBefore,
    }),
};

export const useAuditLog = (filters: AuditFilters, enabled = true) => useInfiniteQuery({ ...auditQueries.list(filters), enabled });

/**
 * GET /api/audit/verify. A mutation rather than a query: each press is a fresh check of the whole
 * chain, and an earlier answer must never be shown as if it were current.
 */
export function useVerifyAuditLog() {
  return useMutation({
    mutationFn: () => api.get<AuditVerification>('/api/audit/verify'),
  });
}
