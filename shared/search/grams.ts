/**
 * Japanese-capable search without a text index (DESIGN.md §4): text is normalised (NFKC, lower
 * case, so full-width and half-width forms fold together), whitespace dropped, and cut into
 * character unigrams and bigrams. A document stores its distinct grams in an indexed array; a query
 * matches with `{ grams: { $all: gramsOfQuery } }`, which finds a phrase inside a longer sentence.
 */

/** Normalise one string as search sees it. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const SPACE = /\s/u;

function runs(text: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const ch of normalizeForSearch(text)) {
    if (SPACE.test(ch)) {
      if (current.length) out.push(current);
      current = [];
    } else current.push(ch);
  }
  if (current.length) out.push(current);
  return out;
}

/** The distinct unigrams and bigrams of `text`, for storage. */
export function gramsOf(text: string, max = 20_000): string[] {
  const grams = new Set<string>();
  for (const run of runs(text)) {
    for (let i = 0; i < run.length && grams.size < max; i++) {
      grams.add(run[i]!);
      if (i + 1 < run.length) grams.add(run[i]! + run[i + 1]!);
    }
  }
  return [...grams];
}

/**
 * The grams a query must all match: its bigrams, or its single character when it has only one.
 * An empty array means the query has nothing searchable.
 */
export function queryGrams(query: string): string[] {
  const grams = new Set<string>();
  for (const run of runs(query)) {
    if (run.length === 1) grams.add(run[0]!);
    for (let i = 0; i + 1 < run.length; i++) grams.add(run[i]! + run[i + 1]!);
  }
  return [...grams];
}

/**
 * Where the query's words occur in `text`, as [start, end) ranges of `text` itself (not of its
 * normalised form), so a client can highlight them. Each character is normalised on its own,
 * which keeps the mapping back to the original exact.
 */
export function findMatches(text: string, query: string): Array<[number, number]> {
  const words = query
    .split(/\s+/u)
    .map(normalizeForSearch)
    .filter((w) => w.length > 0);
  if (!words.length) return [];
  let folded = '';
  const origin: number[] = []; // origin[i] = index in `text` of folded[i]
  let index = 0;
  for (const ch of text) {
    const n = normalizeForSearch(ch);
    for (let k = 0; k < n.length; k++) origin.push(index);
    folded += n;
    index += ch.length;
  }
  origin.push(text.length);
  const ranges: Array<[number, number]> = [];
  for (const word of words) {
    for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + word.length)) {
      const end = at + word.length;
      const endOrigin = end < origin.length - 1 ? origin[end]! : text.length;
      ranges.push([origin[at]!, endOrigin]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
