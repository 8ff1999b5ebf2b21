/**
 * Search everywhere (issue 20): the results page a page at a time, the header box's suggestions and the new
 * forms' duplicate hints. Nothing here is kept live: results go stale after a short while and are asked again.
 */
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { EverythingPage, EverythingQuery, SimilarItems, Suggestions } from '@shared/schemas/search';
import { api } from '@client/api';
import { getQuery } from './getQuery';
import { searchKeys } from './keys';

/** What the results page asks: the query and its filters (the cursor is the page's own). */
export type SearchParams = Partial<Omit<EverythingQuery, 'q' | 'cursor' | 'limit'>> & { q: string };

/** Duplicate hints are offered for these. */
export type SimilarKind = 'issue' | 'thread';

const STALE_MS = 30_000;

function everythingPath(params: SearchParams, cursor: string | null): string {
  const query = new URLSearchParams({ q: params.q });
  if (params.kinds?.length) query.set('kinds', params.kinds.join(','));
  for (const name of ['from', 'to', 'area', 'organization', 'status', 'sort'] as const) {
    const value = params[name];
    if (value) query.set(name, value);
  }
  if (cursor) query.set('cursor', cursor);
  return `/api/search?${query.toString()}`;
}

export const searchQueries = {
  /** The results, a page at a time (`next` is the cursor of the page after). */
  everything: (params: SearchParams) =>
    infiniteQueryOptions({
      queryKey: searchKeys.everything(params),
      queryFn: ({ pageParam, signal }) => api.get<EverythingPage>(everythingPath(params, pageParam), signal),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.next,
      enabled: params.q.trim().length > 0,
      staleTime: STALE_MS,
    }),
  /** Titles that match what is typed in the header; the last ones stay while the next are asked (no flicker). */
  suggestions: (q: string) =>
    getQuery<Suggestions>(searchKeys.suggest(q), `/api/search/suggest?q=${encodeURIComponent(q)}`, {
      enabled: q.length > 0,
      staleTime: STALE_MS,
      placeholderData: keepPreviousData,
    }),
  /** Existing issues or threads like a title being typed. */
  similar: (kind: SimilarKind, title: string) =>
    getQuery<SimilarItems>(searchKeys.similar(kind, title), `/api/search/similar?${new URLSearchParams({ title, kind }).toString()}`, {
      enabled: title.length >= 2,
      staleTime: STALE_MS,
    }),
};

export const useEverythingSearch = (params: SearchParams) => useInfiniteQuery(searchQueries.everything(params));
export const useSearchSuggestions = (q: string) => useQuery(searchQueries.suggestions(q));
export const useSimilarItems = (kind: SimilarKind, title: string) => useQuery(searchQueries.similar(kind, title));
