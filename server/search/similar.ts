/**
 * Duplicate hints (issue 20): while a new issue's or thread's title is typed, up to five existing ones of that kind
 * whose titles share the most of its words (SearchIndex.similar), among those the writer may read.
 */
import type { Actor } from '@shared/domain';
import type { SearchResult } from '@shared/schemas/search';
import { parseQuery } from '@shared/search/text';
import { present } from './find';
import { sourceOfKind } from './kinds/registry';
import { partsOf, searchIndex } from './store';

const HINTS = 5;

export async function similarTo(actor: Actor, title: string, kind: 'issue' | 'thread'): Promise<SearchResult[]> {
  if (!actor.active) return [];
  const candidates = await searchIndex.similar(title, { limit: HINTS * 4, keyPrefixes: [`${kind}:`] });
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => partsOf(c.key)!.id);
  const readable = new Map((await sourceOfKind(kind).readable(actor, kind, ids)).map((item) => [item.id, item]));
  // Highlight the words the titles share: the title typed, read as words (OR is what similarity means here).
  const words = parseQuery(title);
  return ids
    .flatMap((id) => readable.get(id) ?? [])
    .slice(0, HINTS)
    .map((item) => present(item, words));
}
