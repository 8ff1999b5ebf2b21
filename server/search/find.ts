/**
 * "Search everywhere" (issue 20; docs/SEARCH.md § Finding): the index gives candidates, newest first; each is read
 * by its kind's source, kept only if the searcher may read it NOW and its stored text really matches, then filtered.
 *
 * Relevance is two tiers, each newest first: items whose title holds every term (the index's title terms), then the
 * rest. A cursor is `<tier>.<docNo>`: go on in that tier below that number. Sorting by date is one tier over all.
 * Nothing is counted: a count of candidates would tell what the searcher may not read.
 */
import type { Actor } from '@shared/domain';
import { endOfJapanDay, startOfJapanDay } from '@shared/japanDates';
import type { EverythingPage, EverythingQuery, SearchKind, SearchResult } from '@shared/schemas/search';
import { matches, parseQuery, type SearchQuery } from '@shared/search/text';
import { sourceOfKind } from './kinds/registry';
import type { FoundItem } from './kinds/types';
import { snippetOf } from './snippet';
import { partsOf, searchIndex, textOfEntry } from './store';

/** Candidates one request looks at, at most, before it answers with what it has (`partial`). */
const MAX_EXAMINED = 1_500;
/** Candidates asked of the index at once. */
const BATCH = 100;

type Tier = 0 | 1;

interface Filters {
  kinds?: readonly SearchKind[];
  from?: string;
  to?: string;
  area?: string;
  organization?: string;
  status?: string;
}

function passes(item: FoundItem, f: Filters): boolean {
  if (f.from && item.at < startOfJapanDay(f.from)) return false;
  if (f.to && item.at >= endOfJapanDay(f.to)) return false;
  if (f.area && !item.areas.includes(f.area)) return false;
  if (f.organization && !item.organizations.includes(f.organization)) return false;
  if (f.status && item.status !== f.status) return false;
  return true;
}

export function present(item: FoundItem, query: SearchQuery): SearchResult {
  const title = snippetOf(item.title, query);
  const body = item.body ? snippetOf(item.body, query) : { snippet: '', highlights: [] };
  return {
    kind: item.kind,
    id: item.id,
    title: item.title || item.where || '',
    titleHighlights: item.title ? highlightsOfWhole(item.title, title) : [],
    snippet: body.snippet,
    highlights: body.highlights,
    where: item.where,
    href: item.href,
    who: item.who,
    at: item.at.toISOString(),
    number: item.number,
    status: item.status,
  };
}

/** A title is shown whole: its highlights are the snippet's only when the snippet is the whole title. */
function highlightsOfWhole(title: string, cut: { snippet: string; highlights: Array<[number, number]> }) {
  return cut.snippet === title ? cut.highlights : [];
}

/** The items of these keys the actor may read, by key. */
async function readableByKey(actor: Actor, keys: readonly string[]): Promise<Map<string, FoundItem>> {
  const idsByKind = new Map<SearchKind, string[]>();
  for (const key of keys) {
    const parts = partsOf(key);
    if (!parts) continue;
    const ids = idsByKind.get(parts.kind) ?? [];
    ids.push(parts.id);
    idsByKind.set(parts.kind, ids);
  }
  const found = new Map<string, FoundItem>();
  await Promise.all(
    [...idsByKind].map(async ([kind, ids]) => {
      let source;
      try {
        source = sourceOfKind(kind);
      } catch {
        return; // a key of a kind this version does not know
      }
      for (const item of await source.readable(actor, kind, ids)) found.set(`${item.kind}:${item.id}`, item);
    }),
  );
  return found;
}

export interface FindOptions extends Filters {
  sort: 'relevance' | 'date';
  cursor?: string;
  limit: number;
  /** Only the first tier (titles): suggestions. */
  titlesOnly?: boolean;
  maxExamined?: number;
}

/** What `actor` may read of what `q` finds, a page at a time. */
export async function find(actor: Actor, q: string, options: FindOptions): Promise<EverythingPage> {
  const query = parseQuery(q);
  const understood = {
    terms: query.kind === 'search' ? query.terms.map((t) => t.display) : [],
    excluded: query.excluded.map((t) => t.display),
    truncated: query.truncated,
  };
  if (query.kind !== 'search' || !actor.active) return { results: [], next: null, partial: false, understood };
  const titleQuery: SearchQuery = { ...query, excluded: [] };
  const inTitle = (item: FoundItem) => item.title !== '' && matches(item.title, titleQuery);
  const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : null;
  const maxExamined = options.maxExamined ?? MAX_EXAMINED;

  let [tier, before] = parseCursor(options.cursor, options.sort);
  const results: SearchResult[] = [];
  let examined = 0;
  for (;;) {
    const page = await searchIndex.query(query, { limit: BATCH, before, titleOnly: tier === 0 });
    const wanted = page.candidates.filter((c) => !kinds || kinds.has(partsOf(c.key)?.kind as SearchKind));
    const items = await readableByKey(
      actor,
      wanted.map((c) => c.key),
    );
    for (const c of page.candidates) {
      examined++;
      const item = items.get(c.key);
      if (!item) continue;
      const fits =
        matches(textOfEntry(item), query) &&
        (tier === 0 ? inTitle(item) : options.sort === 'date' || !inTitle(item)) &&
        passes(item, options);
      if (!fits) continue;
      results.push(present(item, query));
      if (results.length === options.limit) {
        const more = c !== page.candidates[page.candidates.length - 1] || page.next !== undefined || tier === 0;
        return { results, next: more ? `${tier}.${c.docNo}` : null, partial: false, understood };
      }
    }
    if (page.next !== undefined) {
      before = page.next;
      if (examined >= maxExamined) return { results, next: `${tier}.${before}`, partial: true, understood };
      continue;
    }
    // This tier is done: relevance goes on with the body hits, unless only titles were asked for.
    if (tier === 0 && !options.titlesOnly) {
      tier = 1;
      before = undefined;
      if (examined >= maxExamined) return { results, next: '1.0', partial: true, understood };
      continue;
    }
    return { results, next: null, partial: false, understood };
  }
}

function parseCursor(cursor: string | undefined, sort: 'relevance' | 'date'): [Tier, number | undefined] {
  if (!cursor) return [sort === 'date' ? 1 : 0, undefined];
  const [tier, docNo] = cursor.split('.');
  const before = Number(docNo);
  return [tier === '0' && sort === 'relevance' ? 0 : 1, before > 0 ? before : undefined];
}

export function searchEverything(actor: Actor, input: EverythingQuery): Promise<EverythingPage> {
  return find(actor, input.q, { ...input, kinds: input.kinds });
}

/** Suggestions as someone types: title hits only, a few, looking at few candidates. */
export async function suggest(actor: Actor, q: string): Promise<SearchResult[]> {
  const page = await find(actor, q, { sort: 'relevance', limit: 8, titlesOnly: true, maxExamined: 300 });
  return page.results;
}
