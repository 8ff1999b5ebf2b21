import { useSearchParams } from 'react-router';
import { EverythingQuery } from '@shared/schemas/search';
import type { SearchParams } from '@client/queries/search';

type Filter = Exclude<keyof SearchParams, 'q'>;
const FILTERS = ['kinds', 'from', 'to', 'area', 'organization', 'status', 'sort'] as const satisfies readonly Filter[];

/** The filters set (the order aside): how many, for the filters' summary and the empty state. */
export const filterCount = (params: SearchParams) =>
  (['kinds', 'from', 'to', 'area', 'organization', 'status'] as const).filter((name) => params[name] !== undefined).length;

/** One parameter as the API would read it, or nothing when it would refuse it (a stale or hand-made address). */
function parsed<K extends Filter>(name: K, value: string | null): SearchParams[K] | undefined {
  if (value === null || value === '') return undefined;
  const result = EverythingQuery.shape[name].safeParse(value);
  return result.success ? (result.data as SearchParams[K]) : undefined;
}

/** The address of the results page for these parameters: unset filters, no kinds and the default order are left out. */
export function searchUrl(params: SearchParams): string {
  const query = new URLSearchParams();
  if (params.q) query.set('q', params.q);
  if (params.kinds?.length) query.set('kinds', params.kinds.join(','));
  for (const name of ['from', 'to', 'area', 'organization', 'status'] as const) {
    const value = params[name];
    if (value) query.set(name, value);
  }
  if (params.sort === 'date') query.set('sort', 'date');
  return `/search?${query.toString()}`;
}

/**
 * The results page's state is its address (/search?q=&kinds=&from=&to=&area=&organization=&status=&sort=), so a
 * search can be bookmarked, shared and gone back to. Unset filters are left out of the object, so equal searches
 * make equal cache keys.
 */
export function useSearchUrl(): [SearchParams, (change: Partial<SearchParams>) => void] {
  const [url, setUrl] = useSearchParams();
  const params: SearchParams = { q: (url.get('q') ?? '').trim() };
  for (const name of FILTERS) {
    const value = parsed(name, url.get(name));
    if (value !== undefined && !(Array.isArray(value) && value.length === 0) && !(name === 'sort' && value === 'relevance'))
      Object.assign(params, { [name]: value });
  }

  function update(change: Partial<SearchParams>) {
    const next = new URLSearchParams(searchUrl({ ...params, ...change }).slice('/search?'.length));
    setUrl(next, { preventScrollReset: true });
  }

  return [params, update];
}
