/**
 * The index terms of a text (docs/SEARCH.md § Tokens), from its folded form (textFold.ts), each with its position:
 * the UTF-16 offset in the folded text, so a phrase (or a CJK word, itself a chain of bigrams) can be checked
 * for contiguity.
 *
 * - A CJK run (kanji and kana together, so 「移行する」 is one run; CJK punctuation ends it) gives its overlapping
 *   bigrams and, on the index side, every one of its characters as a unigram. The unigrams are there because a
 *   query of one character (「税」) must find 「税率」, and no choice of query tokens can do that from bigrams
 *   alone; a query of two or more CJK characters uses bigrams only.
 * - A run of other letters and digits is one word (lower case after folding), cut at MAX_TERM_LENGTH.
 * - Exact references: `dddd-dddd…` (an issue number, 2026-0012) and `#digits` (#123) are one token each, as
 *   well as their parts on the index side. A query that contains one uses the exact token instead of its parts.
 *
 * The invariant the index relies on (tested in text.test.ts): whenever a query term occurs in a folded text at
 * offset p (as `matches` decides it), each of the term's query tokens (term, offset) is among the text's tokens
 * at p + offset.
 */
import { charClass, foldForSearch } from './textFold';

/** An index term and where it starts in the folded text. */
export interface Token {
  term: string;
  position: number;
}

/** A query term's token and where it starts relative to the start of the query term. */
export interface QueryToken {
  term: string;
  offset: number;
}

/** Longest word kept whole, in code points: a pasted hash or Base64 blob must not become a huge key. */
export const MAX_TERM_LENGTH = 64;

interface Run {
  kind: 'cjk' | 'word';
  start: number;
  end: number;
  /** The offset of each code point of the run (CJK runs only). */
  points: number[];
}

function runsOf(folded: string): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  for (let i = 0; i < folded.length;) {
    const cp = folded.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    const kind = charClass(cp);
    if (kind === 'other') current = null;
    else {
      if (current === null || current.kind !== kind) {
        current = { kind, start: i, end: i, points: [] };
        runs.push(current);
      }
      if (kind === 'cjk') current.points.push(i);
      current.end = i + size;
    }
    i += size;
  }
  return runs;
}

function capped(term: string): string {
  if (term.length <= MAX_TERM_LENGTH) return term;
  return Array.from(term).slice(0, MAX_TERM_LENGTH).join('');
}

const DIGITS = /^[0-9]+$/;

/** The exact references a digit run takes part in: #123 when '#' precedes it, 2026-0012 when it heads one. */
function exactTokens(folded: string, runs: Run[], r: number): { reference?: Token; issue?: Token } {
  const run = runs[r]!;
  const text = folded.slice(run.start, run.end);
  if (!DIGITS.test(text)) return {};
  const found: { reference?: Token; issue?: Token } = {};
  if (folded[run.start - 1] === '#') found.reference = { term: capped(`#${text}`), position: run.start - 1 };
  const next = runs[r + 1];
  if (text.length === 4 && folded[run.end] === '-' && next && next.kind === 'word' && next.start === run.end + 1) {
    const tail = folded.slice(next.start, next.end);
    if (tail.length >= 4 && DIGITS.test(tail)) found.issue = { term: capped(`${text}-${tail}`), position: run.start };
  }
  return found;
}

/** Is run r the tail of an issue number (the 0012 of 2026-0012)? */
function isIssueTail(folded: string, runs: Run[], r: number): boolean {
  return r > 0 && exactTokens(folded, runs, r - 1).issue !== undefined && runs[r - 1]!.end + 1 === runs[r]!.start;
}

/** The index terms of a text, in order of position (offsets in `foldForSearch(text)`). */
export function tokensOf(text: string): Token[] {
  return tokensOfFolded(foldForSearch(text));
}

/** As tokensOf, for a text already folded. */
export function tokensOfFolded(folded: string): Token[] {
  const tokens: Token[] = [];
  const runs = runsOf(folded);
  runs.forEach((run, r) => {
    if (run.kind === 'cjk') {
      const { points } = run;
      for (let k = 0; k < points.length; k++) {
        const at = points[k]!;
        const next = points[k + 1] ?? run.end;
        tokens.push({ term: folded.slice(at, next), position: at });
        if (k + 1 < points.length) tokens.push({ term: folded.slice(at, points[k + 2] ?? run.end), position: at });
      }
      return;
    }
    const { reference, issue } = exactTokens(folded, runs, r);
    if (reference) tokens.push(reference);
    tokens.push({ term: capped(folded.slice(run.start, run.end)), position: run.start });
    if (issue) tokens.push(issue);
  });
  return tokens;
}

/**
 * The tokens a query term (already folded) must find, relative to its start: bigrams for a CJK run of two or
 * more, the character for a run of one, whole words, and exact references instead of their parts.
 */
export function queryTokensOf(folded: string): QueryToken[] {
  const tokens: QueryToken[] = [];
  const runs = runsOf(folded);
  runs.forEach((run, r) => {
    if (run.kind === 'cjk') {
      const { points } = run;
      if (points.length === 1) tokens.push({ term: folded.slice(run.start, run.end), offset: run.start });
      for (let k = 0; k + 1 < points.length; k++) {
        tokens.push({ term: folded.slice(points[k], points[k + 2] ?? run.end), offset: points[k]! });
      }
      return;
    }
    const { reference, issue } = exactTokens(folded, runs, r);
    if (reference) tokens.push({ term: reference.term, offset: reference.position });
    if (issue) tokens.push({ term: issue.term, offset: issue.position });
    if (!reference && !issue && !isIssueTail(folded, runs, r)) {
      tokens.push({ term: capped(folded.slice(run.start, run.end)), offset: run.start });
    }
  });
  return tokens;
}

/** The distinct terms of some tokens, in first-seen order: what a document stores or a posting list is keyed by. */
export function distinctTerms(tokens: ReadonlyArray<{ term: string }>): string[] {
  return [...new Set(tokens.map((t) => t.term))];
}
