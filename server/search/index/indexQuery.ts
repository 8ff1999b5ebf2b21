/**
 * Reading the index (searchIndex.ts has the design): the candidates of a query, newest first, and the items whose
 * titles are most like a given one. Both read the pending documents and tombstones whole, the manifest by `_id`, and
 * posting documents and docNo → key entries by `_id $in`; both give a superset for the caller to re-check.
 */
import { parseQuery, type QueryTerm, type SearchQuery } from '../../../shared/search/text';
import { distinctTerms, tokensOf } from '../../../shared/search/text';
import { bytesOf, termsOfPending, TITLE_PREFIX, type IndexCollections } from './indexStore';
import { decodePostings, intersectSorted, unionSorted } from './postings';

export interface Candidate {
  key: string;
  docNo: number;
}

export interface QueryResult {
  /** Newest first. Re-check each with `matches` against the item's stored text. */
  candidates: Candidate[];
  /** Pass as `before` for the next page; absent when there is none. */
  next?: number;
  /** How many docNos the index found before the page cut (after tombstones, before key lookup). */
  total: number;
}

export interface QueryOptions {
  limit?: number;
  /** Only docNos below this (the `next` of the page before). */
  before?: number;
  /** Every query token must be in the title (the title terms); exclusions still apply to the whole text. */
  titleOnly?: boolean;
}

export interface SimilarOptions {
  limit?: number;
  /** Keep only keys starting with one of these (`issue:`). */
  keyPrefixes?: readonly string[];
  /** The share of the best possible score an item needs (default 0.35). */
  minShare?: number;
}

/** A query's exclusion whose one token is the whole term: a document with that token matches the term. */
function singleTokenExclusion(term: QueryTerm): string | null {
  if (term.tokens.length !== 1) return null;
  const only = term.tokens[0]!;
  return only.offset === 0 && only.term === term.text ? only.term : null;
}

/**
 * Candidate keys for a query, newest first. `before`: only docNos below it (the next page). A superset of what
 * `matches`: the caller re-checks each candidate against its stored text, and drops keys it no longer has.
 */
export async function queryIndex(c: IndexCollections, input: SearchQuery | string, options: QueryOptions = {}): Promise<QueryResult> {
  const query = typeof input === 'string' ? parseQuery(input) : input;
  if (query.kind !== 'search' || query.tokens.length === 0) return { candidates: [], total: 0 };
  const limit = Math.max(1, options.limit ?? 50);
  // titleOnly: every query token must be in the title; exclusions still apply to the whole text.
  const required = options.titleOnly ? query.tokens.map((t) => TITLE_PREFIX + t) : query.tokens;
  const excluded = [...new Set(query.excluded.map(singleTokenExclusion).filter((t): t is string => t !== null))];

  // Pending before the manifest: a merge records its segment before it deletes the pending documents it took,
  // so whatever this read misses is in a segment the manifest read after it lists.
  const pending = await c.pending.find({}).toArray();
  const [manifest, tombstoneDocs] = await Promise.all([c.manifest(), c.tombstones.find({}, { projection: { _id: 1 } }).toArray()]);
  const tokens = [...new Set([...required, ...excluded])];
  const ids: string[] = [];
  for (const t of tokens) for (const s of manifest.segments) ids.push(`${t}|${s.no}`);
  const lists = new Map<string, number[][]>(tokens.map((t) => [t, []]));
  if (ids.length > 0) {
    for (const doc of await c.postings.find({ _id: { $in: ids } }).toArray()) {
      const term = doc._id.slice(0, doc._id.lastIndexOf('|'));
      lists.get(term)?.push(decodePostings(bytesOf(doc.p)));
    }
  }
  const pendingKeys = new Map<number, string>();
  const pendingOf = new Map<string, number[]>(tokens.map((t) => [t, []]));
  for (const p of pending.sort((a, b) => a._id - b._id)) {
    pendingKeys.set(p._id, p.key);
    for (const term of termsOfPending(p)) pendingOf.get(term)?.push(p._id);
  }
  const postingsOf = (t: string) => unionSorted([...lists.get(t)!, pendingOf.get(t)!]);

  let found = intersectSorted(required.map(postingsOf));
  const dead = new Set<number>(tombstoneDocs.map((d) => d._id));
  for (const t of excluded) for (const n of postingsOf(t)) dead.add(n);
  found = found.filter((n) => !dead.has(n) && (options.before === undefined || n < options.before));
  const total = found.length;

  // Newest first; map docNos to keys page by page (a docNo whose mapping is gone was folded away meanwhile).
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  let at = found.length;
  while (candidates.length < limit && at > 0) {
    const page = found.slice(Math.max(0, at - (limit - candidates.length) - 8), at).reverse();
    at -= page.length;
    const missing = page.filter((n) => !pendingKeys.has(n));
    const keyOf = new Map(pendingKeys);
    if (missing.length > 0) for (const d of await c.docs.find({ _id: { $in: missing } }).toArray()) keyOf.set(d._id, d.key);
    for (const n of page) {
      const key = keyOf.get(n);
      if (key === undefined || seen.has(key)) continue;
      if (candidates.length === limit) {
        return { candidates, next: candidates[candidates.length - 1]!.docNo, total };
      }
      seen.add(key);
      candidates.push({ key, docNo: n });
    }
  }
  const more = at > 0 || candidates.length === limit;
  return more && candidates.length > 0 ? { candidates, next: candidates[candidates.length - 1]!.docNo, total } : { candidates, total };
}

/**
 * Items whose titles share the most of `title`'s words and character pairs (duplicate hints), best first: each
 * shared title term weighs ln(1 + N / df), so a rare pair counts more than one most titles hold. Only items
 * scoring at least `minShare` of the best possible score; `keyPrefixes` keeps only keys starting with one of them.
 * Like `query`, a superset for the caller to check (it must still ask whether the reader may read each).
 */
export async function similarInIndex(
  c: IndexCollections,
  title: string,
  options: SimilarOptions = {},
): Promise<Array<Candidate & { score: number }>> {
  const limit = Math.max(1, options.limit ?? 20);
  const minShare = options.minShare ?? 0.35;
  // Pairs and words only: a single kanji or kana is in too many titles to say anything.
  const terms = distinctTerms(tokensOf(title))
    .filter((t) => [...t].length >= 2)
    .slice(0, 48)
    .map((t) => TITLE_PREFIX + t);
  if (terms.length === 0) return [];
  const pending = await c.pending.find({}).toArray();
  const [manifest, tombstoneDocs] = await Promise.all([c.manifest(), c.tombstones.find({}, { projection: { _id: 1 } }).toArray()]);
  const lists = new Map<string, number[][]>(terms.map((t) => [t, []]));
  const ids = terms.flatMap((t) => manifest.segments.map((s) => `${t}|${s.no}`));
  for (let i = 0; i < ids.length; i += 400) {
    for (const doc of await c.postings.find({ _id: { $in: ids.slice(i, i + 400) } }).toArray()) {
      lists.get(doc._id.slice(0, doc._id.lastIndexOf('|')))?.push(decodePostings(bytesOf(doc.p)));
    }
  }
  const pendingKeys = new Map<number, string>();
  for (const p of pending) {
    pendingKeys.set(p._id, p.key);
    for (const term of termsOfPending(p)) lists.get(term)?.push([p._id]);
  }
  const total = manifest.segments.reduce((n, s) => n + s.docs, 0) + pending.length;
  const dead = new Set(tombstoneDocs.map((d) => d._id));
  const scores = new Map<number, number>();
  let best = 0;
  for (const term of terms) {
    const docs = unionSorted(lists.get(term)!);
    if (docs.length === 0) continue;
    const weight = Math.log(1 + total / docs.length);
    best += weight;
    for (const n of docs) if (!dead.has(n)) scores.set(n, (scores.get(n) ?? 0) + weight);
  }
  const ranked = [...scores]
    .filter(([, score]) => score >= best * minShare)
    .sort((a, b) => b[1] - a[1] || b[0] - a[0])
    .slice(0, limit * 4);
  const missing = ranked.map(([n]) => n).filter((n) => !pendingKeys.has(n));
  const keyOf = new Map(pendingKeys);
  if (missing.length > 0) for (const d of await c.docs.find({ _id: { $in: missing } }).toArray()) keyOf.set(d._id, d.key);
  const out: Array<Candidate & { score: number }> = [];
  const seen = new Set<string>();
  for (const [docNo, score] of ranked) {
    const key = keyOf.get(docNo);
    if (key === undefined || seen.has(key)) continue;
    if (options.keyPrefixes && !options.keyPrefixes.some((p) => key.startsWith(p))) continue;
    seen.add(key);
    out.push({ key, docNo, score: best > 0 ? score / best : 0 });
    if (out.length === limit) break;
  }
  return out;
}
