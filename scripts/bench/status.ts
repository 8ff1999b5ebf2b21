/**
 * `npm run bench -- status`: 開発状況報告 at the council's size (docs/PERFORMANCE.md, "Status reports").
 *
 * Two rounds are written straight into the database in the shapes the app stores — the demo seed's
 * plan (server/seed/statusReportPlan.ts) with every vendor submitting: the 182 seeded vendors × the
 * business areas their profiles name, in a closed round and an open one that compares with it. Then,
 * signed in as the secretariat:
 * - the open round's overview (`GET /api/status/rounds/:id/overview`) and its progress page
 *   (`GET …/progress`), each paced by the REST generator as the other REST scenarios are (`statusRate`
 *   for `restMs`: see scenarios.ts for why not `restRate`). Baselines, run the same way: `GET /api/me` (a signed-in request that reads only
 *   memory: the floor of this stack), and the driver reading the round's reports straight from the
 *   database (what computing the overview from the stored reports on every request would cost);
 * - the round's Excel export (`GET …/export.xlsx`) one request at a time, `statusExports` times after
 *   one warm-up, and the CSV export the same way.
 */
import { performance } from 'node:perf_hooks';
import { BSON, ObjectId, type Db } from 'mongodb';
import { Types } from 'mongoose';
import { recordViewChange } from '@server/db/viewFeed';
import { planStatusReports } from '@server/seed/statusReportPlan';
import { STATUS_REPORTS_LOG, STATUS_ROUNDS_LOG } from '@server/statusReports/model';
import type { RestRequest, Task } from './generator';
import { secretariat } from './notifications';
import type { Sizes } from './scenarios';
import { median, summarize } from './stats';
import type { ScenarioRow } from './quiet';

/** What the bench (main.ts) hands the scenario. */
export interface StatusInput {
  mongo: Db;
  mongoUri: string;
  appUrl: string;
  secret: string;
  sizes: Sizes;
  rounds: number;
  say: (s: string) => void;
  runGenerator: <R>(task: Task, onPhase?: (phase: Record<string, unknown>) => Promise<void | string>) => Promise<R>;
  /** A REST run's CPU meter (main.ts `pacedCpuMeter`), for the app or the driver. */
  pacedMeter: (side: 'app' | 'driver') => {
    onPhase: (phase: Record<string, unknown>) => Promise<void>;
    perRequest(requests: number): unknown;
  };
}

export type StatusRow = ScenarioRow;

// Issue 19's targets.
const OVERVIEW_P50_MS = 100;
const EXPORT_MS = 2_000;

const TITLES = { closed: 'ベンチ 第1回 開発状況調査', open: 'ベンチ 第2回 開発状況調査' };
const CHUNK = 50;

type RestResult = {
  requests: number;
  statuses: Record<string, number>;
  latency: { p50: number; p99: number };
  alone: { p50: number };
  saturated: boolean;
  cpu?: unknown;
};

const ratioOf = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? Math.round((a / b) * 100) / 100 : null);
const round1 = (n: number) => Math.round(n * 10) / 10;

// ---- the rounds -------------------------------------------------------------------------------------

interface BenchRounds {
  openId: string;
  closedId: string;
  vendors: number;
  /** Submitted areas in the open round (vendors × their areas). */
  areas: number;
  seedMs: number;
}

/** The bench's two rounds, written once per database (inserts of at most 50 documents: docs/DATABASE.md). */
async function benchRounds(mongo: Db, say: (s: string) => void): Promise<BenchRounds> {
  const started = performance.now();
  const rounds = mongo.collection('status_rounds');
  const reports = mongo.collection('status_reports');
  const count = async (openId: ObjectId, closedId: ObjectId) => {
    const rows = await reports.find({ roundId: openId }, { projection: { 'submitted.areas.area': 1 } }).toArray();
    const areas = rows.reduce((n, r) => n + ((r.submitted as { areas: unknown[] } | null)?.areas.length ?? 0), 0);
    return { openId: String(openId), closedId: String(closedId), vendors: rows.length, areas };
  };
  const existing = await rounds.findOne({ title: TITLES.open });
  if (existing) return { ...(await count(existing._id, existing.previousRoundId as ObjectId)), seedMs: 0 };

  const organizations = mongo.collection('organizations');
  const [vendors, secretariatOrg] = await Promise.all([
    organizations.find({ kind: 'vendor' }).toArray(),
    organizations.findOne({ kind: 'secretariat' }),
  ]);
  if (!vendors.length || !secretariatOrg) throw new Error('no vendors in the database: start the app once so it seeds the council');
  const oid = (id: unknown) => new Types.ObjectId(String(id));
  const plan = planStatusReports({
    vendors: vendors.map((v) => ({
      id: oid(v._id),
      key: v.key as string,
      nameJa: v.nameJa as string,
      nameEn: v.nameEn as string,
      businessAreas: v.businessAreas as string[],
    })),
    now: new Date(),
    secretariat: {
      id: oid(secretariatOrg._id),
      displayName: 'ベンチ 事務局',
      organization: { id: oid(secretariatOrg._id), nameJa: secretariatOrg.nameJa as string, nameEn: secretariatOrg.nameEn as string },
    } as never,
    everyoneSubmits: true,
    titles: TITLES,
  });
  const insert = async (collection: string, docs: readonly object[]) => {
    for (let i = 0; i < docs.length; i += CHUNK)
      await mongo.collection(collection).insertMany(docs.slice(i, i + CHUNK) as never[], { ordered: false });
  };
  await insert('status_report_versions', plan.versions);
  await insert('status_reports', plan.reports);
  await insert('status_rounds', plan.rounds);
  // Written around the app's models: its views read everything again.
  await recordViewChange(mongo, STATUS_REPORTS_LOG, '*');
  await recordViewChange(mongo, STATUS_ROUNDS_LOG, '*');
  const [closed, open] = plan.rounds;
  const seedMs = Math.round(performance.now() - started);
  const result = { ...(await count(new ObjectId(String(open._id)), new ObjectId(String(closed._id)))), seedMs };
  say(`  ${plan.rounds.length} rounds, ${plan.reports.length} reports, ${plan.versions.length} versions written in ${seedMs} ms`);
  return result;
}

// ---- one request at a time ----------------------------------------------------------------------------

interface Downloads {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  errors: number;
  bytes: number;
  /** The first download (the warm-up): an export may build what it needs on first use. */
  firstMs: number;
}

/** `samples` downloads one at a time after a warm-up, each read to its last byte and checked. */
async function downloads(url: string, cookie: string, samples: number, check: (body: Buffer) => boolean): Promise<Downloads> {
  const times: number[] = [];
  let errors = 0;
  let bytes = 0;
  let firstMs = Number.NaN;
  for (let i = -1; i < samples; i++) {
    const t = performance.now();
    let ok = false;
    try {
      const res = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(60_000) });
      const body = Buffer.from(await res.arrayBuffer());
      ok = res.status === 200 && check(body);
      bytes = body.length;
    } catch {
      ok = false;
    }
    const ms = performance.now() - t;
    if (i < 0) firstMs = round1(ms);
    else times.push(ms);
    if (!ok) errors++;
  }
  const { p50, p99 } = summarize(times);
  return { p50, p99, max: round1(Math.max(...times)), samples, errors, bytes, firstMs };
}

/** An .xlsx is a zip; the CSV starts with the UTF-8 byte order mark (so that Excel reads its Japanese). */
const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b;
const isCsvWithBom = (b: Buffer) => b.length > 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

// ---- the scenario -------------------------------------------------------------------------------------

export async function runStatus(input: StatusInput): Promise<StatusRow> {
  const { sizes, say, mongo, appUrl } = input;
  const began = performance.now();
  const data = await benchRounds(mongo, say);
  say(`  the open round: ${data.vendors} vendors, ${data.areas} submitted areas; the closed round before it the same`);
  const cookie = await secretariat(mongo, input.secret);
  const round = `/api/status/rounds/${data.openId}`;
  // The driver's side of every run: the open round's reports, as the app would read them without its views.
  const query = BSON.EJSON.stringify(
    { collection: 'status_reports', filter: { roundId: new ObjectId(data.openId) }, sort: {}, limit: 0 },
    { relaxed: false },
  );
  const requestsOf = (path: string): RestRequest[] => [{ path, query }];

  const paced = async (side: 'app' | 'driver', path: string) => {
    const common = { requests: requestsOf(path), rate: sizes.statusRate, durationMs: sizes.restMs, timeoutMs: sizes.restTimeoutMs };
    const meter = input.pacedMeter(side);
    const result = await input.runGenerator<RestResult>(
      side === 'app' ? { kind: 'rest', url: appUrl, cookie, ...common } : { kind: 'driver', mongoUri: input.mongoUri, ...common },
      meter.onPhase,
    );
    result.cpu = meter.perRequest(result.requests);
    say(
      `  ${side === 'app' ? path.replace(round, '…') : 'driver: the round’s reports'}: alone p50 ${result.alone.p50} ms; ` +
        (result.saturated
          ? 'saturated (paced run skipped)'
          : `paced: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms ${JSON.stringify(result.statuses)}; CPU per request ${JSON.stringify(result.cpu)}`),
    );
    return result;
  };

  const rounds: Array<{ me: RestResult; overview: RestResult; progress: RestResult; driver: RestResult }> = [];
  for (let r = 0; r < input.rounds; r++) {
    const me = await paced('app', '/api/me');
    const overview = await paced('app', `${round}/overview`);
    const progress = await paced('app', `${round}/progress`);
    const driver = await paced('driver', `${round}/overview`);
    rounds.push({ me, overview, progress, driver });
  }
  const xlsx = await downloads(`${appUrl}${round}/export.xlsx`, cookie, sizes.statusExports, isZip);
  const csv = await downloads(`${appUrl}${round}/export.csv`, cookie, sizes.statusExports, isCsvWithBom);
  say(
    `  export.xlsx one at a time: p50 ${xlsx.p50} ms, max ${xlsx.max} ms (first ${xlsx.firstMs} ms, ${Math.round(xlsx.bytes / 1024)} kB, ${xlsx.errors} errors); ` +
      `export.csv: p50 ${csv.p50} ms, max ${csv.max} ms (${Math.round(csv.bytes / 1024)} kB, ${csv.errors} errors)`,
  );

  // A side's figure: the paced p50 and p99, or the lone p50 when the pace saturated it.
  const figures = (pick: (x: (typeof rounds)[number]) => RestResult) => {
    const runs = rounds.map(pick);
    const saturated = runs.some((x) => x.saturated);
    const allOk = runs.every((x) => x.saturated || (x.statuses['200'] ?? x.statuses.ok ?? 0) === x.requests);
    return {
      saturated,
      allOk,
      p50: saturated ? median(runs.map((x) => x.alone.p50)) : median(runs.map((x) => x.latency.p50)),
      p99: saturated ? Number.NaN : median(runs.map((x) => x.latency.p99)),
      alone: median(runs.map((x) => x.alone.p50)),
    };
  };
  const overview = figures((x) => x.overview);
  const progress = figures((x) => x.progress);
  const me = figures((x) => x.me);
  const driver = figures((x) => x.driver);
  const text = (f: ReturnType<typeof figures>) =>
    f.saturated
      ? `saturated at ${sizes.statusRate}/s: one alone p50 ${f.alone} ms`
      : `p50 ${f.p50} ms, p99 ${f.p99} ms${f.allOk ? '' : ' (errors)'}`;
  const overviewMet = !overview.saturated && overview.allOk && overview.p50 <= OVERVIEW_P50_MS;
  const exportMet = xlsx.errors === 0 && xlsx.max <= EXPORT_MS;
  return {
    figure:
      `overview ${text(overview)} at ${sizes.statusRate}/s; progress ${text(progress)}; ` +
      `export.xlsx p50 ${xlsx.p50} ms, max ${xlsx.max} ms${xlsx.errors ? ` (${xlsx.errors} errors)` : ''}; export.csv p50 ${csv.p50} ms${csv.errors ? ` (${csv.errors} errors)` : ''} ` +
      `(${data.vendors} vendors, ${data.areas} areas)`,
    baseline: `/api/me ${text(me)}; the round’s reports from the database (driver) ${text(driver)}`,
    ratio: ratioOf(overview.p50, me.p50),
    target: `overview p50 ≤ ${OVERVIEW_P50_MS} ms; export ≤ ${EXPORT_MS / 1000} s`,
    met: overviewMet && exportMet,
    details: {
      seconds: Math.round((performance.now() - began) / 1000),
      sizes: { vendors: data.vendors, areas: data.areas, rate: sizes.statusRate, ms: sizes.restMs, exports: sizes.statusExports },
      seedMs: data.seedMs,
      met: { overview: overviewMet, export: exportMet },
      rounds,
      exports: { xlsx, csv },
    },
  };
}
