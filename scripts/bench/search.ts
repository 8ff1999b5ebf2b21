/**
 * `npm run bench -- search`: "search everywhere" (issue 20) at the council's size (docs/PERFORMANCE.md, "Search").
 *
 * The content is written straight into the database in the shapes the app stores (./searchData.ts: threads of
 * mixed visibility and their messages, issues, meetings with agendas and minutes, Japanese text from the council's
 * vocabulary with a Zipf-like frequency); the index is then built by the product's own command
 * (`npm run search:rebuild`, scripts/search-rebuild.ts) as a child process against the bench's database, and timed.
 * Then, signed in as a support vendor's member (who reads council and vendors threads, not development ones, and
 * no hidden messages or draft meetings):
 * - every query is asked once and its answer checked: 200, and results for each (a bench that timed empty answers
 *   would measure nothing);
 * - `GET /api/search?q=` for one word (common and rare words), two words and a quoted phrase, and
 *   `GET /api/search/suggest?q=` (a title's word, its first characters), each paced by the REST generator for
 *   `restMs` at `searchRate`, with `GET /api/me` paced the same way as the baseline (a signed-in request served from
 *   memory: the floor of this stack);
 * - message sends (`POST /api/threads/:id/messages`, indexed before the request resolves) one at a time, the last
 *   one searched for at once; and the index's own part of a send measured here: `searchIndex.add` of message-sized
 *   texts into the full index (server/search/store.ts), removed afterwards.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Db } from 'mongodb';
import mongoose from 'mongoose';
import { PROJECT_ROOT } from '@server/paths';
import { searchIndex } from '@server/search/store';
import { benchPeople, mintSessions } from './data';
import type { RestRequest, Task } from './generator';
import type { Sizes } from './scenarios';
import { chooseQueries, messageWriter, writeSearchCorpus, type BenchQuery, type SearchCorpus } from './searchData';
import { median, summarize } from './stats';
import type { ScenarioRow } from './quiet';

/** What the bench (main.ts) hands the scenario. */
export interface SearchInput {
  mongo: Db;
  mongoUri: string;
  appUrl: string;
  secret: string;
  /** The app's DATA_DIR (the rebuild is given the app's configuration). */
  dataDir: string;
  sizes: Sizes;
  rounds: number;
  say: (s: string) => void;
  runGenerator: <R>(task: Task, onPhase?: (phase: Record<string, unknown>) => Promise<void | string>) => Promise<R>;
  /** A REST run's CPU meter (main.ts `pacedCpuMeter`) for the app. */
  pacedMeter: () => { onPhase: (phase: Record<string, unknown>) => Promise<void>; perRequest(requests: number): unknown };
  /** A command pinned where the app and its database run (main.ts `pinned`). */
  pinnedToServer: (cmd: string, args: string[]) => [string, string[]];
}

export type SearchRow = ScenarioRow;

// Issue 20's targets.
const QUERY_P50_MS = 100;
const QUERY_P99_MS = 300;
const SUGGEST_P50_MS = 50;
const INDEXING_MS = 10;

type RestResult = {
  requests: number;
  statuses: Record<string, number>;
  latency: { p50: number; p99: number };
  alone: { p50: number };
  saturated: boolean;
  cpu?: unknown;
};

interface SearchAnswer {
  results: Array<{ kind: string; id: string }>;
  partial?: boolean;
}

const ratioOf = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? Math.round((a / b) * 100) / 100 : null);
const round1 = (n: number) => Math.round(n * 10) / 10;
const searchPath = (q: string) => `/api/search?q=${encodeURIComponent(q)}`;
const suggestPath = (q: string) => `/api/search/suggest?q=${encodeURIComponent(q)}`;

// ---- the index, built by the product's command ---------------------------------------------------------------

/** `npm run search:rebuild` against the bench's database: its wall time and the line it ends with. */
async function rebuildIndex(input: SearchInput): Promise<{ ms: number; summary: string }> {
  const [cmd, args] = input.pinnedToServer(process.execPath, ['--import', 'tsx', 'scripts/search-rebuild.ts']);
  const started = performance.now();
  const child = spawn(cmd, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, MONGODB_URI: input.mongoUri, DATA_DIR: input.dataDir, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ms = Math.round(performance.now() - started);
  if (code !== 0) throw new Error(`search:rebuild exited ${code}:\n${stdout}\n${stderr.slice(-2000)}`);
  const summary = stdout.split('\n').find((l) => l.startsWith('search:rebuild:')) ?? stdout.trim();
  return { ms, summary };
}

// ---- the searcher ------------------------------------------------------------------------------------------------

/** A member of a support vendor (development threads are not theirs to read), signed in. */
async function supportMember(mongo: Db, secret: string) {
  const people = await benchPeople(mongo, 200);
  const support = await mongo
    .collection('organizations')
    .find({ _id: { $in: [...new Set(people.map((p) => p.organization.id))] }, vendorType: 'support' }, { projection: { _id: 1 } })
    .toArray();
  const supportIds = new Set(support.map((o) => String(o._id)));
  const searcher = people.find((p) => supportIds.has(String(p.organization.id)));
  if (!searcher) throw new Error('no bench member of a support vendor');
  const [cookie] = await mintSessions(mongo, [searcher], secret);
  return { people, searcher, cookie: cookie! };
}

/**
 * The app's register and thread views were told to read everything again (the content was written around the app):
 * the first request that reads them pays it. Timed apart, so the first search is not charged with it.
 */
async function reloadViews(appUrl: string, cookie: string): Promise<number> {
  const started = performance.now();
  for (const path of ['/api/issues?pageSize=1', '/api/threads']) {
    const res = await fetch(`${appUrl}${path}`, { headers: { cookie }, signal: AbortSignal.timeout(120_000) });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  }
  return Math.round(performance.now() - started);
}

// ---- every answer checked, one at a time ----------------------------------------------------------------------------

interface Checked extends BenchQuery {
  /** Results on the first page, and whether it stopped at its limit of candidates. */
  results: number;
  partial: boolean;
  ms: number;
}

/** Ask each query once: every answer must be 200 with results. Throws otherwise: the bench would time nothing. */
async function checkAnswers(appUrl: string, cookie: string, queries: readonly BenchQuery[], pathOf: (q: string) => string) {
  const checked: Checked[] = [];
  for (const query of queries) {
    const started = performance.now();
    const res = await fetch(`${appUrl}${pathOf(query.q)}`, { headers: { cookie }, signal: AbortSignal.timeout(60_000) });
    const ms = round1(performance.now() - started);
    const body = (await res.json()) as SearchAnswer;
    if (res.status !== 200) throw new Error(`${pathOf(query.q)}: ${res.status} ${JSON.stringify(body)}`);
    if (!body.results.length) throw new Error(`${pathOf(query.q)} found nothing, yet ${query.hits} items the searcher may read hold it`);
    checked.push({ ...query, results: body.results.length, partial: body.partial ?? false, ms });
  }
  return checked;
}

// ---- message sends, and the index's part of one ---------------------------------------------------------------------

interface Sends {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  errors: number;
  /** The last message sent, searched for right after its send resolved: found. */
  foundAtOnce: boolean;
}

/** `count` messages posted one at a time (after one warm-up), each answered 201; the last one searched for at once. */
async function sendMessages(appUrl: string, cookie: string, threadId: string, count: number, write: () => string): Promise<Sends> {
  const times: number[] = [];
  let errors = 0;
  let marker = '';
  for (let i = -1; i < count; i++) {
    marker = `bench${randomBytes(5).toString('hex')}`;
    const started = performance.now();
    const res = await fetch(`${appUrl}/api/threads/${threadId}/messages`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: `bench-send-${marker}`, body: `${write()} ${marker}` }),
      signal: AbortSignal.timeout(60_000),
    });
    await res.arrayBuffer();
    if (i >= 0) times.push(performance.now() - started);
    if (res.status !== 201) errors++;
  }
  const res = await fetch(`${appUrl}${searchPath(marker)}`, { headers: { cookie } });
  const found = res.status === 200 && ((await res.json()) as SearchAnswer).results.some((r) => r.kind === 'message');
  const { p50, p99, max } = summarize(times);
  return { p50, p99, max, samples: count, errors, foundAtOnce: found };
}

interface Adds {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  /** The index around the adds (segments, pending, tombstones). */
  before: unknown;
}

/** What indexing adds to a send: `searchIndex.add` of message-sized texts into the full index, timed here; then removed. */
async function indexAdds(count: number, write: () => string): Promise<Adds> {
  const before = await searchIndex.stats();
  const keys: string[] = [];
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const key = `message:bench-add-${randomBytes(6).toString('hex')}`;
    const text = write();
    const started = performance.now();
    await searchIndex.add(key, text);
    times.push(performance.now() - started);
    keys.push(key);
  }
  for (const key of keys) await searchIndex.remove(key);
  const { p50, p99, max } = summarize(times);
  return {
    p50,
    p99,
    max,
    samples: count,
    before: {
      segments: before.segments.length,
      docs: before.segments.reduce((n, s) => n + s.docs, 0),
      pending: before.pending,
      tombstones: before.tombstones,
    },
  };
}

// ---- the scenario -------------------------------------------------------------------------------------------------

const sizesOf = (corpus: SearchCorpus) => {
  const w = corpus.written;
  return (
    `${w.messages.toLocaleString('en')} messages in ${w.threads.council + w.threads.vendors + w.threads.development} threads ` +
    `(${w.threads.council} council, ${w.threads.vendors} vendors, ${w.threads.development} development), ` +
    `${w.issues.toLocaleString('en')} issues, ${w.meetings.toLocaleString('en')} meetings (${w.publishedMinutes} with published minutes)`
  );
};

export async function runSearch(input: SearchInput): Promise<SearchRow> {
  const { sizes, say, mongo, appUrl } = input;
  const began = performance.now();
  const { people, searcher, cookie } = await supportMember(mongo, input.secret);
  say(` writing the content…`);
  const corpus = await writeSearchCorpus(
    mongo,
    people,
    String(searcher.organization.id),
    { threads: sizes.searchThreads, messages: sizes.searchMessages, issues: sizes.searchIssues, meetings: sizes.searchMeetings },
    say,
  );
  say(
    `  ${sizesOf(corpus)}; ${corpus.written.items.toLocaleString('en')} index items (${corpus.written.readableItems.toLocaleString('en')} the searcher may read), ` +
      `${corpus.vocabulary} words; written in ${round1(corpus.writeMs / 1000)} s`,
  );
  const rebuild = await rebuildIndex(input);
  say(`  ${rebuild.summary} (the command: ${round1(rebuild.ms / 1000)} s)`);

  const viewsReloadMs = await reloadViews(appUrl, cookie);
  say(`  the app's register and thread views read again: ${viewsReloadMs} ms (the first request after the writes)`);

  await mongoose.connect(input.mongoUri, { autoIndex: false });
  try {
    const queries = chooseQueries(corpus);
    const answers = {
      oneWord: await checkAnswers(appUrl, cookie, queries.oneWord, searchPath),
      twoWords: await checkAnswers(appUrl, cookie, queries.twoWords, searchPath),
      phrase: await checkAnswers(appUrl, cookie, queries.phrase, searchPath),
      suggest: await checkAnswers(appUrl, cookie, queries.suggest, suggestPath),
    };
    for (const [kind, list] of Object.entries(answers))
      say(
        `  ${kind}: ${list.map((a) => `${a.q} (${a.hits} hold it; ${a.results} shown${a.partial ? ', partial' : ''}, ${a.ms} ms)`).join(', ')}`,
      );

    const paced = async (name: string, paths: string[]) => {
      const requests: RestRequest[] = paths.map((path) => ({ path, query: '' }));
      const common = { requests, rate: sizes.searchRate, durationMs: sizes.restMs, timeoutMs: sizes.restTimeoutMs };
      const meter = input.pacedMeter();
      const result = await input.runGenerator<RestResult>({ kind: 'rest', url: appUrl, cookie, ...common }, meter.onPhase);
      result.cpu = meter.perRequest(result.requests);
      say(
        `  ${name}: alone p50 ${result.alone.p50} ms; ` +
          (result.saturated
            ? 'saturated (paced run skipped)'
            : `paced: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms ${JSON.stringify(result.statuses)}; CPU per request ${JSON.stringify(result.cpu)}`),
      );
      return result;
    };
    const rounds: Array<{ me: RestResult; oneWord: RestResult; twoWords: RestResult; phrase: RestResult; suggest: RestResult }> = [];
    for (let r = 0; r < input.rounds; r++) {
      const me = await paced('/api/me', ['/api/me']);
      const oneWord = await paced(
        'one word',
        queries.oneWord.map((x) => searchPath(x.q)),
      );
      const twoWords = await paced(
        'two words',
        queries.twoWords.map((x) => searchPath(x.q)),
      );
      const phrase = await paced(
        'phrase',
        queries.phrase.map((x) => searchPath(x.q)),
      );
      const suggest = await paced(
        'suggest',
        queries.suggest.map((x) => suggestPath(x.q)),
      );
      rounds.push({ me, oneWord, twoWords, phrase, suggest });
    }

    const send = await sendMessages(appUrl, cookie, corpus.sendThreadId, sizes.searchSends, messageWriter(21));
    say(
      `  message send one at a time: p50 ${send.p50} ms, p99 ${send.p99} ms (${send.errors} errors); the last one found at once: ${send.foundAtOnce}`,
    );
    const adds = await indexAdds(sizes.searchAdds, messageWriter(22));
    say(`  searchIndex.add of a message (the index's part of a send): p50 ${adds.p50} ms, p99 ${adds.p99} ms, max ${adds.max} ms`);

    // A side's figure: the paced p50 and p99, or the lone p50 when the pace saturated it.
    const figures = (pick: (x: (typeof rounds)[number]) => RestResult) => {
      const runs = rounds.map(pick);
      const saturated = runs.some((x) => x.saturated);
      return {
        saturated,
        allOk: runs.every((x) => x.saturated || (x.statuses['200'] ?? 0) === x.requests),
        p50: saturated ? median(runs.map((x) => x.alone.p50)) : median(runs.map((x) => x.latency.p50)),
        p99: saturated ? Number.NaN : median(runs.map((x) => x.latency.p99)),
        alone: median(runs.map((x) => x.alone.p50)),
      };
    };
    const kinds = {
      'one word': figures((x) => x.oneWord),
      'two words': figures((x) => x.twoWords),
      phrase: figures((x) => x.phrase),
    };
    const suggest = figures((x) => x.suggest);
    const me = figures((x) => x.me);
    const text = (f: ReturnType<typeof figures>) =>
      f.saturated
        ? `saturated at ${sizes.searchRate}/s: one alone p50 ${f.alone} ms`
        : `p50 ${f.p50} ms, p99 ${f.p99} ms${f.allOk ? '' : ' (errors)'}`;
    const all = Object.values(kinds);
    const worstP50 = Math.max(...all.map((f) => f.p50));
    const worstP99 = Math.max(...all.map((f) => f.p99));
    const met = {
      queries: all.every((f) => !f.saturated && f.allOk) && worstP50 <= QUERY_P50_MS && worstP99 <= QUERY_P99_MS,
      suggest: !suggest.saturated && suggest.allOk && suggest.p50 <= SUGGEST_P50_MS,
      indexing: adds.p50 <= INDEXING_MS,
      sends: send.errors === 0 && send.foundAtOnce,
    };
    return {
      figure:
        `${Object.entries(kinds)
          .map(([k, f]) => `${k} ${text(f)}`)
          .join('; ')} at ${sizes.searchRate}/s; suggest ${text(suggest)}; ` +
        `send p50 ${send.p50} ms of which indexing p50 ${adds.p50} ms (p99 ${adds.p99} ms)${met.sends ? '' : ' (send errors or not found)'}; ` +
        `rebuild ${round1(rebuild.ms / 1000)} s (${sizesOf(corpus)})`,
      baseline: `/api/me ${text(me)}`,
      ratio: ratioOf(worstP50, me.p50),
      target: `queries p50 ≤ ${QUERY_P50_MS} ms, p99 ≤ ${QUERY_P99_MS} ms; suggest p50 ≤ ${SUGGEST_P50_MS} ms; indexing ≤ ${INDEXING_MS} ms a send`,
      met: met.queries && met.suggest && met.indexing && met.sends,
      details: {
        seconds: Math.round((performance.now() - began) / 1000),
        written: corpus.written,
        vocabulary: corpus.vocabulary,
        writeMs: corpus.writeMs,
        rebuild,
        viewsReloadMs,
        rate: sizes.searchRate,
        ms: sizes.restMs,
        met,
        figures: { ...kinds, suggest, me },
        answers,
        rounds,
        send,
        adds,
      },
    };
  } finally {
    await mongoose.disconnect();
  }
}
