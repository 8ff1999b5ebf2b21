/**
 * The search index (server/search/index/, docs/SEARCH.md § The index) on the embedded engine, against brute force:
 * for seeded random Japanese and English corpora and many random queries, the index's candidates re-checked with
 * `matches` are exactly the items `matches` finds in the whole corpus — with everything pending, after merges,
 * after compaction, after removals and updates, after a rebuild. Also: two mergers at once make one merge; items
 * added while a merge runs are not lost.
 *
 * SEARCH_SEED=… replays a failure (the seed is printed); SEARCH_SEED=random picks one.
 */
import { spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import mongoose from 'mongoose';
import { connectDatabase, disconnectDatabase } from '../server/db/connection';
import { scheduleMerges } from '../server/search/index/mergeSchedule';
import { SearchIndex } from '../server/search/index/searchIndex';
import { decodePostings, encodePostings, intersectSorted, unionSorted } from '../server/search/index/postings';
import { matches, parseQuery } from '../shared/search/text';

const SEED = process.env.SEARCH_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.SEARCH_SEED ?? 20_261_205);
console.log(`search-index: seed ${SEED} (replay with SEARCH_SEED=${SEED})`);

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JA = [
  '負担割合',
  '全体会議',
  '議事録',
  '標準化',
  '移行',
  '基幹業務',
  '住民記録',
  '税務',
  '税率',
  '国民健康保険',
  '介護',
  '事業者',
  '協議会',
  'サーバー',
  'サーバ',
  'ギョウセイ',
  'ぎょうせい',
  'ｷﾞｮｳｾｲ',
  'データ連携',
  '仕様書',
  '改定',
  '確認',
  '東京都',
  '京都',
  '東京',
  '自治体',
  '団体',
  '検討',
  'します',
  'について',
  'の',
  'を',
  'が',
  '会議',
  '資料',
  '移行する',
];
const EN = [
  'api',
  'API',
  'server',
  'migration',
  'data',
  'spec',
  'review',
  'e-mail',
  'council',
  'tax',
  'rate',
  'meeting',
  'draft',
  'Ｍｅｅｔｉｎｇ',
];
const REFS = ['2026-0012', '2026-0013', '#12', '#123', '2026'];
const SEPARATORS = ['', '', '', ' ', ' ', '、', '。', '・', '　'];

function corpusText(rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const n = 2 + Math.floor(rand() * 8);
  let text = '';
  for (let i = 0; i < n; i++) {
    const r = rand();
    const word = r < 0.65 ? pick(JA) : r < 0.92 ? pick(EN) : pick(REFS);
    // Latin words need a separator of their own, or they run together into one word.
    const sep = /^[\x21-\x7e]/.test(word) || /[\x21-\x7e]$/.test(text) ? pick([' ', '、', ' ']) : pick(SEPARATORS);
    text += (i === 0 ? '' : sep) + word;
  }
  return text;
}

function randomQuery(rand: () => number, texts: readonly string[]): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const word = () => {
    const r = rand();
    if (r < 0.1) return pick(JA).slice(0, 1); // one character
    return r < 0.65 ? pick(JA) : r < 0.9 ? pick(EN) : pick(REFS);
  };
  const r = rand();
  if (r < 0.3) return word();
  if (r < 0.55) return `${word()} ${word()}`;
  if (r < 0.8) {
    // A phrase: a piece of an indexed text, so it hits.
    const text = pick(texts);
    const start = Math.floor(rand() * Math.max(1, text.length - 3));
    const piece = text.slice(start, start + 2 + Math.floor(rand() * 5)).trim();
    return `"${piece}"`;
  }
  return r < 0.92 ? `${word()} -${word()}` : `${word()} -"${word()} ${word()}"`;
}

const dbName = `search_index_${randomBytes(4).toString('hex')}`;
beforeAll(async () => {
  await connectDatabase(inject('mongoUri'), { dbName });
});
afterAll(async () => {
  await mongoose.connection.db?.dropDatabase();
  await disconnectDatabase();
});

describe('postings', () => {
  it('encode and decode ascending docNos, and intersect and unite them', () => {
    const rand = rng(SEED);
    for (let run = 0; run < 50; run++) {
      const set = new Set<number>();
      for (let i = 0; i < rand() * 300; i++) set.add(1 + Math.floor(rand() * (run % 2 ? 1e9 : 500)));
      const list = [...set].sort((a, b) => a - b);
      expect(decodePostings(encodePostings(list))).toEqual(list);
    }
    expect(
      intersectSorted([
        [1, 3, 5, 7, 9],
        [3, 4, 5, 9, 10, 11],
        [0, 5, 9],
      ]),
    ).toEqual([5, 9]);
    expect(intersectSorted([[1, 2], []])).toEqual([]);
    expect(unionSorted([[1, 5], [2, 5, 8], []])).toEqual([1, 2, 5, 8]);
    expect(() => encodePostings([3, 3])).toThrow();
  });
});

describe(`the index against brute force (seed ${SEED})`, () => {
  const rand = rng(SEED);
  const corpus = new Map<string, string>();
  const removed = new Set<string>();
  const index = new SearchIndex({ name: 'sx', maxSegments: 3, retireAfterMs: 0 });
  let nextId = 1;
  const QUERIES = Number(process.env.SEARCH_QUERIES ?? 120);

  async function addItems(n: number) {
    for (let i = 0; i < n; i++) {
      const key = `${rand() < 0.7 ? 'message' : 'issue'}:${nextId++}`;
      const text = corpusText(rand);
      corpus.set(key, text);
      await index.add(key, text);
    }
  }

  async function check(stage: string) {
    const texts = [...corpus.values()];
    let hits = 0;
    for (let q = 0; q < QUERIES; q++) {
      const typed = randomQuery(rand, texts);
      const query = parseQuery(typed);
      const expected = [...corpus].filter(([, text]) => matches(text, query)).map(([key]) => key);
      const { candidates } = await index.query(query, { limit: 100_000 });
      const keys = candidates.map((c) => c.key);
      expect(new Set(keys).size, `${stage}: ${typed}: keys repeat`).toBe(keys.length);
      for (const key of keys) expect(removed.has(key) && !corpus.has(key), `${stage}: ${typed}: removed ${key}`).toBe(false);
      // Newest first.
      const docNos = candidates.map((c) => c.docNo);
      expect(docNos, `${stage}: ${typed}: order`).toEqual([...docNos].sort((a, b) => b - a));
      const found = keys.filter((key) => corpus.has(key) && matches(corpus.get(key)!, query));
      expect(new Set(found), `${stage}: ${JSON.stringify(typed)} (seed ${SEED})`).toEqual(new Set(expected));
      hits += expected.length;
    }
    // The queries do hit (a vocabulary small enough).
    expect(hits, stage).toBeGreaterThan(QUERIES);
  }

  it('finds the same as brute force with everything pending', async () => {
    await addItems(300);
    expect((await index.stats()).pending).toBe(300);
    await check('pending');
  });

  it('… after a merge, and with new items pending beside segments', async () => {
    const merged = await index.merge();
    expect(merged?.merged).toBe(300);
    expect(await index.stats()).toMatchObject({ pending: 0, segments: [expect.objectContaining({ docs: 300 })] });
    await check('merged');
    await addItems(80);
    await check('segment + pending');
  });

  it('… after compaction (more segments than maxSegments)', async () => {
    await index.merge();
    for (let i = 0; i < 3; i++) {
      await addItems(40);
      await index.merge();
    }
    const { segments, retired } = await index.stats();
    expect(segments.length).toBeLessThanOrEqual(3);
    expect(retired).toBe(0);
    await check('compacted');
  });

  it('… after removals and updates, pending, merged and compacted', async () => {
    const keys = [...corpus.keys()];
    for (let i = 0; i < 60; i++) {
      const key = keys[Math.floor(rand() * keys.length)]!;
      if (!corpus.has(key)) continue;
      if (rand() < 0.5) {
        expect(await index.remove(key)).toBe(true);
        corpus.delete(key);
        removed.add(key);
      } else {
        const text = corpusText(rand);
        corpus.set(key, text);
        await index.update(key, text);
      }
    }
    expect(await index.remove('message:nothing')).toBe(false);
    expect((await index.stats()).tombstones).toBeGreaterThan(0);
    await check('removed (pending)');
    await index.merge();
    await check('removed (merged)');
    await index.compact();
    const stats = await index.stats();
    expect(stats).toMatchObject({ tombstones: 0, pending: 0 });
    expect(stats.segments).toHaveLength(1);
    expect(stats.segments[0]!.docs).toBe(corpus.size);
    await check('removed (compacted)');
  });

  it('… after a rebuild, with its progress', async () => {
    const seen: string[] = [];
    const result = await index.rebuild(
      (async function* () {
        for (const [key, text] of corpus) yield { key, text };
      })(),
      { chunk: 100, onProgress: (p) => seen.push(`${p.phase}:${p.done}`) },
    );
    expect(result.indexed).toBe(corpus.size);
    expect(seen[0]).toBe('clearing:0');
    expect(seen.at(-1)).toBe(`done:${corpus.size}`);
    expect((await index.stats()).segments.length).toBeLessThanOrEqual(3);
    await check('rebuilt');
    // Still maintained after a rebuild.
    const key = [...corpus.keys()][0]!;
    await index.remove(key);
    corpus.delete(key);
    removed.add(key);
    await addItems(20);
    await check('rebuilt + changes');
  });
});

describe('saving unchanged text', () => {
  it('costs no new entry and no tombstone (an autosave), until the text does change; after a rebuild too', async () => {
    const index = new SearchIndex({ name: 'same', retireAfterMs: 0 });
    const first = await index.add('statusReport:1', '住民記録 移行 予定', '開発事業者A');
    for (let i = 0; i < 5; i++) expect(await index.add('statusReport:1', '住民記録 移行 予定', '開発事業者A')).toBe(first);
    expect(await index.stats()).toMatchObject({ pending: 1, tombstones: 0 });
    // The title is part of what is indexed: a new title is a new entry.
    const retitled = await index.add('statusReport:1', '住民記録 移行 予定', '開発事業者B');
    expect(retitled).toBeGreaterThan(first);
    const changed = await index.add('statusReport:1', '住民記録 移行 完了', '開発事業者B');
    expect(changed).toBeGreaterThan(retitled);
    expect(await index.stats()).toMatchObject({ pending: 3, tombstones: 2 });
    const found = async (typed: string) => (await index.query(parseQuery(typed), { limit: 10 })).candidates.map((c) => c.docNo);
    expect(await found('完了')).toEqual([changed]);
    // Removed and added again with the same text: indexed again (the key's entry went with the remove).
    expect(await index.remove('statusReport:1')).toBe(true);
    const back = await index.add('statusReport:1', '住民記録 移行 完了', '開発事業者B');
    expect(back).toBeGreaterThan(changed);
    expect(await found('完了')).toEqual([back]);
    // Keys written by a rebuild or in bulk carry the digest too.
    await index.rebuild([{ key: 'statusReport:2', text: '税務 移行', title: '開発事業者C' }]);
    const rebuilt = (await index.query(parseQuery('税務'), { limit: 10 })).candidates[0]!.docNo;
    expect(await index.add('statusReport:2', '税務 移行', '開発事業者C')).toBe(rebuilt);
    await index.addMany([{ key: 'statusReport:3', text: '介護 移行', title: '開発事業者D' }]);
    const bulk = (await index.query(parseQuery('介護'), { limit: 10 })).candidates[0]!.docNo;
    expect(await index.add('statusReport:3', '介護 移行', '開発事業者D')).toBe(bulk);
    expect((await index.stats()).tombstones).toBe(0);
  });
});

describe('concurrency', () => {
  it('two mergers started at once make one merge', async () => {
    const a = new SearchIndex({ name: 'cc', retireAfterMs: 0 });
    const b = new SearchIndex({ name: 'cc', retireAfterMs: 0 });
    for (let i = 0; i < 200; i++) await a.add(`message:${i}`, `全体会議 ${i} の議事録`);
    const results = await Promise.all([a.merge(), b.merge()]);
    const merged = results.map((r) => r?.merged ?? 0);
    expect(merged.reduce((x, y) => x + y)).toBe(200);
    const stats = await a.stats();
    expect(stats.segments).toHaveLength(1);
    expect(stats.pending).toBe(0);
    expect((await b.query('全体会議', { limit: 1000 })).candidates).toHaveLength(200);
  });

  it('two merger processes started at once make one merge', async () => {
    const index = new SearchIndex({ name: 'procs' });
    for (let i = 0; i < 300; i++) await index.add(`message:${i}`, `議事録 ${i} の確認`);
    // Each process connects and says so; once both have, both are told to merge at once (a barrier, not a clock).
    const root = path.resolve(import.meta.dirname, '..');
    const code = `
      import { once } from 'node:events';
      import { connectDatabase, disconnectDatabase } from '${root}/server/db/connection.ts';
      import { SearchIndex } from '${root}/server/search/index/searchIndex.ts';
      await connectDatabase(process.argv[1], { dbName: process.argv[2] });
      const index = new SearchIndex({ name: 'procs' });
      process.stdout.write('ready\\n');
      await once(process.stdin, 'data');
      process.stdout.write(JSON.stringify(await index.merge()) + '\\n');
      await disconnectDatabase();
      process.exit(0);`;
    const start = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code, inject('mongoUri'), dbName]);
      let out = '';
      const lines = new EventEmitter();
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        for (let i = out.indexOf('\n'); i >= 0; i = out.indexOf('\n')) {
          lines.emit('line', out.slice(0, i));
          out = out.slice(i + 1);
        }
      });
      const line = () => once(lines, 'line').then(([l]) => l as string);
      return { child, line };
    };
    const procs = [start(), start()];
    expect(await Promise.all(procs.map((p) => p.line()))).toEqual(['ready', 'ready']);
    const answers = procs.map((p) => p.line());
    for (const p of procs) p.child.stdin.write('go\n');
    const outputs = (await Promise.all(answers)).map((stdout) => ({ stdout }));
    await Promise.all(procs.map((p) => (p.child.exitCode === null ? once(p.child, 'exit') : null)));
    const results = outputs.map((o) => JSON.parse(o.stdout) as { merged: number } | null);
    console.log('two merger processes:', JSON.stringify(results));
    expect(results.reduce((n, r) => n + (r?.merged ?? 0), 0)).toBe(300);
    const stats = await index.stats();
    expect(stats).toMatchObject({ pending: 0 });
    expect(stats.segments).toHaveLength(1);
    expect((await index.query('議事録', { limit: 1_000 })).candidates).toHaveLength(300);
  });

  it('a claim whose lease ran out is taken over', async () => {
    const stuck = new SearchIndex({ name: 'lease', leaseMs: 1 });
    const other = new SearchIndex({ name: 'lease', leaseMs: 60_000 });
    await mongoose.connection
      .collection('lease_meta')
      .insertOne({ _id: 'merge-claim' as never, owner: 'crashed', until: new Date(Date.now() - 1) });
    await stuck.add('message:1', '負担割合');
    expect(await other.merge()).toMatchObject({ merged: 1 });
    // A live claim is respected.
    await mongoose.connection
      .collection('lease_meta')
      .insertOne({ _id: 'merge-claim' as never, owner: 'alive', until: new Date(Date.now() + 60_000) });
    expect(await other.merge()).toBeNull();
  });

  it('a merger whose claim was taken over writes no manifest', async () => {
    const index = new SearchIndex({ name: 'lost' });
    await index.add('message:before', '負担割合 の 確認');
    expect(await index.merge()).toMatchObject({ merged: 1 });
    const before = await index.manifest();
    const meta = mongoose.connection.collection('lost_meta');
    // While the rebuild reads its source, its lease runs out and another merger takes the claim over.
    async function* takenOverMidway() {
      yield { key: 'message:1', text: '負担割合 について' };
      await meta.deleteOne({ _id: 'merge-claim' as never });
      await meta.insertOne({ _id: 'merge-claim' as never, owner: 'another', until: new Date(Date.now() + 60_000) });
      yield { key: 'message:2', text: '負担割合 の 見直し' };
    }
    await expect(index.rebuild(takenOverMidway())).rejects.toThrow(/lost its claim/);
    // The other merger's claim stands, and no segment of the rebuild was recorded (its clear had emptied the index).
    expect(await meta.findOne({ _id: 'merge-claim' as never })).toMatchObject({ owner: 'another' });
    expect(before.segments).toHaveLength(1);
    expect((await index.manifest()).segments).toEqual([]);
  });

  it('loses nothing added while a merge runs, and queries during it see everything', async () => {
    const index = new SearchIndex({ name: 'during', maxSegments: 2 });
    for (let i = 0; i < 1_000; i++) await index.add(`message:a${i}`, `負担割合 について ${i}`);
    await index.merge();
    for (let i = 0; i < 1_000; i++) await index.add(`message:b${i}`, `負担割合 の 確認 ${i}`);
    let added = 0;
    const counts: number[] = [];
    const adding = (async () => {
      for (let i = 0; i < 100; i++, added++) await index.add(`message:c${i}`, `負担割合 ${i}`);
    })();
    const querying = (async () => {
      for (let i = 0; i < 10; i++) {
        const before = added;
        const n = (await index.query('負担割合', { limit: 10_000 })).candidates.length;
        expect(n).toBeGreaterThanOrEqual(2_000 + before);
        counts.push(n);
      }
    })();
    const merging = (async () => {
      await index.merge();
      await index.merge(); // a third segment → compaction while adds go on
    })();
    await Promise.all([adding, querying, merging]);
    await index.merge();
    const { candidates } = await index.query('負担割合', { limit: 10_000 });
    expect(candidates).toHaveLength(2_100);
    expect((await index.stats()).pending).toBe(0);
  });
});

describe('the merge schedule', () => {
  it('merges once enough items were added here, and on its timer what it was not told of; stops when closed', async () => {
    const index = new SearchIndex({ name: 'sched', retireAfterMs: 0 });
    const schedule = scheduleMerges(index, { everyMs: 60_000, pendingAtLeast: 50 });
    try {
      for (let i = 0; i < 49; i++) await index.add(`item:${i}`, `標準準拠システム ${i}`);
      schedule.noteAdded(49);
      expect((await index.stats()).pending).toBe(49);
      await index.add('item:49', '標準準拠システム 49');
      schedule.noteAdded();
      await expect.poll(async () => (await index.stats()).pending, { timeout: 10_000 }).toBe(0);
      expect((await index.stats()).segments.map((s) => s.docs)).toEqual([50]);
    } finally {
      await schedule.close();
    }
    // Items another process added: only the timer finds them.
    const ticking = scheduleMerges(index, { everyMs: 50, pendingAtLeast: 1_000 });
    try {
      for (let i = 50; i < 60; i++) await index.add(`item:${i}`, `移行 ${i}`);
      await expect.poll(async () => (await index.stats()).pending, { timeout: 10_000 }).toBe(0);
    } finally {
      await ticking.close();
    }
    // Closed: nothing merges any more.
    await index.add('item:60', '移行 60');
    ticking.noteAdded(5_000);
    await ticking.flush();
    expect((await index.stats()).pending).toBe(1);
  });
});
