/**
 * The app's one search index (docs/SEARCH.md) and how items go in and out of it. Writers never call this
 * directly: `indexWritesIn` (./indexWrites.ts) does, from the hooks of each searchable model.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SearchKind } from '@shared/schemas/search';
import { log, type Logger } from '../log';
import { scheduleMerges, type MergeSchedule } from './index/mergeSchedule';
import { SearchIndex } from './index/searchIndex';
import type { IndexEntry } from './kinds/types';

export const searchIndex = new SearchIndex({ name: 'search' });

export const keyOf = (kind: SearchKind, id: string) => `${kind}:${id}`;

/** `<kind>:<id>` → its parts; null for a key of no kind (an index of another version). */
export function partsOf(key: string): { kind: SearchKind; id: string } | null {
  const at = key.indexOf(':');
  return at > 0 ? { kind: key.slice(0, at) as SearchKind, id: key.slice(at + 1) } : null;
}

/** The text an entry is indexed under: what `matches` is run on when it is found. */
export const textOfEntry = (entry: Pick<IndexEntry, 'title' | 'body'>) => (entry.body ? `${entry.title}\n${entry.body}` : entry.title);

const suspended = new AsyncLocalStorage<true>();
/** More entries than this at once (an insertMany) are indexed in bulk. */
const BULK_FROM = 4;
let schedule: MergeSchedule | null = null;

/** Run `work` without indexing its writes (a bulk import that rebuilds the index after it). */
export function withoutIndexing<T>(work: () => Promise<T>): Promise<T> {
  return suspended.run(true, work);
}

/**
 * Put entries into the index as they now read (an entry without text is taken out). A failure is logged and not
 * thrown: the content is stored already, and `npm run search:rebuild` repairs the index.
 */
export async function applyEntries(entries: readonly IndexEntry[]): Promise<void> {
  if (suspended.getStore() || entries.length === 0) return;
  const empty = (e: IndexEntry) => e.title.trim() === '' && e.body.trim() === '';
  const adds = entries.filter((e) => !empty(e));
  try {
    if (adds.length > BULK_FROM) {
      await searchIndex.addMany(adds.map((e) => ({ key: keyOf(e.kind, e.id), text: textOfEntry(e), title: e.title })));
    } else {
      for (const e of adds) await searchIndex.add(keyOf(e.kind, e.id), textOfEntry(e), e.title);
    }
    for (const e of entries) if (empty(e)) await searchIndex.remove(keyOf(e.kind, e.id));
  } catch (err) {
    log.error(
      { err, keys: entries.slice(0, 5).map((e) => keyOf(e.kind, e.id)) },
      'search index: could not index items; `npm run search:rebuild` repairs it',
    );
  }
  schedule?.noteAdded(entries.length);
}

/** Take every kind's entry of these ids out of the index (their documents were deleted). */
export async function removeItems(kinds: readonly SearchKind[], ids: readonly string[]): Promise<void> {
  if (suspended.getStore()) return;
  for (const id of ids) {
    for (const kind of kinds) {
      try {
        await searchIndex.remove(keyOf(kind, id));
      } catch (err) {
        log.error({ err, key: keyOf(kind, id) }, 'search index: could not remove an item; `npm run search:rebuild` repairs it');
      }
    }
  }
  schedule?.noteAdded(ids.length);
}

/** Merge the index in the background while the app runs (one schedule per process; the merge claim decides between processes). */
export function startSearchMerges(logger: Logger): () => Promise<void> {
  const started = scheduleMerges(searchIndex, { logger });
  schedule = started;
  return async () => {
    if (schedule === started) schedule = null;
    await started.close();
  };
}
