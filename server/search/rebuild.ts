/**
 * Build the search index again from the stored content (`npm run search:rebuild`, and once when a database written
 * before search everywhere is upgraded). Every source's documents are read, their entries ordered by when they were
 * written (the index ranks newer above older at an equal match: docNo order), then indexed in segments.
 */
import { Types } from 'mongoose';
import type { RebuildProgress } from './index/searchIndex';
import { searchSources } from './kinds/registry';
import { keyOf, searchIndex, textOfEntry } from './store';

export interface SearchRebuildProgress {
  phase: 'reading' | RebuildProgress['phase'];
  done: number;
  /** Known once everything is read. */
  total?: number;
}

/** When a stored document was last written: its timestamps, else its ObjectId's moment. */
function writtenAt(doc: unknown): number {
  const d = doc as { updatedAt?: Date; editedAt?: Date | null; createdAt?: Date; _id?: unknown };
  const at = d.editedAt ?? d.updatedAt ?? d.createdAt;
  if (at instanceof Date) return at.getTime();
  return d._id instanceof Types.ObjectId ? d._id.getTimestamp().getTime() : 0;
}

export async function rebuildSearchIndex(
  onProgress: (p: SearchRebuildProgress) => void = () => {},
): Promise<{ indexed: number; segments: number }> {
  const items: Array<{ key: string; text: string; title: string; at: number }> = [];
  let read = 0;
  for (const source of Object.values(searchSources)) {
    for await (const doc of source.all()) {
      if (++read % 5_000 === 0) onProgress({ phase: 'reading', done: items.length });
      const at = writtenAt(doc);
      for (const entry of source.entriesOf(doc)) {
        if (entry.title.trim() === '' && entry.body.trim() === '') continue;
        items.push({ key: keyOf(entry.kind, entry.id), text: textOfEntry(entry), title: entry.title, at });
      }
    }
  }
  items.sort((a, b) => a.at - b.at);
  const total = items.length;
  onProgress({ phase: 'reading', done: total, total });
  return searchIndex.rebuild(items, { onProgress: (p) => onProgress({ ...p, total }) });
}
