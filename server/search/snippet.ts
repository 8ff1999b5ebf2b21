/** A result's snippet: a window of its text around the first match, with the match ranges shifted into it. */
import { highlightRanges, type SearchQuery } from '@shared/search/text';

const BEFORE = 40;
const LENGTH = 160;

/** Do not start or end a window between the two halves of a surrogate pair. */
const isLowSurrogate = (text: string, at: number) => at > 0 && at < text.length && (text.charCodeAt(at) & 0xfc00) === 0xdc00;

export function snippetOf(text: string, query: SearchQuery): { snippet: string; highlights: Array<[number, number]> } {
  const ranges = highlightRanges(text, query);
  let start = Math.max(0, (ranges[0]?.[0] ?? 0) - BEFORE);
  if (isLowSurrogate(text, start)) start -= 1;
  let end = Math.min(text.length, start + LENGTH);
  if (isLowSurrogate(text, end)) end += 1;
  const prefix = start > 0 ? '…' : '';
  const snippet = prefix + text.slice(start, end) + (end < text.length ? '…' : '');
  const highlights = ranges
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]) => [s - start + prefix.length, e - start + prefix.length] as [number, number]);
  return { snippet, highlights };
}
