/**
 * The posting-list index of "search everywhere" (issue 20; design and numbers in docs/SEARCH.md § The index).
 * Built for the embedded engine's rules (docs/DATABASE.md): every read is by `_id` (or `_id $in`) or reads a small
 * collection whole; nothing two writers may change at once lives in one document; no update command carries 100
 * statements or more.
 *
 * - An item has a key (`<kind>:<id>`) and, each time it is added, a new dense number (docNo, from a sequence;
 *   higher = newer).
 * - `add` costs the write path one small insert into `<name>_pending` (`_id` docNo: key and distinct terms) and the
 *   key's entry in `<name>_keys` (key → docNo, so a remove or an update knows what to tombstone).
 * - `merge` (one merger at a time across processes: a claim document inserted with a lease) folds the pending
 *   documents into an immutable segment: one document per term, `_id` `<term>|<segment>`, holding the sorted docNos
 *   as delta varints; written by insertMany, never updated. Then it records the segment in the manifest (one
 *   document, written only by the claim holder) and deletes the pending documents it took.
 * - Segments are compacted (the smallest few → one) when there are more than `maxSegments`; a compaction of all of
 *   them also folds the tombstones away. Replaced segments stay readable for `retireAfterMs` (a query that read the
 *   manifest before the swap still finds them) and are deleted by a later merge.
 * - `query` returns candidate keys, newest first: the AND of the query tokens' postings (segments + pending), minus
 *   single-token exclusions, minus tombstones. Candidates are a superset: the CALLER re-checks each one with
 *   `matches` against the item's stored text (phrases, word order, exclusions of several tokens, and items deleted
 *   a moment ago are settled there).
 */
import { createHash, randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { Binary, MongoBulkWriteError } from 'mongodb';
import type { SearchQuery } from '../../../shared/search/text';
import { isDuplicateKey } from '../../db/keys';
import { continueSequenceAfter, nextSequence } from '../../db/sequence';
import { queryIndex, similarInIndex, type Candidate, type QueryOptions, type QueryResult, type SimilarOptions } from './indexQuery';
import {
  bytesOf,
  COMPACT_TERM_BATCH,
  deleteByIds,
  DIRECTORY_CHUNK,
  IndexCollections,
  INSERT_CHUNK,
  insertManyIgnoringDuplicates,
  SEQUENCE_CLAIMS,
  TERM_SEPARATOR,
  termsOfItem,
  termsOfPending,
  type KeyEntry,
  type Manifest,
  type Pending,
  type RebuildItem,
  type SegmentInfo,
} from './indexStore';
import { decodePostings, encodePostings, unionSorted } from './postings';

export type { Candidate, QueryResult } from './indexQuery';
export { TITLE_PREFIX, type RebuildItem, type SegmentInfo } from './indexStore';

export interface SearchIndexOptions {
  /** Collection prefix and sequence name (default `search`): tests use one index each. */
  name?: string;
  /** More live segments than this and a merge compacts the smallest ones (default 8). */
  maxSegments?: number;
  /** How long a replaced segment stays readable for queries already under way (default 60 s). */
  retireAfterMs?: number;
  /** The merge claim's lease (default 5 min); a claim older than this is taken over. */
  leaseMs?: number;
  /** Pending documents one merge takes at most (default 50,000). */
  mergeBatch?: number;
  /** More tombstones than this and a merge compacts everything, folding them away (default 5,000). */
  tombstoneLimit?: number;
}

export interface MergeResult {
  merged: number;
  segment?: number;
  compacted?: { from: number[]; into: number; folded: number };
  removedRetired: number;
}

export interface RebuildProgress {
  phase: 'clearing' | 'indexing' | 'compacting' | 'done';
  done: number;
}

/** What an item's terms are told apart by: the same digest, the same entry in the index. */
const digestOf = (terms: string) => createHash('sha256').update(terms).digest('base64url').slice(0, 22);

export class SearchIndex {
  readonly name: string;
  private readonly c: IndexCollections;
  private readonly maxSegments: number;
  private readonly retireAfterMs: number;
  private readonly leaseMs: number;
  private readonly mergeBatch: number;
  private readonly tombstoneLimit: number;
  private readonly owner = randomBytes(8).toString('hex');

  constructor(options: SearchIndexOptions = {}) {
    this.name = options.name ?? 'search';
    this.c = new IndexCollections(this.name);
    this.maxSegments = Math.max(2, options.maxSegments ?? 8);
    this.retireAfterMs = options.retireAfterMs ?? 60_000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.mergeBatch = options.mergeBatch ?? 50_000;
    this.tombstoneLimit = options.tombstoneLimit ?? 5_000;
  }

  // ---------------------------------------------------------------- write path

  /**
   * Index `text` under `key` (an update when the key is indexed already: its old docNo is tombstoned). Returns the
   * new docNo. Cost: the sequence claim, one pending insert, the key's entry (and a tombstone on update).
   */
  async add(key: string, text: string, title = ''): Promise<number> {
    const t = termsOfItem(text, title).join(TERM_SEPARATOR);
    const h = digestOf(t);
    // The same terms as now indexed (an autosave that changed a number, a status): nothing to do, and no tombstone
    // for every query to read until the next compaction. One read by `_id`.
    const current = await this.c.keys.findOne({ _id: key });
    if (current?.h === h) return current.docNo;
    const docNo = await nextSequence(this.c.sequence);
    // Pending first: a remove can only tombstone this docNo after the key points to it, so the tombstone never
    // precedes the posting it kills (a compaction could otherwise fold it away first).
    await this.c.pending.insertOne({ _id: docNo, key, t });
    const before = await this.c.keys.findOneAndUpdate({ _id: key }, { $set: { docNo, h } }, { upsert: true, returnDocument: 'before' });
    if (before && before.docNo !== docNo) await this.tombstone(before.docNo);
    return docNo;
  }

  /**
   * Index many items at once (an insertMany of new documents, the seed): their docNos claimed in one block, their
   * pending documents and keys inserted in bulk. A key that is indexed already is updated as `add` does. The same
   * result as `add` for each, in a few round trips instead of three or four per item.
   */
  async addMany(items: readonly RebuildItem[]): Promise<void> {
    if (items.length === 0) return;
    const numbers = await this.claimBlock(items.length);
    const rows = items.map((item, i) => ({
      _id: numbers[i]!,
      key: item.key,
      t: termsOfItem(item.text, item.title ?? '').join(TERM_SEPARATOR),
    }));
    await insertManyIgnoringDuplicates(this.c.pending, rows);
    const existing: Pending[] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      try {
        await this.c.keys.insertMany(
          chunk.map((r) => ({ _id: r.key, docNo: r._id, h: digestOf(r.t) })),
          { ordered: false },
        );
      } catch (err) {
        if (!(err instanceof MongoBulkWriteError)) throw err;
        const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
        for (const e of errors) {
          if (e.code !== 11000) throw err;
          existing.push(chunk[e.index]!);
        }
      }
    }
    // Keys indexed before: point them at the new number and tombstone the old one, as add does.
    for (const row of existing) {
      const before = await this.c.keys.findOneAndUpdate(
        { _id: row.key },
        { $set: { docNo: row._id, h: digestOf(row.t) } },
        { returnDocument: 'before' },
      );
      if (before && before.docNo !== row._id) await this.tombstone(before.docNo);
    }
  }

  /** The same as add: a tombstone for the old docNo and a new docNo. */
  update(key: string, text: string, title = ''): Promise<number> {
    return this.add(key, text, title);
  }

  /** Remove `key` from the index (a tombstone for its docNo). False when it was not indexed. */
  async remove(key: string): Promise<boolean> {
    const gone = await this.c.keys.findOneAndDelete({ _id: key });
    if (!gone) return false;
    await this.tombstone(gone.docNo);
    return true;
  }

  private async tombstone(docNo: number): Promise<void> {
    try {
      await this.c.tombstones.insertOne({ _id: docNo, at: new Date() });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  // ---------------------------------------------------------------- query

  manifest(): Promise<Manifest> {
    return this.c.manifest();
  }

  /** Candidate keys for a query, newest first (indexQuery.ts `queryIndex`). */
  query(input: SearchQuery | string, options: QueryOptions = {}): Promise<QueryResult> {
    return queryIndex(this.c, input, options);
  }

  /** Items whose titles are most like `title`, best first (indexQuery.ts `similarInIndex`). */
  similar(title: string, options: SimilarOptions = {}): Promise<Array<Candidate & { score: number }>> {
    return similarInIndex(this.c, title, options);
  }

  // ---------------------------------------------------------------- merge

  /** Take the merge claim (a unique insert with a lease); false when another merger holds it. */
  private async claim(): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.c.meta.insertOne({ _id: 'merge-claim', owner: this.owner, until: new Date(Date.now() + this.leaseMs) });
        return true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const held = await this.c.meta.findOne({ _id: 'merge-claim' });
      if (held && (held.until as Date).getTime() > Date.now()) return false;
      // The holder's lease ran out (it crashed): remove exactly that claim and try once more.
      if (held) await this.c.meta.deleteOne({ _id: 'merge-claim', owner: held.owner });
    }
    return false;
  }

  private async release(): Promise<void> {
    await this.c.meta.deleteOne({ _id: 'merge-claim', owner: this.owner });
  }

  /**
   * Only the claim holder writes the manifest: each write first renews the lease, and stops the merge when the claim
   * is no longer this merger's (a merge that outlived its lease and was taken over: the other merger's manifest
   * stands; segments this one wrote are unreferenced and harmless).
   */
  private async writeManifest(manifest: Manifest): Promise<void> {
    const renewed = await this.c.meta.updateOne(
      { _id: 'merge-claim', owner: this.owner },
      { $set: { until: new Date(Date.now() + this.leaseMs) } },
    );
    if (renewed.matchedCount !== 1)
      throw new Error('search index: this merge lost its claim (its lease ran out); the next merge starts over');
    await this.c.meta.replaceOne({ _id: 'manifest' }, { ...manifest, version: manifest.version + 1 }, { upsert: true });
    manifest.version += 1;
  }

  /** Write one immutable segment from term → ascending docNos; returns its description. */
  private async writeSegment(postings: Map<string, number[]>, docs: number): Promise<SegmentInfo> {
    const no = await nextSequence(`${this.name}:segment`);
    const terms = [...postings.keys()];
    const rows = terms.map((t) => ({ _id: `${t}|${no}`, p: new Binary(encodePostings(postings.get(t)!)) }));
    await insertManyIgnoringDuplicates(this.c.postings, rows);
    const dirChunks = Math.ceil(terms.length / DIRECTORY_CHUNK);
    const dirRows = Array.from({ length: dirChunks }, (_, i) => ({
      _id: `${no}|${i}`,
      terms: terms.slice(i * DIRECTORY_CHUNK, (i + 1) * DIRECTORY_CHUNK),
    }));
    await insertManyIgnoringDuplicates(this.c.dirs, dirRows);
    return { no, docs, terms: terms.length, dirChunks };
  }

  private async termsOf(segment: SegmentInfo): Promise<string[]> {
    const ids = Array.from({ length: segment.dirChunks }, (_, i) => `${segment.no}|${i}`);
    if (ids.length === 0) return [];
    return (await this.c.dirs.find({ _id: { $in: ids } }).toArray()).flatMap((d) => d.terms);
  }

  private async deleteSegment(segment: SegmentInfo): Promise<void> {
    const terms = await this.termsOf(segment);
    await deleteByIds(
      this.c.postings,
      terms.map((t) => `${t}|${segment.no}`),
    );
    await deleteByIds(
      this.c.dirs,
      Array.from({ length: segment.dirChunks }, (_, i) => `${segment.no}|${i}`),
    );
  }

  /**
   * Fold pending documents into a segment, compact when needed, delete retired segments past their grace. Null when
   * another merger holds the claim (nothing done). Safe to call from any process at any time.
   */
  async merge(options: { compactAll?: boolean } = {}): Promise<MergeResult | null> {
    if (!(await this.claim())) return null;
    try {
      const manifest = await this.manifest();
      const removedRetired = await this.removeRetired(manifest);
      const pending = (await this.c.pending.find({}).toArray()).sort((a, b) => a._id - b._id).slice(0, this.mergeBatch);
      const result: MergeResult = { merged: pending.length, removedRetired };
      if (pending.length > 0) {
        const postings = new Map<string, number[]>();
        for (const p of pending) {
          for (const t of termsOfPending(p)) {
            let list = postings.get(t);
            if (!list) postings.set(t, (list = []));
            list.push(p._id);
          }
        }
        const segment = await this.writeSegment(postings, pending.length);
        // The docNo → key map before the manifest: once the pending documents go, queries find keys there.
        await insertManyIgnoringDuplicates(
          this.c.docs,
          pending.map((p) => ({ _id: p._id, key: p.key })),
        );
        manifest.segments.push(segment);
        await this.writeManifest(manifest);
        await deleteByIds(
          this.c.pending,
          pending.map((p) => p._id),
        );
        result.segment = segment.no;
      }
      const tombstoneCount = await this.c.tombstones.countDocuments({});
      const all = options.compactAll || tombstoneCount > this.tombstoneLimit;
      if (all ? manifest.segments.length > 1 || tombstoneCount > 0 : manifest.segments.length > this.maxSegments) {
        result.compacted = await this.compactSegments(manifest, all);
      }
      return result;
    } finally {
      await this.release();
    }
  }

  /** Compact everything into one segment and fold the tombstones away (a merge with compactAll). */
  compact(): Promise<MergeResult | null> {
    return this.merge({ compactAll: true });
  }

  private async removeRetired(manifest: Manifest): Promise<number> {
    const due = manifest.retired.filter((r) => Date.now() - new Date(r.at).getTime() >= this.retireAfterMs);
    if (due.length === 0) return 0;
    for (const r of due) await this.deleteSegment(r);
    manifest.retired = manifest.retired.filter((r) => !due.includes(r));
    await this.writeManifest(manifest);
    return due.length;
  }

  /** Merge the smallest segments (all of them when `all`) into one, leaving out tombstoned docNos. */
  private async compactSegments(manifest: Manifest, all: boolean) {
    const bySize = [...manifest.segments].sort((a, b) => a.docs - b.docs);
    const take = all ? bySize : bySize.slice(0, Math.max(2, manifest.segments.length - Math.floor(this.maxSegments / 2) + 1));
    const dead = new Set((await this.c.tombstones.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
    const terms = [...new Set((await Promise.all(take.map((s) => this.termsOf(s)))).flat())];
    const merged = new Map<string, number[]>();
    const docNos = new Set<number>();
    for (let i = 0; i < terms.length; i += COMPACT_TERM_BATCH) {
      const batch = terms.slice(i, i + COMPACT_TERM_BATCH);
      const ids = batch.flatMap((t) => take.map((s) => `${t}|${s.no}`));
      const byTerm = new Map<string, number[][]>();
      for (const doc of await this.c.postings.find({ _id: { $in: ids } }).toArray()) {
        const term = doc._id.slice(0, doc._id.lastIndexOf('|'));
        let lists = byTerm.get(term);
        if (!lists) byTerm.set(term, (lists = []));
        lists.push(decodePostings(bytesOf(doc.p)));
      }
      for (const [term, lists] of byTerm) {
        const live = unionSorted(lists).filter((n) => !dead.has(n));
        for (const n of live) docNos.add(n);
        if (live.length > 0) merged.set(term, live);
      }
    }
    const segment = await this.writeSegment(merged, docNos.size);
    const takenNos = new Set(take.map((s) => s.no));
    manifest.segments = [...manifest.segments.filter((s) => !takenNos.has(s.no)), segment];
    manifest.retired.push(...take.map((s) => ({ ...s, at: new Date() })));
    await this.writeManifest(manifest);
    let folded = 0;
    if (all && dead.size > 0) {
      // Every live segment is rewritten without them; a tombstone whose docNo is still pending stays.
      const stillPending = new Set((await this.c.pending.find({}, { projection: { _id: 1 } }).toArray()).map((p) => p._id));
      const fold = [...dead].filter((n) => !stillPending.has(n));
      await deleteByIds(this.c.docs, fold);
      await deleteByIds(this.c.tombstones, fold);
      folded = fold.length;
    }
    if (this.retireAfterMs === 0) await this.removeRetired(manifest);
    return { from: take.map((s) => s.no), into: segment.no, folded };
  }

  // ---------------------------------------------------------------- rebuild

  /** Delete the whole index (not the docNo sequence: numbers keep rising). */
  async clear(): Promise<void> {
    for (const suffix of ['pending', 'keys', 'docs', 'tombstones', 'postings', 'dirs']) await this.c.collection(suffix).deleteMany({});
    await this.c.meta.deleteMany({ _id: 'manifest' });
  }

  /**
   * Clear the index and index every item of `source` (keys must be distinct; a repeated key keeps its first text),
   * `chunk` items to a segment, holding the merge claim throughout. Items added while it runs go to pending as
   * usual and are kept. `onProgress` is called after each chunk.
   */
  async rebuild(
    source: AsyncIterable<RebuildItem> | Iterable<RebuildItem>,
    options: { chunk?: number; onProgress?: (p: RebuildProgress) => void } = {},
  ): Promise<{ indexed: number; segments: number }> {
    const chunkSize = Math.max(1, options.chunk ?? 25_000);
    const progress = options.onProgress ?? (() => {});
    let claimed = false;
    for (let i = 0; i < 50 && !(claimed = await this.claim()); i++) await new Promise((r) => setTimeout(r, 200));
    if (!claimed) throw new Error('search index: another merger holds the claim; rebuild later');
    try {
      progress({ phase: 'clearing', done: 0 });
      await this.clear();
      const manifest = await this.manifest();
      const seen = new Set<string>();
      let done = 0;
      let batch: RebuildItem[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const numbers = await this.claimBlock(batch.length);
        const postings = new Map<string, number[]>();
        const keyRows: KeyEntry[] = [];
        const docRows: Array<{ _id: number; key: string }> = [];
        batch.forEach((item, i) => {
          const docNo = numbers[i]!;
          const terms = termsOfItem(item.text, item.title ?? '');
          keyRows.push({ _id: item.key, docNo, h: digestOf(terms.join(TERM_SEPARATOR)) });
          docRows.push({ _id: docNo, key: item.key });
          for (const t of terms) {
            let list = postings.get(t);
            if (!list) postings.set(t, (list = []));
            list.push(docNo);
          }
        });
        const segment = await this.writeSegment(postings, batch.length);
        await insertManyIgnoringDuplicates(this.c.docs, docRows);
        await insertManyIgnoringDuplicates(this.c.keys, keyRows);
        manifest.segments.push(segment);
        await this.writeManifest(manifest);
        done += batch.length;
        batch = [];
        progress({ phase: 'indexing', done });
      };
      for await (const item of source) {
        if (seen.has(item.key)) continue;
        seen.add(item.key);
        batch.push(item);
        if (batch.length >= chunkSize) await flush();
      }
      await flush();
      if (manifest.segments.length > this.maxSegments) {
        progress({ phase: 'compacting', done });
        await this.compactSegments(manifest, false);
      }
      progress({ phase: 'done', done });
      return { indexed: done, segments: manifest.segments.length };
    } finally {
      await this.release();
    }
  }

  /**
   * `count` ascending docNos at once: the sequence's claims (`<sequence>#<n>`, as server/db/sequence.ts makes them)
   * inserted in bulk, skipping numbers a concurrent add claimed; then the sequence's hint moves past them.
   */
  private async claimBlock(count: number): Promise<number[]> {
    const claims = mongoose.connection.collection<{ _id: string; name: string; n: number; at: Date }>(SEQUENCE_CLAIMS);
    const got: number[] = [];
    let from = (await nextSequence(this.c.sequence)) + 1;
    const first = from - 1;
    got.push(first);
    while (got.length < count) {
      const want = count - got.length;
      const rows = Array.from({ length: want }, (_, i) => ({
        _id: `${this.c.sequence}#${from + i}`,
        name: this.c.sequence,
        n: from + i,
        at: new Date(),
      }));
      await continueSequenceAfter(this.c.sequence, from + want - 1);
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK);
        const taken = new Set<number>();
        try {
          await claims.insertMany(chunk, { ordered: false });
        } catch (err) {
          if (!(err instanceof MongoBulkWriteError)) throw err;
          const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
          for (const e of errors) {
            if (e.code !== 11000) throw err;
            taken.add(chunk[e.index]!.n);
          }
        }
        for (const row of chunk) if (!taken.has(row.n)) got.push(row.n);
      }
      from += want;
    }
    return got.sort((a, b) => a - b);
  }

  /** Sizes, for tests, the bench and an admin page. */
  async stats(): Promise<{ pending: number; tombstones: number; segments: SegmentInfo[]; retired: number }> {
    const [pending, tombstones, manifest] = await Promise.all([
      this.c.pending.countDocuments({}),
      this.c.tombstones.countDocuments({}),
      this.manifest(),
    ]);
    return { pending, tombstones, segments: manifest.segments, retired: manifest.retired.length };
  }
}
