/** People and organisations to mention, for the composer's @ autocomplete. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MentionCandidates } from '@shared/schemas/threads';
import { textLookup } from './getQuery';
import { threadKeys } from './keys';

export const mentionQueries = {
  candidates: (q: string) =>
    textLookup<MentionCandidates>(q, threadKeys.mentionCandidates, '/api/mentions', {
      staleTime: 5 * 60_000, // The directory of people changes rarely.
      placeholderData: keepPreviousData, // Keep the list steady while the next letters are typed.
    }),
};

export const useMentionCandidates = (q: string) => useQuery(mentionQueries.candidates(q));
