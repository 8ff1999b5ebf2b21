import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { AuditExportQuery } from '@shared/schemas/audit';
import type { AuditFilters } from '@client/queries/audit';

const { category, actorId, from, to } = AuditExportQuery.shape;

/** Each filter read with the server's own schema: a hand-edited URL drops what it cannot use. */
function parseFilters(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {
    category: category.safeParse(params.get('category') ?? undefined).data,
    actorId: actorId.safeParse(params.get('actorId') ?? undefined).data,
    from: from.safeParse(params.get('from') ?? undefined).data,
    to: to.safeParse(params.get('to') ?? undefined).data,
  };
  // Leave out what is unset, so equal filters make equal cache keys.
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as AuditFilters;
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return Object.keys(filters).length > 0;
}

export interface AuditFilterState {
  filters: AuditFilters;
  /** Change some filters; `undefined` clears one. */
  update: (change: Partial<AuditFilters>) => void;
  clear: () => void;
}

/** The audit log's filters kept in the URL, so a filtered view can be shared and stepped back through. */
export function useAuditFilters(): AuditFilterState {
  const [params, setParams] = useSearchParams();
  const serialized = params.toString();
  const filters = useMemo(() => parseFilters(new URLSearchParams(serialized)), [serialized]);

  function write(next: AuditFilters) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(next)) if (value) query.set(name, value);
    setParams(query, { preventScrollReset: true });
  }

  return {
    filters,
    update: (change) => write({ ...filters, ...change }),
    clear: () => write({}),
  };
}
