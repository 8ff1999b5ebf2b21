/**
 * The collections of one search index and what its parts share (searchIndex.ts writes and merges, indexQuery.ts
 * reads): the stored shapes, how terms are kept, and the bulk helpers the engine's rules call for (docs/DATABASE.md).
 */
import mongoose from 'mongoose';
import { Binary, MongoBulkWriteError, type Collection } from 'mongodb';
import { distinctTerms, tokensOf } from '../../../shared/search/text';
import { isDuplicateKey } from '../../db/keys';

/** insertMany chunk (the engine takes inserts of this size well). */
export const INSERT_CHUNK = 1_000;
/** deleteMany by `_id $in` chunk: below the 100 that freezes FerretDB when a command has that many statements. */
export const DELETE_CHUNK = 99;
/** Terms per segment directory document (the list of a segment's terms, read back at compaction). */
export const DIRECTORY_CHUNK = 10_000;
/** Terms whose postings one compaction step reads at once (× segments `_id`s in one `$in`). */
export const COMPACT_TERM_BATCH = 400;
/** Mirrors server/db/sequence.ts: a number is claimed by inserting `<name>#<n>` there (rebuild claims blocks). */
export const SEQUENCE_CLAIMS = 'sequence_claims';

export interface SegmentInfo {
  no: number;
  /** Documents (docNos) in it. */
  docs: number;
  terms: number;
  /** Directory documents `<no>|0` … listing its terms. */
  dirChunks: number;
}

export interface Manifest {
  _id: 'manifest';
  version: number;
  segments: SegmentInfo[];
  retired: Array<SegmentInfo & { at: Date }>;
}

export interface Pending {
  _id: number;
  key: string;
  /**
   * Its distinct terms joined by TERM_SEPARATOR: one string instead of an array of ~60, which the engine decodes
   * several times faster when a query reads the pending documents whole (docs/SEARCH.md § The index, numbers).
   */
  t: string;
}

/** Not in any term: terms are folded letters, digits and CJK runs (and `#`, `-` in exact references). */
export const TERM_SEPARATOR = '\n';
export const termsOfPending = (p: Pending): string[] => (p.t === '' ? [] : p.t.split(TERM_SEPARATOR));

export interface RebuildItem {
  key: string;
  text: string;
  /** Indexed again as title terms (see TITLE_PREFIX). */
  title?: string;
}

/**
 * Title terms are indexed a second time under this prefix (`^全体`), so a query can ask for items whose title holds
 * every term (relevance: title hits first). No term starts with it: terms are folded letters, digits, CJK, `#`, `-`.
 */
export const TITLE_PREFIX = '^';

/** An item's distinct terms: its text's, and its title's again under TITLE_PREFIX. */
export function termsOfItem(text: string, title: string): string[] {
  const terms = distinctTerms(tokensOf(text));
  if (title) for (const t of distinctTerms(tokensOf(title))) terms.push(TITLE_PREFIX + t);
  return terms;
}

export async function insertManyIgnoringDuplicates<T extends { _id: unknown }>(coll: Collection<T>, docs: T[]): Promise<void> {
  for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
    const chunk = docs.slice(i, i + INSERT_CHUNK);
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await coll.insertMany(chunk as any, { ordered: false });
    } catch (err) {
      if (err instanceof MongoBulkWriteError) {
        const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
        if (errors.length > 0 && errors.every((e) => e.code === 11000)) continue;
      }
      if (isDuplicateKey(err)) continue;
      throw err;
    }
  }
}

export async function deleteByIds<T extends { _id: unknown }>(coll: Collection<T>, ids: ReadonlyArray<T['_id']>): Promise<void> {
  for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await coll.deleteMany({ _id: { $in: ids.slice(i, i + DELETE_CHUNK) } } as any);
  }
}

export function bytesOf(b: Binary | Uint8Array): Uint8Array {
  return b instanceof Binary ? b.buffer.subarray(0, b.position) : b;
}

/** The collections of the index named `name` (each `<name>_<suffix>`) and its docNo sequence. */
/** A key's entry: its current docNo, and a digest of the terms it was indexed under (absent before 2026-12). */
export interface KeyEntry {
  _id: string;
  docNo: number;
  h?: string;
}

export class IndexCollections {
  constructor(readonly name: string) {}

  collection<T extends { _id: unknown }>(suffix: string): Collection<T> {
    return mongoose.connection.collection<T>(`${this.name}_${suffix}`) as unknown as Collection<T>;
  }
  get pending() {
    return this.collection<Pending>('pending');
  }
  get keys() {
    return this.collection<KeyEntry>('keys');
  }
  get docs() {
    return this.collection<{ _id: number; key: string }>('docs');
  }
  get tombstones() {
    return this.collection<{ _id: number; at: Date }>('tombstones');
  }
  get postings() {
    return this.collection<{ _id: string; p: Binary }>('postings');
  }
  get dirs() {
    return this.collection<{ _id: string; terms: string[] }>('dirs');
  }
  get meta() {
    return this.collection<{ _id: string; [field: string]: unknown }>('meta');
  }
  get sequence() {
    return `${this.name}:doc`;
  }

  async manifest(): Promise<Manifest> {
    const found = (await this.meta.findOne({ _id: 'manifest' })) as unknown as Manifest | null;
    return found ?? { _id: 'manifest', version: 0, segments: [], retired: [] };
  }
}
