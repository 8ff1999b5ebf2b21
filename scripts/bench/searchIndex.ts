/**
 * `node --import tsx scripts/bench/searchIndex.ts [sizes…]` (default 1000 10000 100000): the search index
 * (server/search/index/) on the embedded engine, on its own FerretDB in a temporary folder. For each size: rebuild
 * from generated message-like Japanese texts, then add latency (the write path), merge time, and query latency for
 * one- and two-word Japanese queries and a phrase (index candidates only; the caller's re-check is not included),
 * with nothing pending and with pending documents waiting. Prints a table; docs/SEARCH.md § The index has the numbers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { connectDatabase, disconnectDatabase } from '../../server/db/connection';
import { startEmbeddedFerretDB } from '../../server/db/ferretdb';
import { SearchIndex } from '../../server/search/index/searchIndex';
import { summarize } from './stats';

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

const NOUNS = (
  '負担割合 全体会議 議事録 標準化 移行 基幹業務 住民記録 税務 税率 国民健康保険 介護保険 事業者 協議会 仕様書 改定 確認 ' +
  '自治体 団体 検討 資料 日程 担当者 課題 要件 申請 届出 手数料 窓口 帳票 様式 印刷 文字 外字 同一性 移行計画 ' +
  '試験 本番 稼働 障害 対応 報告 連絡 相談 決定 承認 差戻し 期限 延長 費用 見積 契約 調達 ガバメントクラウド ' +
  'データ連携 サーバー ネットワーク 認証 権限 ログ 監査 バックアップ 復旧 性能 容量 児童手当 生活保護 固定資産税 ' +
  '住民税 軽自動車税 選挙 戸籍 印鑑登録 就学 健康管理 後期高齢者医療 国民年金 障害者福祉 子ども子育て 地方税'
).split(' ');
const PARTICLES = ['の', 'を', 'が', 'に', 'は', 'と', 'で', 'について', 'から', 'まで'];
const VERBS = ['します', 'しました', 'お願いします', 'ご確認ください', 'を共有します', 'が必要です', 'は未定です', 'を検討中です'];

function messageText(rand: () => number): string {
  // Zipf-like: a few nouns are everywhere, most are rare.
  const noun = () => NOUNS[Math.floor(NOUNS.length * rand() ** 2)]!;
  const clauses = 1 + Math.floor(rand() * 3);
  let text = '';
  for (let c = 0; c < clauses; c++) {
    text += `${noun()}${PARTICLES[Math.floor(rand() * PARTICLES.length)]}${noun()}${VERBS[Math.floor(rand() * VERBS.length)]}`;
    if (rand() < 0.2) text += `（${2026}-${String(1 + Math.floor(rand() * 500)).padStart(4, '0')}）`;
    text += '。';
  }
  return text;
}

async function time<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

/** Texts that were indexed, for phrases that hit (a piece of one, as a member would copy it). */
const sample: string[] = [];

async function measureQueries(index: SearchIndex, rand: () => number, rounds: number) {
  const noun = () => NOUNS[Math.floor(NOUNS.length * rand())]!;
  const kinds = {
    'one word': () => noun(),
    'two words': () => `${noun()} ${noun()}`,
    phrase: () => {
      const text = sample[Math.floor(rand() * sample.length)]!;
      const start = Math.floor(rand() * (text.length - 6));
      return `"${text.slice(start, start + 4 + Math.floor(rand() * 4))}"`;
    },
  };
  const out: Record<string, string> = {};
  for (const [kind, make] of Object.entries(kinds)) {
    const samples: number[] = [];
    let found = 0;
    for (let i = 0; i < rounds; i++) {
      const [r, ms] = await time(() => index.query(make(), { limit: 50 }));
      samples.push(ms);
      found += r.total;
    }
    const s = summarize(samples);
    out[kind] = `p50 ${s.p50} ms, p99 ${s.p99} ms (${Math.round(found / rounds)} candidates on average)`;
  }
  return out;
}

async function main() {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'search-index-bench-'));
  const db = await startEmbeddedFerretDB({ dataDir: path.join(dataDir, 'db'), bin: process.env.FERRETDB_BIN });
  try {
    await connectDatabase(db.uri, { dbName: 'search_bench' });
    for (const size of sizes.length ? sizes : [1_000, 10_000, 100_000]) {
      const rand = rng(size);
      const index = new SearchIndex({ name: `b${size}` });
      let last = 0;
      const [, rebuildMs] = await time(() =>
        index.rebuild(
          (function* () {
            sample.length = 0;
            for (let i = 0; i < size; i++) {
              const text = messageText(rand);
              if (sample.length < 1_000) sample.push(text);
              yield { key: `message:${i}`, text };
            }
          })(),
          {
            chunk: 25_000,
            onProgress: (p) => {
              if (p.done - last >= 25_000 || p.phase === 'done') process.stderr.write(`  ${size}: ${p.phase} ${p.done}\n`);
              last = p.done;
            },
          },
        ),
      );
      const stats = await index.stats();
      console.log(
        `\n${size} items: rebuild ${(rebuildMs / 1000).toFixed(1)} s, ${stats.segments.length} segments, ${stats.segments.reduce((n, s) => n + s.terms, 0)} term documents`,
      );
      console.log('  queries, nothing pending:', await measureQueries(index, rand, 100));
      const adds: number[] = [];
      for (let i = 0; i < 500; i++) adds.push((await time(() => index.add(`message:new${i}`, messageText(rand))))[1]);
      const a = summarize(adds);
      console.log(`  add (write path): p50 ${a.p50} ms, p99 ${a.p99} ms`);
      console.log('  queries, 500 pending:', await measureQueries(index, rand, 100));
      for (let i = 500; i < 2_000; i++) await index.add(`message:new${i}`, messageText(rand));
      console.log('  queries, 2,000 pending:', await measureQueries(index, rand, 100));
      const [merged, mergeMs] = await time(() => index.merge());
      console.log(`  merge of ${merged?.merged} pending: ${Math.round(mergeMs)} ms${merged?.compacted ? ' (with compaction)' : ''}`);
      console.log('  queries after the merge:', await measureQueries(index, rand, 100));
      for (let i = 0; i < 200; i++) await index.remove(`message:${Math.floor(rand() * size)}`);
      const [compacted, compactMs] = await time(() => index.compact());
      const after = await index.stats();
      console.log(
        `  full compaction (${compacted?.compacted?.from.length} segments → 1, ${compacted?.compacted?.folded} tombstones folded): ${Math.round(compactMs)} ms; ${after.segments[0]?.terms} term documents`,
      );
      console.log('  queries after compaction:', await measureQueries(index, rand, 100));
    }
  } finally {
    await disconnectDatabase();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
