/**
 * "Search everywhere" (issue 20; docs/SEARCH.md): the one search box's requests and answers. The query language
 * itself (AND, phrases, exclusion, issue numbers) is shared/search/textQuery.ts.
 */
import { z } from 'zod';
import { BUSINESS_AREA_KEYS } from '../reference/council';
import { ObjectIdString } from './common';
import { DateOnly } from './issues';
import { MAX_QUERY_LENGTH } from '../search/textQuery';

/**
 * What can be found, one key per kind of item: its index key is `<kind>:<id>` (server/search/kinds/). `agenda` and
 * `minutes` are a meeting's agenda and its minutes (with decisions and action items), one item per meeting; `file`
 * is an attachment's file name, found where its message, meeting or announcement may be read; `statusReport` is a
 * vendor's development status report in a round (its free text), as far as the reader may see it.
 */
export const SEARCH_KINDS = [
  'thread',
  'message',
  'issue',
  'comment',
  'answer',
  'meeting',
  'agenda',
  'minutes',
  'announcement',
  'statusReport',
  'organization',
  'file',
] as const;
export const SearchKind = z.enum(SEARCH_KINDS);
export type SearchKind = z.infer<typeof SearchKind>;

/** The results page's groups, in this order (a kind not named belongs to the group of its own name). */
export const SEARCH_GROUPS: ReadonlyArray<{ group: string; kinds: readonly SearchKind[] }> = [
  { group: 'threads', kinds: ['thread', 'message'] },
  { group: 'issues', kinds: ['issue', 'comment', 'answer'] },
  { group: 'meetings', kinds: ['meeting', 'agenda'] },
  { group: 'minutes', kinds: ['minutes'] },
  { group: 'announcements', kinds: ['announcement'] },
  { group: 'statusReports', kinds: ['statusReport'] },
  { group: 'organizations', kinds: ['organization'] },
  { group: 'files', kinds: ['file'] },
];

export const SEARCH_SORTS = ['relevance', 'date'] as const;
export const SEARCH_PAGE_SIZE = 20;

/** A comma-separated list in a query string (`kinds=issue,comment`), or repeated keys. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? (v === '' ? [] : v.split(',')) : v), z.array(item).max(SEARCH_KINDS.length));

const Query = z.string().trim().min(1, 'required').max(MAX_QUERY_LENGTH);

/** A status of whatever kind carries one (an issue's, a meeting's, a thread's `open`/`resolved`): letters only. */
const Status = z.string().regex(/^[a-zA-Z]{1,32}$/, 'must be a status name');

export const EverythingQuery = z.strictObject({
  q: Query,
  kinds: listOf(SearchKind).optional(),
  /** When it was written (Japan dates, inclusive). */
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  area: z.enum(BUSINESS_AREA_KEYS).optional(),
  /** The organisation it belongs to or was written by. */
  organization: ObjectIdString.optional(),
  status: Status.optional(),
  sort: z.enum(SEARCH_SORTS).default('relevance'),
  /** The `next` of the page before. */
  cursor: z
    .string()
    .regex(/^[01]\.\d{1,15}$/, 'must be the next cursor of a search page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(SEARCH_PAGE_SIZE),
});
export type EverythingQuery = z.infer<typeof EverythingQuery>;

export const Highlights = z.array(z.tuple([z.number().int(), z.number().int()]));

export const SearchResult = z
  .object({
    kind: SearchKind,
    /** The item's id (a meeting's id for its agenda and minutes). */
    id: z.string(),
    /** What the result is called: a thread's or an issue's title, a file's name, an organisation's name. */
    title: z.string(),
    titleHighlights: Highlights,
    /** Plain text around the first match, and the [start, end) ranges of the matches within it. */
    snippet: z.string(),
    highlights: Highlights,
    /** Where it is, for the line under the title: the thread, issue (with number) or meeting it belongs to. */
    where: z.string().nullable(),
    /** The page to open (a client path). */
    href: z.string(),
    /** Who wrote it (a person or an organisation), when that is part of it. */
    who: z.string().nullable(),
    /** When it was written or last changed (ISO). */
    at: z.string(),
    /** An issue's number, when it is an issue or belongs to one. */
    number: z.string().nullable(),
    status: z.string().nullable(),
  })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof SearchResult>;

export const EverythingPage = z
  .object({
    results: z.array(SearchResult),
    /** Pass as `cursor` for the next page; null when there is none. */
    next: z.string().nullable(),
    /**
     * True when the search looked at its limit of candidates before filling the page: `next` goes on from there.
     * There are no counts: a count of what the searcher may not read would leak it.
     */
    partial: z.boolean(),
    /** The query as understood: the terms, the exclusions, and whether it was cut at the limits. */
    understood: z.object({ terms: z.array(z.string()), excluded: z.array(z.string()), truncated: z.boolean() }),
  })
  .meta({ id: 'SearchPage' });
export type EverythingPage = z.infer<typeof EverythingPage>;

export const SuggestQuery = z.strictObject({ q: Query });
export const Suggestions = z.object({ results: z.array(SearchResult) }).meta({ id: 'SearchSuggestions' });
export type Suggestions = z.infer<typeof Suggestions>;

/** Duplicate hints: a new issue's or thread's title as it is typed. */
export const SimilarQuery = z.strictObject({
  title: z.string().trim().min(2, 'must be at least 2 characters').max(200),
  kind: z.enum(['issue', 'thread']),
});
export const SimilarItems = z.object({ results: z.array(SearchResult).max(5) }).meta({ id: 'SimilarItems' });
export type SimilarItems = z.infer<typeof SimilarItems>;
