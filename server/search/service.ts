/**
 * Search over thread titles and message text, in Japanese and English, by stored character grams
 * (shared/search/grams.ts). A hit must contain every word of the query, and only what the searcher
 * may read is ever looked at: the visibility filter is part of the query itself.
 */
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { SearchHit, SearchResults } from '@shared/schemas/threads';
import { findMatches, normalizeForSearch, queryGrams } from '@shared/search/grams';
import { readableVisibilities } from '@shared/threads/rules';
import { presentMessages } from '../threads/messages';
import { searchableText } from '../threads/mentions';
import { MessageGramsModel, MessageModel, ThreadModel, type ThreadDocument } from '../threads/model';
import { presentThread, threadFacts } from '../threads/presenter';

const SNIPPET_BEFORE = 40;
const SNIPPET_LENGTH = 160;

/** Markdown source as plain text, close enough for a snippet. */
function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>#~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function containsEveryWord(text: string, q: string): boolean {
  const folded = normalizeForSearch(text);
  return q
    .split(/\s+/u)
    .filter(Boolean)
    .every((w) => folded.includes(normalizeForSearch(w)));
}

/** A window of `text` around its first match, with the match ranges shifted into it. */
export function snippetOf(text: string, q: string): { snippet: string; highlights: Array<[number, number]> } {
  const matches = findMatches(text, q);
  const first = matches[0]?.[0] ?? 0;
  const start = Math.max(0, first - SNIPPET_BEFORE);
  const end = Math.min(text.length, start + SNIPPET_LENGTH);
  const prefix = start > 0 ? '…' : '';
  const snippet = prefix + text.slice(start, end) + (end < text.length ? '…' : '');
  const highlights = matches
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]) => [s - start + prefix.length, e - start + prefix.length] as [number, number]);
  return { snippet, highlights };
}

export async function search(actor: Actor, q: string, limit: number): Promise<SearchResults> {
  const grams = queryGrams(q);
  const visibilities = readableVisibilities(actor);
  if (!grams.length || !visibilities.length) return { threads: [], messages: [] };
  const filter = { visibility: trusted({ $in: visibilities }), grams: trusted({ $all: grams }) };
  // Grams can co-occur without the phrase: fetch extra, keep only real matches.
  const [threads, candidates] = await Promise.all([
    ThreadModel.find(filter)
      .sort({ lastActivityAt: -1 })
      .limit(limit * 3),
    MessageGramsModel.find(filter, { _id: 1 })
      .sort({ createdAt: -1 })
      .limit(limit * 3)
      .lean(),
  ]);
  // The messages themselves decide: still visible, still saying it (messageGrams.ts).
  const ids = candidates.map((c) => c._id);
  const stored = new Map(
    (await MessageModel.find({ _id: trusted({ $in: ids }), deletedAt: null, hidden: null })).map((m) => [String(m._id), m]),
  );
  const messages = ids.flatMap((id) => stored.get(String(id)) ?? []);

  const threadHits: SearchHit[] = threads
    .filter((t) => containsEveryWord(t.title, q))
    .slice(0, limit)
    .map((t) => ({ thread: presentThread(t), message: null, ...snippetOf(t.title, q) }));

  const texts = new Map(messages.map((m) => [String(m._id), plainText(searchableText(m.body, m.mentions))]));
  const matching = messages.filter((m) => containsEveryWord(texts.get(String(m._id))!, q)).slice(0, limit);
  const owners = await ThreadModel.find({ _id: trusted({ $in: [...new Set(matching.map((m) => String(m.threadId)))] }) });
  const ownerById = new Map<string, ThreadDocument>(owners.map((t) => [String(t._id), t]));
  const presented = await presentMessages(matching, actor, new Map([...ownerById].map(([id, t]) => [id, threadFacts(t)])));
  const messageHits: SearchHit[] = matching.flatMap((m, i) => {
    const owner = ownerById.get(String(m.threadId));
    return owner ? [{ thread: presentThread(owner), message: presented[i]!, ...snippetOf(texts.get(String(m._id))!, q) }] : [];
  });
  return { threads: threadHits, messages: messageHits };
}
