import { ErrorBody } from '@shared/schemas/common';
import { SearchQuery, SearchResults } from '@shared/schemas/threads';
import { defineRoute } from '../http/route';
import { search } from './service';

export function searchRoutes() {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/search',
        tag: 'threads',
        summary: 'Search thread titles and messages (Japanese and English) among what the reader may see',
        access: 'user',
        query: SearchQuery,
        responses: {
          200: { description: 'matching threads and messages with highlighted snippets', schema: SearchResults },
          400: { description: 'invalid input', schema: ErrorBody },
          401: { description: 'not signed in', schema: ErrorBody },
        },
      },
      ({ actor, query }) => search(actor, query.q, query.limit),
    ),
  ];
}
