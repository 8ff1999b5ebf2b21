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
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { Binary, MongoBulkWriteError, type Collection } from 'mongodb';
import { distinctTerms, parseQuery, tokensOf, type QueryTerm, type SearchQuery } from '../../../shared/search/text';
import { isDuplicateKey } from '../../db/keys';
import { continueSequenceAfter, nextSequence } from '../../db/sequence';
import { decodePostings, encodePostings, intersectSorted, unionSorted } from './postings';

/** insertMany chunk (the engine takes inserts of this size well). */
const INSERT_CHUNK = 1_000;
/** deleteMany by `_id $in` chunk: below the 100 that freezes FerretDB when a command has that many statements. */
const DELETE_CHUNK = 99;
/** Terms per segment directory document (the list of a segment's terms, read back at compaction). */
const DIRECTORY_CHUNK = 10_000;
/** Terms whose postings one compaction step reads at once (× segments `_id`s in one `$in`). */
const COMPACT_TERM_BATCH = 400;
/** Mirrors server/db/sequence.ts: a number is claimed by inserting `<name>#<n>` there (rebuild claims blocks). */
const SEQUENCE_CLAIMS = 'sequence_claims';

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

export interface SegmentInfo {
  no: number;
  /** Documents (docNos) in it. */
  docs: number;
  terms: number;
  /** Directory documents `<no>|0` … listing its terms. */
  dirChunks: number;
}

interface Manifest {
  _id: 'manifest';
  version: number;
  segments: SegmentInfo[];
  retired: Array<SegmentInfo & { at: Date }>;
}

interface Pending {
  _id: number;
  key: string;
  /**
   * Its distinct terms joined by TERM_SEPARATOR: one string instead of an array of ~60, which the engine decodes
   * several times faster when a query reads the pending documents whole (docs/SEARCH.md § The index, numbers).
   */
  t: string;
}

/** Not in any term: terms are folded letters, digits and CJK runs (and `#`, `-` in exact references). */
const TERM_SEPARATOR = '\n';
const termsOfPending = (p: Pending): string[] => (p.t === '' ? [] : p.t.split(TERM_SEPARATOR));

export interface Candidate {
  key: string;
  docNo: number;
}

export interface QueryResult {
  /** Newest first. Re-check each with `matches` against the item's stored text. */
  candidates: Candidate[];
  /** Pass as `before` for the next page; absent when there is none. */
  next?: number;
  /** How many docNos the index found before the page cut (after tombstones, before key lookup). */
  total: number;
}

export interface MergeResult {
  merged: number;
  segment?: number;
  compacted?: { from: number[]; into: number; folded: number };
  removedRetired: number;
}

export interface RebuildItem {
  key: string;
  text: string;
  /** Indexed again as title terms (see TITLE_PREFIX). */
  title?: string;
}

export interface RebuildProgress {
  phase: 'clearing' | 'indexing' | 'compacting' | 'done';
  done: number;
}

/**
 * Title terms are indexed a second time under this prefix (`^全体`), so a query can ask for items whose title holds
 * every term (relevance: title hits first). No term starts with it: terms are folded letters, digits, CJK, `#`, `-`.
 */
export const TITLE_PREFIX = '^';

/** An item's distinct terms: its text's, and its title's again under TITLE_PREFIX. */
function termsOfItem(text: string, title: string): string[] {
  const terms = distinctTerms(tokensOf(text));
  if (title) for (const t of distinctTerms(tokensOf(title))) terms.push(TITLE_PREFIX + t);
  return terms;
}

/** A query's exclusion whose one token is the whole term: a document with that token matches the term. */
function singleTokenExclusion(term: QueryTerm): string | null {
  if (term.tokens.length !== 1) return null;
  const only = term.tokens[0]!;
  return only.offset === 0 && only.term === term.text ? only.term : null;
}

async function insertManyIgnoringDuplicates<T extends { _id: unknown }>(coll: Collection<T>, docs: T[]): Promise<void> {
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

async function deleteByIds<T extends { _id: unknown }>(coll: Collection<T>, ids: ReadonlyArray<T['_id']>): Promise<void> {
  for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await coll.deleteMany({ _id: { $in: ids.slice(i, i + DELETE_CHUNK) } } as any);
  }
}

function bytesOf(b: Binary | Uint8Array): Uint8Array {
  return b instanceof Binary ? b.buffer.subarray(0, b.position) : b;
}

export class SearchIndex {
  readonly name: string;
  private readonly maxSegments: number;
  private readonly retireAfterMs: number;
  private readonly leaseMs: number;
  private readonly mergeBatch: number;
  private readonly tombstoneLimit: number;
  private readonly owner = randomBytes(8).toString('hex');

  constructor(options: SearchIndexOptions = {}) {
    this.name = options.name ?? 'search';
    this.maxSegments = Math.max(2, options.maxSegments ?? 8);
    this.retireAfterMs = options.retireAfterMs ?? 60_000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.mergeBatch = options.mergeBatch ?? 50_000;
    this.tombstoneLimit = options.tombstoneLimit ?? 5_000;
  }

  private coll<T extends { _id: unknown }>(suffix: string): Collection<T> {
    return mongoose.connection.collection<T>(`${this.name}_${suffix}`) as unknown as Collection<T>;
  }
  private get pending() {
    return this.coll<Pending>('pending');
  }
  private get keys() {
    return this.coll<{ _id: string; docNo: number }>('keys');
  }
  private get docs() {
    return this.coll<{ _id: number; key: string }>('docs');
  }
  private get tombstones() {
    return this.coll<{ _id: number; at: Date }>('tombstones');
  }
  private get postings() {
    return this.coll<{ _id: string; p: Binary }>('postings');
  }
  private get dirs() {
    return this.coll<{ _id: string; terms: string[] }>('dirs');
  }
  private get meta() {
    return this.coll<{ _id: string; [field: string]: unknown }>('meta');
  }
  private get sequence() {
    return `${this.name}:doc`;
  }

  // ---------------------------------------------------------------- write path

  /**
   * Index `text` under `key` (an update when the key is indexed already: its old docNo is tombstoned). Returns the
   * new docNo. Cost: the sequence claim, one pending insert, the key's entry (and a tombstone on update).
   */
  async add(key: string, text: string, title = ''): Promise<number> {
    const terms = termsOfItem(text, title);
    const docNo = await nextSequence(this.sequence);
    // Pending first: a remove can only tombstone this docNo after the key points to it, so the tombstone never
    // precedes the posting it kills (a compaction could otherwise fold it away first).
    await this.pending.insertOne({ _id: docNo, key, t: terms.join(TERM_SEPARATOR) });
    const before = await this.keys.findOneAndUpdate({ _id: key }, { $set: { docNo } }, { upsert: true, returnDocument: 'before' });
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
    await insertManyIgnoringDuplicates(this.pending, rows);
    const existing: Pending[] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      try {
        await this.keys.insertMany(
          chunk.map((r) => ({ _id: r.key, docNo: r._id })),
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
      const before = await this.keys.findOneAndUpdate({ _id: row.key }, { $set: { docNo: row._id } }, { returnDocument: 'before' });
      if (before && before.docNo !== row._id) await this.tombstone(before.docNo);
    }
  }

  /** The same as add: a tombstone for the old docNo and a new docNo. */
  update(key: string, text: string, title = ''): Promise<number> {
    return this.add(key, text, title);
  }

  /** Remove `key` from the index (a tombstone for its docNo). False when it was not indexed. */
  async remove(key: string): Promise<boolean> {
    const gone = await this.keys.findOneAndDelete({ _id: key });
    if (!gone) return false;
    await this.tombstone(gone.docNo);
    return true;
  }

  private async tombstone(docNo: number): Promise<void> {
    try {
      await this.tombstones.insertOne({ _id: docNo, at: new Date() });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  // ---------------------------------------------------------------- query

  async manifest(): Promise<Manifest> {
    const found = (await this.meta.findOne({ _id: 'manifest' })) as unknown as Manifest | null;
    return found ?? { _id: 'manifest', version: 0, segments: [], retired: [] };
  }

  /**
   * Candidate keys for a query, newest first. `before`: only docNos below it (the next page). A superset of what
   * `matches`: the caller re-checks each candidate against its stored text, and drops keys it no longer has.
   */
  async query(input: SearchQuery | string, options: { limit?: number; before?: number; titleOnly?: boolean } = {}): Promise<QueryResult> {
    const query = typeof input === 'string' ? parseQuery(input) : input;
    if (query.kind !== 'search' || query.tokens.length === 0) return { candidates: [], total: 0 };
    const limit = Math.max(1, options.limit ?? 50);
    // titleOnly: every query token must be in the title; exclusions still apply to the whole text.
    const required = options.titleOnly ? query.tokens.map((t) => TITLE_PREFIX + t) : query.tokens;
    const excluded = [...new Set(query.excluded.map(singleTokenExclusion).filter((t): t is string => t !== null))];

    // Pending before the manifest: a merge records its segment before it deletes the pending documents it took,
    // so whatever this read misses is in a segment the manifest read after it lists.
    const pending = await this.pending.find({}).toArray();
    const [manifest, tombstoneDocs] = await Promise.all([this.manifest(), this.tombstones.find({}, { projection: { _id: 1 } }).toArray()]);
    const tokens = [...new Set([...required, ...excluded])];
    const ids: string[] = [];
    for (const t of tokens) for (const s of manifest.segments) ids.push(`${t}|${s.no}`);
    const lists = new Map<string, number[][]>(tokens.map((t) => [t, []]));
    if (ids.length > 0) {
      for (const doc of await this.postings.find({ _id: { $in: ids } }).toArray()) {
        const term = doc._id.slice(0, doc._id.lastIndexOf('|'));
        lists.get(term)?.push(decodePostings(bytesOf(doc.p)));
      }
    }
    const pendingKeys = new Map<number, string>();
    const pendingOf = new Map<string, number[]>(tokens.map((t) => [t, []]));
    for (const p of pending.sort((a, b) => a._id - b._id)) {
      pendingKeys.set(p._id, p.key);
      for (const term of termsOfPending(p)) pendingOf.get(term)?.push(p._id);
    }
    const postingsOf = (t: string) => unionSorted([...lists.get(t)!, pendingOf.get(t)!]);

    let found = intersectSorted(required.map(postingsOf));
    const dead = new Set<number>(tombstoneDocs.map((d) => d._id));
    for (const t of excluded) for (const n of postingsOf(t)) dead.add(n);
    found = found.filter((n) => !dead.has(n) && (options.before === undefined || n < options.before));
    const total = found.length;

    // Newest first; map docNos to keys page by page (a docNo whose mapping is gone was folded away meanwhile).
    const candidates: Candidate[] = [];
    const seen = new Set<string>();
    let at = found.length;
    while (candidates.length < limit && at > 0) {
      const page = found.slice(Math.max(0, at - (limit - candidates.length) - 8), at).reverse();
      at -= page.length;
      const missing = page.filter((n) => !pendingKeys.has(n));
      const keyOf = new Map(pendingKeys);
      if (missing.length > 0) for (const d of await this.docs.find({ _id: { $in: missing } }).toArray()) keyOf.set(d._id, d.key);
      for (const n of page) {
        const key = keyOf.get(n);
        if (key === undefined || seen.has(key)) continue;
        if (candidates.length === limit) {
          return { candidates, next: candidates[candidates.length - 1]!.docNo, total };
        }
        seen.add(key);
        candidates.push({ key, docNo: n });
      }
    }
    const more = at > 0 || candidates.length === limit;
    return more && candidates.length > 0 ? { candidates, next: candidates[candidates.length - 1]!.docNo, total } : { candidates, total };
  }

  /**
   * Items whose titles share the most of `title`'s words and character pairs (duplicate hints), best first: each
   * shared title term weighs ln(1 + N / df), so a rare pair counts more than one most titles hold. Only items
   * scoring at least `minShare` of the best possible score; `keyPrefixes` keeps only keys starting with one of them.
   * Like `query`, a superset for the caller to check (it must still ask whether the reader may read each).
   */
  async similar(
    title: string,
    options: { limit?: number; keyPrefixes?: readonly string[]; minShare?: number } = {},
  ): Promise<Array<Candidate & { score: number }>> {
    const limit = Math.max(1, options.limit ?? 20);
    const minShare = options.minShare ?? 0.35;
    // Pairs and words only: a single kanji or kana is in too many titles to say anything.
    const terms = distinctTerms(tokensOf(title))
      .filter((t) => [...t].length >= 2)
      .slice(0, 48)
      .map((t) => TITLE_PREFIX + t);
    if (terms.length === 0) return [];
    const pending = await this.pending.find({}).toArray();
    const [manifest, tombstoneDocs] = await Promise.all([this.manifest(), this.tombstones.find({}, { projection: { _id: 1 } }).toArray()]);
    const lists = new Map<string, number[][]>(terms.map((t) => [t, []]));
    const ids = terms.flatMap((t) => manifest.segments.map((s) => `${t}|${s.no}`));
    for (let i = 0; i < ids.length; i += 400) {
      for (const doc of await this.postings.find({ _id: { $in: ids.slice(i, i + 400) } }).toArray()) {
        lists.get(doc._id.slice(0, doc._id.lastIndexOf('|')))?.push(decodePostings(bytesOf(doc.p)));
      }
    }
    const pendingKeys = new Map<number, string>();
    for (const p of pending) {
      pendingKeys.set(p._id, p.key);
      for (const term of termsOfPending(p)) lists.get(term)?.push([p._id]);
    }
    const total = manifest.segments.reduce((n, s) => n + s.docs, 0) + pending.length;
    const dead = new Set(tombstoneDocs.map((d) => d._id));
    const scores = new Map<number, number>();
    let best = 0;
    for (const term of terms) {
      const docs = unionSorted(lists.get(term)!);
      if (docs.length === 0) continue;
      const weight = Math.log(1 + total / docs.length);
      best += weight;
      for (const n of docs) if (!dead.has(n)) scores.set(n, (scores.get(n) ?? 0) + weight);
    }
    const ranked = [...scores]
      .filter(([, score]) => score >= best * minShare)
      .sort((a, b) => b[1] - a[1] || b[0] - a[0])
      .slice(0, limit * 4);
    const missing = ranked.map(([n]) => n).filter((n) => !pendingKeys.has(n));
    const keyOf = new Map(pendingKeys);
    if (missing.length > 0) for (const d of await this.docs.find({ _id: { $in: missing } }).toArray()) keyOf.set(d._id, d.key);
    const out: Array<Candidate & { score: number }> = [];
    const seen = new Set<string>();
    for (const [docNo, score] of ranked) {
      const key = keyOf.get(docNo);
      if (key === undefined || seen.has(key)) continue;
      if (options.keyPrefixes && !options.keyPrefixes.some((p) => key.startsWith(p))) continue;
      seen.add(key);
      out.push({ key, docNo, score: best > 0 ? score / best : 0 });
      if (out.length === limit) break;
    }
    return out;
  }

  // ---------------------------------------------------------------- merge

  /** Take the merge claim (a unique insert with a lease); false when another merger holds it. */
  private async claim(): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.meta.insertOne({ _id: 'merge-claim', owner: this.owner, until: new Date(Date.now() + this.leaseMs) });
        return true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const held = await this.meta.findOne({ _id: 'merge-claim' });
      if (held && (held.until as Date).getTime() > Date.now()) return false;
      // The holder's lease ran out (it crashed): remove exactly that claim and try once more.
      if (held) await this.meta.deleteOne({ _id: 'merge-claim', owner: held.owner });
    }
    return false;
  }

  private async release(): Promise<void> {
    await this.meta.deleteOne({ _id: 'merge-claim', owner: this.owner });
  }

  private async writeManifest(manifest: Manifest): Promise<void> {
    await this.meta.replaceOne({ _id: 'manifest' }, { ...manifest, version: manifest.version + 1 }, { upsert: true });
    manifest.version += 1;
  }

  /** Write one immutable segment from term → ascending docNos; returns its description. */
  private async writeSegment(postings: Map<string, number[]>, docs: number): Promise<SegmentInfo> {
    const no = await nextSequence(`${this.name}:segment`);
    const terms = [...postings.keys()];
    const rows = terms.map((t) => ({ _id: `${t}|${no}`, p: new Binary(encodePostings(postings.get(t)!)) }));
    await insertManyIgnoringDuplicates(this.postings, rows);
    const dirChunks = Math.ceil(terms.length / DIRECTORY_CHUNK);
    const dirRows = Array.from({ length: dirChunks }, (_, i) => ({
      _id: `${no}|${i}`,
      terms: terms.slice(i * DIRECTORY_CHUNK, (i + 1) * DIRECTORY_CHUNK),
    }));
    await insertManyIgnoringDuplicates(this.dirs, dirRows);
    return { no, docs, terms: terms.length, dirChunks };
  }

  private async termsOf(segment: SegmentInfo): Promise<string[]> {
    const ids = Array.from({ length: segment.dirChunks }, (_, i) => `${segment.no}|${i}`);
    if (ids.length === 0) return [];
    return (await this.dirs.find({ _id: { $in: ids } }).toArray()).flatMap((d) => d.terms);
  }

  private async deleteSegment(segment: SegmentInfo): Promise<void> {
    const terms = await this.termsOf(segment);
    await deleteByIds(
      this.postings,
      terms.map((t) => `${t}|${segment.no}`),
    );
    await deleteByIds(
      this.dirs,
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
      const pending = (await this.pending.find({}).toArray()).sort((a, b) => a._id - b._id).slice(0, this.mergeBatch);
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
          this.docs,
          pending.map((p) => ({ _id: p._id, key: p.key })),
        );
        manifest.segments.push(segment);
        await this.writeManifest(manifest);
        await deleteByIds(
          this.pending,
          pending.map((p) => p._id),
        );
        result.segment = segment.no;
      }
      const tombstoneCount = await this.tombstones.countDocuments({});
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
    const dead = new Set((await this.tombstones.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
    const terms = [...new Set((await Promise.all(take.map((s) => this.termsOf(s)))).flat())];
    const merged = new Map<string, number[]>();
    const docNos = new Set<number>();
    for (let i = 0; i < terms.length; i += COMPACT_TERM_BATCH) {
      const batch = terms.slice(i, i + COMPACT_TERM_BATCH);
      const ids = batch.flatMap((t) => take.map((s) => `${t}|${s.no}`));
      const byTerm = new Map<string, number[][]>();
      for (const doc of await this.postings.find({ _id: { $in: ids } }).toArray()) {
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
      const stillPending = new Set((await this.pending.find({}, { projection: { _id: 1 } }).toArray()).map((p) => p._id));
      const fold = [...dead].filter((n) => !stillPending.has(n));
      await deleteByIds(this.docs, fold);
      await deleteByIds(this.tombstones, fold);
      folded = fold.length;
    }
    if (this.retireAfterMs === 0) await this.removeRetired(manifest);
    return { from: take.map((s) => s.no), into: segment.no, folded };
  }

  // ---------------------------------------------------------------- rebuild

  /** Delete the whole index (not the docNo sequence: numbers keep rising). */
  async clear(): Promise<void> {
    for (const suffix of ['pending', 'keys', 'docs', 'tombstones', 'postings', 'dirs']) await this.coll(suffix).deleteMany({});
    await this.meta.deleteMany({ _id: 'manifest' });
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
        const keyRows: Array<{ _id: string; docNo: number }> = [];
        const docRows: Array<{ _id: number; key: string }> = [];
        batch.forEach((item, i) => {
          const docNo = numbers[i]!;
          keyRows.push({ _id: item.key, docNo });
          docRows.push({ _id: docNo, key: item.key });
          for (const t of termsOfItem(item.text, item.title ?? '')) {
            let list = postings.get(t);
            if (!list) postings.set(t, (list = []));
            list.push(docNo);
          }
        });
        const segment = await this.writeSegment(postings, batch.length);
        await insertManyIgnoringDuplicates(this.docs, docRows);
        await insertManyIgnoringDuplicates(this.keys, keyRows);
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
    let from = (await nextSequence(this.sequence)) + 1;
    const first = from - 1;
    got.push(first);
    while (got.length < count) {
      const want = count - got.length;
      const rows = Array.from({ length: want }, (_, i) => ({
        _id: `${this.sequence}#${from + i}`,
        name: this.sequence,
        n: from + i,
        at: new Date(),
      }));
      await continueSequenceAfter(this.sequence, from + want - 1);
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
      this.pending.countDocuments({}),
      this.tombstones.countDocuments({}),
      this.manifest(),
    ]);
    return { pending, tombstones, segments: manifest.segments, retired: manifest.retired.length };
  }
}
