import { useSearchParams } from 'react-router';
import { BUSINESS_AREA_KEYS, type BusinessAreaKey } from '@shared/reference/council';
import { VISIBILITIES, type Visibility } from '@shared/threads/rules';
import type { ThreadFilters } from '@client/queries/threads';

const isVisibility = (v: string | null): v is Visibility => (VISIBILITIES as readonly (string | null)[]).includes(v);
const isArea = (v: string | null): v is BusinessAreaKey => (BUSINESS_AREA_KEYS as readonly (string | null)[]).includes(v);

/**
 * The list filters, kept in the URL (?visibility=&area=&resolved=&unread=1&mine=1) so a filtered
 * list can be shared and survives a reload. Unset filters are left out of the object, so equal
 * filters make equal cache keys.
 */
export function useThreadFilters(): [ThreadFilters, (change: Partial<ThreadFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: ThreadFilters = {};
  const visibility = params.get('visibility');
  const area = params.get('area');
  const resolved = params.get('resolved');
  if (isVisibility(visibility)) filters.visibility = visibility;
  if (isArea(area)) filters.businessArea = area;
  if (resolved === 'true' || resolved === 'false') filters.resolved = resolved === 'true';
  if (params.get('unread') === '1') filters.unread = true;
  if (params.get('mine') === '1') filters.mine = true;

  function update(change: Partial<ThreadFilters>) {
    const next = { ...filters, ...change };
    const query = new URLSearchParams();
    if (next.visibility) query.set('visibility', next.visibility);
    if (next.businessArea) query.set('area', next.businessArea);
    if (next.resolved !== undefined) query.set('resolved', String(next.resolved));
    if (next.unread) query.set('unread', '1');
    if (next.mine) query.set('mine', '1');
    setParams(query, { preventScrollReset: true });
  }

  return [filters, update];
}
