import { ErrorBody } from '@shared/schemas/common';
import { EverythingPage, EverythingQuery, SimilarItems, SimilarQuery, SuggestQuery, Suggestions } from '@shared/schemas/search';
import { defineRoute } from '../http/route';
import { searchEverything, suggest } from './find';
import { similarTo } from './similar';

const refusals = {
  400: { description: 'invalid input', schema: ErrorBody },
  401: { description: 'not signed in', schema: ErrorBody },
} as const;

export function searchRoutes() {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/search',
        tag: 'search',
        summary:
          'Search threads, messages, issues, comments, answers, meetings, agenda, minutes, announcements, organisations and file names (Japanese and English), among what the reader may read now',
        access: 'user',
        query: EverythingQuery,
        responses: { 200: { description: 'a page of results with highlighted snippets', schema: EverythingPage }, ...refusals },
      },
      ({ actor, query }) => searchEverything(actor, query),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/search/suggest',
        tag: 'search',
        summary: 'Suggestions as a search is typed: items whose titles hold every word, among what the reader may read',
        access: 'user',
        query: SuggestQuery,
        responses: { 200: { description: 'up to 8 suggestions', schema: Suggestions }, ...refusals },
      },
      async ({ actor, query }) => ({ results: await suggest(actor, query.q) }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/search/similar',
        tag: 'search',
        summary: "Duplicate hints: existing issues or threads whose titles are like a new one's, among what the reader may read",
        access: 'user',
        query: SimilarQuery,
        responses: { 200: { description: 'up to 5 similar items', schema: SimilarItems }, ...refusals },
      },
      async ({ actor, query }) => ({ results: await similarTo(actor, query.title, query.kind) }),
    ),
  ];
}
