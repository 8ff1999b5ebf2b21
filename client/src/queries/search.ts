/** Searching thread titles and message text. */
import { useQuery } from '@tanstack/react-query';
import type { SearchResults } from '@shared/schemas/threads';
import { textLookup } from './getQuery';
import { threadKeys } from './keys';

export const searchQueries = {
  threads: (q: string) => textLookup<SearchResults>(q, threadKeys.search, '/api/search'),
};

export const useThreadSearch = (q: string) => useQuery(searchQueries.threads(q));
