import { useSearchParams } from 'react-router';
import { BUSINESS_AREA_KEYS, type BusinessAreaKey } from '@shared/reference/council';
import { THREAD_LIST_VIEWS, VISIBILITIES, type ThreadListView, type Visibility } from '@shared/threads/rules';
import type { ThreadFilters } from '@client/queries/threads';

const isVisibility = (v: string | null): v is Visibility => (VISIBILITIES as readonly (string | null)[]).includes(v);
const isArea = (v: string | null): v is BusinessAreaKey => (BUSINESS_AREA_KEYS as readonly (string | null)[]).includes(v);
const isView = (v: string | null): v is ThreadListView => v !== 'all' && (THREAD_LIST_VIEWS as readonly (string | null)[]).includes(v);

/** The URL's query for `filters` (?view=&visibility=&area=&resolved=&mine=1), unset ones left out. */
export function filtersSearch(filters: ThreadFilters): string {
  const query = new URLSearchParams();
  if (filters.view && filters.view !== 'all') query.set('view', filters.view);
  if (filters.visibility) query.set('visibility', filters.visibility);
  if (filters.businessArea) query.set('area', filters.businessArea);
  if (filters.resolved !== undefined) query.set('resolved', String(filters.resolved));
  if (filters.mine) query.set('mine', '1');
  const search = query.toString();
  return search ? `?${search}` : '';
}

/**
 * The list's tab and filters, kept in the URL (?view=new&visibility=&area=&resolved=&mine=1) so a
 * filtered list can be bookmarked and survives a reload. Unset filters are left out of the object,
 * so equal filters make equal cache keys.
 */
export function useThreadFilters(): [ThreadFilters, (change: Partial<ThreadFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: ThreadFilters = {};
  const view = params.get('view');
  const visibility = params.get('visibility');
  const area = params.get('area');
  const resolved = params.get('resolved');
  if (isView(view)) filters.view = view;
  if (isVisibility(visibility)) filters.visibility = visibility;
  if (isArea(area)) filters.businessArea = area;
  if (resolved === 'true' || resolved === 'false') filters.resolved = resolved === 'true';
  if (params.get('mine') === '1') filters.mine = true;

  function update(change: Partial<ThreadFilters>) {
    setParams(new URLSearchParams(filtersSearch({ ...filters, ...change })), { preventScrollReset: true });
  }

  return [filters, update];
}
