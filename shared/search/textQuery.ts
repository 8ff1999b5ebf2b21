/**
 * The query language of the search box (docs/SEARCH.md § Queries), the brute-force predicate the index is
 * checked against, and the highlight ranges of a result.
 *
 * - Words are ANDed. A word is matched as a contiguous piece of the folded text; where it begins or ends with a
 *   letter or digit that end must be a word boundary there (「API」 finds 「API連携」 but 「PI」 does not, and
 *   2026-0012 does not find 2026-00123). CJK ends need no boundary: Japanese has no spaces to mark one.
 * - "a phrase", 「a phrase」, “a phrase”, 『a phrase』: the same, with the spaces inside kept.
 * - `-word`, `-"phrase"` (also －, and ー typed with a Japanese IME): excluded.
 * - An issue number (2026-0012) or reference (#123) is matched exactly, through its exact token.
 * - Long-vowel tolerance, on the query only: a term ending in a kana word of four or more characters whose last
 *   is ー loses that ー (サーバー → サーバ), so it finds both サーバー and サーバ (JIS style, the government's
 *   usual spelling). Short words (キー, カー, ツリー) keep it: there the mark carries the meaning.
 * - Terms without any token (only punctuation) are dropped; a query left with no positive term is "nothing
 *   to search". At most MAX_QUERY_TERMS terms from the first MAX_QUERY_LENGTH characters are read.
 */
import { classAt, classBefore, foldWithMap, isKana } from './textFold';
import { distinctTerms, queryTokensOf, type QueryToken } from './textTokens';

export const MAX_QUERY_LENGTH = 256;
export const MAX_QUERY_TERMS = 32;

/** One word or phrase of a query. */
export interface QueryTerm {
  kind: 'word' | 'phrase';
  /** Folded: what is matched and highlighted. */
  text: string;
  /** As typed (without quotes or minus), for "results for …". */
  display: string;
  /** The index terms that must all be present, at these offsets from where the term starts. */
  tokens: QueryToken[];
}

export type SearchQuery =
  | {
      kind: 'search';
      /** Every one must occur (AND). */
      terms: QueryTerm[];
      /** None may occur. */
      excluded: QueryTerm[];
      /** The distinct index terms of `terms`: the posting lists to intersect. */
      tokens: string[];
      /** The folded texts to highlight in a result (see highlightRanges). */
      highlight: string[];
      /** Some of the query was not read (too long, too many terms). */
      truncated: boolean;
    }
  | { kind: 'nothing'; reason: 'empty' | 'only-exclusions'; excluded: QueryTerm[]; truncated: boolean };

const CLOSING_QUOTE: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』' };
const QUOTES = new Set(['"', '“', '”', '「', '」', '『', '』']);

/** サーバー → サーバ: drop a final ー from a kana word of four or more characters (counting the ー). */
function withoutFinalLongVowel(term: string): string {
  if (!term.endsWith('ー')) return term;
  let kana = 0;
  while (kana < term.length && isKana(term.charCodeAt(term.length - 1 - kana))) kana++;
  if (kana < 4) return term;
  let cut = term.length;
  while (cut > 0 && term[cut - 1] === 'ー') cut--;
  return term.slice(0, cut);
}

/** Parse what was typed in the search box. Never throws; bounded in length and terms. */
export function parseQuery(query: string): SearchQuery {
  const raw = typeof query === 'string' ? query : '';
  let cut = raw.slice(0, MAX_QUERY_LENGTH * 2);
  const points = Array.from(cut);
  let truncated = raw.length > cut.length || points.length > MAX_QUERY_LENGTH;
  if (points.length > MAX_QUERY_LENGTH) cut = points.slice(0, MAX_QUERY_LENGTH).join('');

  const folded = foldWithMap(cut);
  const f = folded.text;
  const terms: QueryTerm[] = [];
  const excluded: QueryTerm[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < f.length) {
    if (f[i] === ' ') {
      i++;
      continue;
    }
    const negated = f[i] === '-' && i + 1 < f.length && f[i + 1] !== ' ';
    if (negated) i++;
    let from: number;
    let to: number;
    let kind: QueryTerm['kind'];
    const closing = CLOSING_QUOTE[f[i]!];
    if (closing !== undefined) {
      const close = f.indexOf(closing, i + 1);
      const stop = close < 0 ? f.length : close;
      from = i + 1;
      to = stop;
      i = stop + 1;
      kind = 'phrase';
    } else if (QUOTES.has(f[i]!)) {
      i++; // a stray closing quote
      continue;
    } else {
      from = i;
      while (i < f.length && f[i] !== ' ' && !QUOTES.has(f[i]!)) i++;
      to = i;
      kind = 'word';
    }
    while (from < to && f[from] === ' ') from++;
    while (to > from && f[to - 1] === ' ') to--;
    if (from >= to) continue;
    const text = withoutFinalLongVowel(f.slice(from, to));
    const tokens = queryTokensOf(text);
    if (tokens.length === 0) continue;
    const key = `${negated ? '-' : '+'}${text}`;
    if (seen.has(key)) continue;
    if (terms.length + excluded.length >= MAX_QUERY_TERMS) {
      truncated = true;
      break;
    }
    seen.add(key);
    const display = cut.slice(folded.start[from]!, folded.end[to - 1]!);
    (negated ? excluded : terms).push({ kind, text, display, tokens });
  }
  if (terms.length === 0) return { kind: 'nothing', reason: excluded.length ? 'only-exclusions' : 'empty', excluded, truncated };
  return {
    kind: 'search',
    terms,
    excluded,
    tokens: distinctTerms(terms.flatMap((t) => t.tokens)),
    highlight: [...new Set(terms.map((t) => t.text))],
    truncated,
  };
}

/** Where `term` (folded) occurs in `folded`, its letter-or-digit ends falling on word boundaries. */
export function occurrencesOf(folded: string, term: string): number[] {
  const found: number[] = [];
  if (term.length === 0) return found;
  const startsWord = classAt(term, 0) === 'word';
  const endsWord = classBefore(term, term.length) === 'word';
  for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
    const end = at + term.length;
    if (startsWord && at > 0 && classBefore(folded, at) === 'word') continue;
    if (endsWord && end < folded.length && classAt(folded, end) === 'word') continue;
    found.push(at);
  }
  return found;
}

function asQuery(query: SearchQuery | string): SearchQuery {
  return typeof query === 'string' ? parseQuery(query) : query;
}

/**
 * Does `text` satisfy the query: every term occurs, no excluded one does (all after folding)? "Nothing to
 * search" matches nothing. Deliberately brute force: the index is tested against it.
 */
export function matches(text: string, query: SearchQuery | string): boolean {
  const q = asQuery(query);
  if (q.kind !== 'search') return false;
  const folded = foldWithMap(text).text;
  return (
    q.terms.every((t) => occurrencesOf(folded, t.text).length > 0) && !q.excluded.some((t) => occurrencesOf(folded, t.text).length > 0)
  );
}

/** The [start, end) ranges of the ORIGINAL text where the query's words and phrases occur, sorted and merged. */
export function highlightRanges(text: string, query: SearchQuery | string): Array<[number, number]> {
  const q = asQuery(query);
  if (q.kind !== 'search') return [];
  const folded = foldWithMap(text);
  const ranges: Array<[number, number]> = [];
  for (const term of q.highlight) {
    for (const at of occurrencesOf(folded.text, term)) {
      ranges.push([folded.start[at]!, folded.end[at + term.length - 1]!]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
