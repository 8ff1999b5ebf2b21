/**
 * 開発状況報告, the secretariat's picture on the real server: the aggregates of random rounds
 * (seeded and replayable: STATUS_PICTURE_SEED=<n>) equal a recomputation written here, independently,
 * from the reports as the vendors submitted them through the API — a returned report left out, a
 * report revised after its submission counted as submitted, the change since the previous round;
 * what each persona sees and is refused; the Excel workbook and the CSV read back; and the reports
 * citing a register issue, as far as each reader may see them.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { withCheckDigit } from '../shared/corporateNumber';
import type { AuditPage } from '../shared/schemas/audit';
import type { Issue } from '../shared/schemas/issues';
import { AreaDrillDown, IssueCitations, Overview, Progress, type AreaEntryInput, type Round } from '../shared/schemas/statusReports';
import type { ApiClient } from './support/client';
import type { ErrorBody, User } from './support/json';
import { startTestServer, type TestServer } from './support/server';

const SEED = Number(process.env.STATUS_PICTURE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const seedOnFailure = () => onTestFailed(() => console.error(`status-picture: replay with STATUS_PICTURE_SEED=${SEED}`));

/** mulberry32: small, seeded, replayable. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rng = prng(SEED);
const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
const pad2 = (n: number) => String(n).padStart(2, '0');

// The vocabulary, written out here rather than imported, so the recomputation stands on its own.
const PHASES = ['notStarted', 'design', 'development', 'testing', 'available'] as const;
const TRACKS = ['onTrack', 'atRisk', 'delayed'] as const;
const REASONS = ['mainframe', 'custom-built', 'vendor-withdrawal', 'vendor-resources'] as const;
/** The round's areas, in the council's order: こども家庭庁's 児童手当, 総務省's 住民基本台帳 and 個人住民税, 厚生労働省's 介護保険 and 国民健康保険. */
const AREAS = [
  'child-allowance',
  'resident-register',
  'individual-inhabitant-tax',
  'long-term-care-insurance',
  'national-health-insurance',
];
const MHLW_AREAS = ['long-term-care-insurance', 'national-health-insurance'];
const AREA_NAMES: Record<string, string> = {
  'child-allowance': '児童手当',
  'resident-register': '住民基本台帳',
  'individual-inhabitant-tax': '個人住民税',
  'long-term-care-insurance': '介護保険',
  'national-health-insurance': '国民健康保険',
};

type Figures = Overview['total'];
interface Vendor {
  orgId: string;
  nameJa: string;
  client: ApiClient;
  areas: string[];
}
/** What a vendor's report holds in a round, as the test wrote it: its state and its last submission. */
interface Written {
  state: 'draft' | 'submitted' | 'returned';
  submitted: Record<string, AreaEntryInput> | null;
}

let server: TestServer;
let secretariat: ApiClient, dev: ApiClient, mhlw: ApiClient, jlis: ApiClient;
const vendors: Vendor[] = [];
const written = new Map<string, Map<string, Written>>();
let previous: Round, current: Round, draftRound: Round;
let issue: Issue;

function randomEntry(blockingIssues: string[] = []): AreaEntryInput {
  const phase = pick(PHASES);
  const customers = int(0, 240);
  const migrated = int(0, customers);
  const plannedByFyEnd = int(0, customers - migrated);
  const plannedAfter = int(0, customers - migrated - plannedByFyEnd);
  let left = customers;
  const special = Object.fromEntries(
    REASONS.map((k) => {
      const v = int(0, Math.min(left, 15));
      left -= v;
      return [k, v];
    }),
  ) as AreaEntryInput['special'];
  const track = pick(TRACKS);
  return {
    phase,
    specVersion: `第${int(1, 4)}.${int(0, 9)}版`,
    plannedAvailability: phase === 'available' ? null : `2026-${pad2(int(1, 12))}-${pad2(int(1, 28))}`,
    actualAvailability: phase === 'available' ? `2025-${pad2(int(1, 12))}-${pad2(int(1, 28))}` : null,
    customers,
    migrated,
    plannedByFyEnd,
    plannedAfter,
    special,
    track,
    explanation: track === 'onTrack' ? '' : '標準仕様書の改定への対応に時間を要している',
    risks: pick(['', '要員の確保', '=SUM(A1:A3) を含む説明']),
    blockingIssues,
  };
}

const reportPath = (round: Round, v: Vendor) => `/api/status/rounds/${round.id}/reports/${v.orgId}`;

async function saveDraft(round: Round, v: Vendor, areas: Record<string, AreaEntryInput>): Promise<void> {
  const res = await v.client.put<ErrorBody>(`${reportPath(round, v)}/draft`, { areas });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Every area of the vendor's report, drafted and submitted; recorded as the test's own truth. */
async function submitAll(round: Round, v: Vendor, cite: (area: string) => string[] = () => []): Promise<Record<string, AreaEntryInput>> {
  const areas = Object.fromEntries(v.areas.map((a) => [a, randomEntry(cite(a))]));
  await saveDraft(round, v, areas);
  const res = await v.client.post<ErrorBody>(`${reportPath(round, v)}/submit`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const mine = written.get(round.id) ?? new Map<string, Written>();
  mine.set(v.orgId, { state: 'submitted', submitted: areas });
  written.set(round.id, mine);
  return areas;
}

async function newRound(title: string): Promise<Round> {
  const res = await secretariat.post<Round>('/api/status/rounds', {
    title,
    periodStart: '2026-10-01',
    periodEnd: '2026-12-31',
    deadline: '2027-01-29T17:00:00+09:00',
    businessAreas: AREAS,
    note: '',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
async function openedRound(title: string): Promise<Round> {
  const round = await newRound(title);
  const res = await secretariat.post<Round>(`/api/status/rounds/${round.id}/open`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const TRADE_NAMES = ['北辰', '浅葱', '瑞穂', '桜川', '白鷺', '朝霧', '青嵐', '若葉', '東雲'];

/** A vendor registered through the API, with a member the secretariat allowed to submit its reports. */
async function newVendor(i: number, areas: string[]): Promise<Vendor> {
  const tag = randomUUID().slice(0, 6);
  const nameJa = `${TRADE_NAMES[i % TRADE_NAMES.length]}情報システム株式会社（${tag}）`;
  const org = await secretariat.post<{ id: string } & ErrorBody>('/api/organizations', {
    kind: 'vendor',
    key: `picture-${tag}-${i}`,
    vendorType: i % 3 === 2 ? 'support' : 'development',
    corporateNumber: withCheckDigit(`8${String(int(0, 99_999_999_999)).padStart(11, '0')}`),
    nameJa,
    nameEn: `Picture Vendor ${tag}`,
    // Each also names an area outside the round, which must never show in it.
    businessAreas: [...areas, 'national-pension'],
  });
  expect(org.status, JSON.stringify(org.body)).toBe(201);
  const email = `reporter-${tag}@picture.example`;
  const user = await secretariat.post<{ user: User; temporaryPassword: string }>(`/api/organizations/${org.body.id}/users`, {
    email,
    displayName: `報告 ${TRADE_NAMES[i % TRADE_NAMES.length]}`,
  });
  expect(user.status, JSON.stringify(user.body)).toBe(201);
  const allowed = await secretariat.put(`/api/organizations/${org.body.id}/status-reporters`, { userIds: [user.body.user.id] });
  expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
  const client = await server.signIn(email, user.body.temporaryPassword);
  return { orgId: org.body.id, nameJa, client, areas: AREAS.filter((a) => areas.includes(a)) };
}

// ---- the recomputation: plain filters and sums over what the test submitted ---------------------------------

interface Row {
  orgId: string;
  area: string;
  e: AreaEntryInput;
}
/** The rows that count: every area of the last submission of each report not returned. */
function countedRows(roundId: string, areas: readonly string[] = AREAS): Row[] {
  return [...(written.get(roundId) ?? new Map<string, Written>())].flatMap(([orgId, w]) =>
    w.state === 'returned' || !w.submitted
      ? []
      : Object.entries(w.submitted)
          .filter(([area]) => areas.includes(area))
          .map(([area, e]) => ({ orgId, area, e })),
  );
}
const total = (rows: Row[], f: (e: AreaEntryInput) => number | null) => rows.map((r) => f(r.e) ?? 0).reduce((a, b) => a + b, 0);
function figuresOf(rows: Row[], vendorCount: number): Figures {
  return {
    vendors: vendorCount,
    phases: Object.fromEntries(
      PHASES.map((p) => {
        const inPhase = rows.filter((r) => r.e.phase === p);
        return [p, { vendors: inPhase.length, customers: total(inPhase, (e) => e.customers) }];
      }),
    ) as Figures['phases'],
    timing: {
      customers: total(rows, (e) => e.customers),
      migrated: total(rows, (e) => e.migrated),
      byFyEnd: total(rows, (e) => e.plannedByFyEnd),
      after: total(rows, (e) => e.plannedAfter),
    },
    special: Object.fromEntries(REASONS.map((k) => [k, total(rows, (e) => e.special[k])])) as Figures['special'],
    tracks: Object.fromEntries(TRACKS.map((t) => [t, rows.filter((r) => r.e.track === t).length])) as Figures['tracks'],
  };
}
const areaFigures = (roundId: string, area: string) => {
  const rows = countedRows(roundId).filter((r) => r.area === area);
  return figuresOf(rows, rows.length);
};
const totalFigures = (roundId: string, areas: readonly string[] = AREAS) => {
  const rows = countedRows(roundId, areas);
  return figuresOf(rows, new Set(rows.map((r) => r.orgId)).size);
};
/** `a − b`, number by number, through the whole shape. */
function minus<T>(a: T, b: T): T {
  if (typeof a === 'number') return (a - (b as number)) as T;
  return Object.fromEntries(Object.entries(a as object).map(([k, v]) => [k, minus(v, (b as Record<string, unknown>)[k])])) as T;
}

const overview = (c: ApiClient, round: Round) => c.get<Overview & ErrorBody>(`/api/status/rounds/${round.id}/overview`);

beforeAll(async () => {
  try {
    server = await startTestServer();
    [secretariat, dev, mhlw, jlis] = await server.signInAll(
      'secretariat@demo.example',
      'dev@demo.example',
      'mhlw@demo.example',
      'jlis@demo.example',
    );
    // Seven vendors: every one reports 住民基本台帳; only the first two 児童手当 (too few to show to vendors
    // and bodies); the first 国民健康保険 for sure; the other areas at random.
    for (let i = 0; i < 7; i++) {
      const areas = ['resident-register'];
      if (i < 2) areas.push('child-allowance');
      if (i === 0 || rng() < 0.5) areas.push('national-health-insurance');
      for (const a of ['individual-inhabitant-tax', 'long-term-care-insurance']) if (rng() < 0.5) areas.push(a);
      vendors.push(await newVendor(i, areas));
    }
    const raised = await dev.post<Issue>('/api/issues', {
      title: `開発状況の阻害要因 ${randomUUID().slice(0, 6)}`,
      description: '標準仕様書の記載が不明確で開発が進められない',
      businessAreas: ['resident-register'],
      category: 'spec',
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    issue = raised.body;

    // The previous round: all but the last submit; then it closes.
    previous = await openedRound(`令和8年度 第1回 開発状況調査 ${randomUUID().slice(0, 4)}`);
    for (const v of vendors.slice(0, 6)) await submitAll(previous, v);
    expect((await secretariat.post(`/api/status/rounds/${previous.id}/close`)).status).toBe(200);

    // This round: five submit (the first citing the issue in two areas); the fourth then revises its
    // report (a draft again: its submission still counts); the sixth submits, cites the issue and is
    // returned (withdrawn); the last only saves a draft.
    current = await openedRound(`令和8年度 第2回 開発状況調査 ${randomUUID().slice(0, 4)}`);
    const citing = (area: string) => (['resident-register', 'national-health-insurance'].includes(area) ? [issue.number] : []);
    await submitAll(current, vendors[0]!, citing);
    for (const v of vendors.slice(1, 5)) await submitAll(current, v);
    await saveDraft(current, vendors[3]!, { 'resident-register': randomEntry() });
    written.get(current.id)!.get(vendors[3]!.orgId)!.state = 'draft';
    await submitAll(current, vendors[5]!, citing);
    const returned = await secretariat.post<ErrorBody>(`${reportPath(current, vendors[5]!)}/return`, {
      reason: '顧客団体数を再確認してください',
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    written.get(current.id)!.get(vendors[5]!.orgId)!.state = 'returned';
    await saveDraft(current, vendors[6]!, { 'resident-register': randomEntry() });
    written.get(current.id)!.set(vendors[6]!.orgId, { state: 'draft', submitted: null });

    draftRound = await newRound(`令和9年度 第1回 開発状況調査（案） ${randomUUID().slice(0, 4)}`);
  } catch (err) {
    console.error(`status-picture: replay with STATUS_PICTURE_SEED=${SEED}`);
    throw err;
  }
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe('the aggregates', () => {
  it('equal a recomputation from the submitted reports, area by area and in total, in both rounds', async () => {
    seedOnFailure();
    for (const round of [previous, current]) {
      const res = await overview(secretariat, round);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(Overview.safeParse(res.body).error).toBeUndefined();
      expect(res.body.scope).toBe('all');
      expect(res.body.areas.map((a) => a.area)).toEqual(AREAS);
      for (const a of res.body.areas) expect(a.figures, `${round.title} ${a.area}`).toEqual(areaFigures(round.id, a.area));
      expect(res.body.total).toEqual(totalFigures(round.id));
    }
    // The returned report is out, the revised one in with what it submitted, the draft-only one out.
    const rr = (await overview(secretariat, current)).body.areas.find((a) => a.area === 'resident-register')!;
    expect(rr.figures!.vendors).toBe(5);
  });

  it('compare with the previous round: the change is now − before, per area and in total', async () => {
    seedOnFailure();
    const res = await overview(secretariat, current);
    expect(res.body.previousRound).toEqual({ id: previous.id, title: previous.title });
    for (const a of res.body.areas)
      expect(a.change, a.area).toEqual(minus(areaFigures(current.id, a.area), areaFigures(previous.id, a.area)));
    expect(res.body.totalChange).toEqual(minus(totalFigures(current.id), totalFigures(previous.id)));
  });

  it('count the progress of every expected organisation, the council’s own vendors included', async () => {
    seedOnFailure();
    const { progress } = (await overview(dev, current)).body;
    expect(progress.expected).toBe(progress.submitted + progress.draft + progress.returned + progress.notStarted);
    // Ours: four submitted, two drafts (one revised after submitting, one never submitted), one returned.
    expect(progress.submitted).toBe(4);
    expect(progress.draft).toBe(2);
    expect(progress.returned).toBe(1);
    expect(progress.notStarted).toBeGreaterThan(0); // the seeded vendors whose profiles name the round's areas
  });

  it('give the council’s reference figures, as reference', async () => {
    const { reference } = (await overview(jlis, current)).body;
    expect(reference).toMatchObject({ asOf: '2024-10-31', systemsTotal: 34592, specialSystems: 2165 });
    expect(reference.reasons.map((r) => r.systems)).toEqual([38, 191, 181, 1755]);
  });
});

describe('what each persona sees', () => {
  it('a ministry: the areas it oversees, each with its figures, and its total over them', async () => {
    seedOnFailure();
    const res = await overview(mhlw, current);
    expect(res.status).toBe(200);
    expect(Overview.safeParse(res.body).error).toBeUndefined();
    expect(res.body.scope).toBe('ministry');
    expect(res.body.areas.map((a) => a.area)).toEqual(MHLW_AREAS);
    for (const a of res.body.areas) {
      expect(a.figures).toEqual(areaFigures(current.id, a.area));
      expect(a.change).toEqual(minus(areaFigures(current.id, a.area), areaFigures(previous.id, a.area)));
    }
    expect(res.body.total).toEqual(totalFigures(current.id, MHLW_AREAS));
    expect(res.body.totalChange).toEqual(minus(totalFigures(current.id, MHLW_AREAS), totalFigures(previous.id, MHLW_AREAS)));
  });

  it('vendors and bodies: every area, those fewer than three vendors submitted withheld, and the total over the areas shown', async () => {
    seedOnFailure();
    for (const c of [dev, jlis, vendors[0]!.client]) {
      const res = await overview(c, current);
      expect(res.status).toBe(200);
      expect(Overview.safeParse(res.body).error).toBeUndefined();
      expect(res.body.scope).toBe('council');
      expect(res.body.areas.map((a) => a.area)).toEqual(AREAS);
      for (const a of res.body.areas) {
        const now = areaFigures(current.id, a.area);
        const before = areaFigures(previous.id, a.area);
        expect(a.figures, a.area).toEqual(now.vendors >= 3 ? now : null);
        expect(a.change, a.area).toEqual(now.vendors >= 3 && before.vendors >= 3 ? minus(now, before) : null);
      }
      // 児童手当 has two vendors: withheld, even from one of them.
      expect(res.body.areas.find((a) => a.area === 'child-allowance')!.figures).toBeNull();
      expect(res.body.areas.find((a) => a.area === 'resident-register')!.figures).not.toBeNull();
      // The total leaves the withheld areas out: with them in, a withheld area would come back by subtraction.
      const shownNow = AREAS.filter((a) => areaFigures(current.id, a).vendors >= 3);
      const shownBoth = shownNow.filter((a) => areaFigures(previous.id, a).vendors >= 3);
      expect(shownNow.length).toBeLessThan(AREAS.length);
      expect(res.body.total).toEqual(totalFigures(current.id, shownNow));
      expect(res.body.totalChange).toEqual(minus(totalFigures(current.id, shownBoth), totalFigures(previous.id, shownBoth)));
    }
  });

  it('drill-down: the secretariat and the overseeing ministry see each vendor’s figures; nobody else', async () => {
    seedOnFailure();
    const path = (area: string) => `/api/status/rounds/${current.id}/areas/${area}`;
    const expected = (area: string) =>
      [...written.get(current.id)!]
        .filter(([, w]) => w.submitted?.[area])
        .map(([orgId, w]) => ({ orgId, state: w.state, entry: w.submitted![area] }))
        .sort((a, b) => a.orgId.localeCompare(b.orgId));
    const seen = (d: AreaDrillDown) =>
      d.rows.map((r) => ({ orgId: r.organization.id, state: r.state, entry: r.entry })).sort((a, b) => a.orgId.localeCompare(b.orgId));
    for (const [c, area] of [
      [secretariat, 'resident-register'],
      [secretariat, 'national-health-insurance'],
      [mhlw, 'national-health-insurance'],
    ] as const) {
      const res = await c.get<AreaDrillDown>(path(area));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(AreaDrillDown.safeParse(res.body).error).toBeUndefined();
      // The returned report is listed as returned; the revised one with what it submitted, not its new draft.
      expect(seen(res.body)).toEqual(expected(area));
      expect(res.body.rows.map((r) => r.organization.nameJa)).toEqual(
        [...res.body.rows.map((r) => r.organization.nameJa)].sort((a, b) => a.localeCompare(b, 'ja')),
      );
    }
    for (const c of [dev, jlis, vendors[0]!.client]) expect((await c.get(path('resident-register'))).status).toBe(403);
    // Another ministry's area (住民基本台帳 is 総務省's).
    expect((await mhlw.get(path('resident-register'))).status).toBe(403);
    expect((await secretariat.get<ErrorBody>(path('not-an-area'))).body.error.field).toBe('params.area');
    expect((await secretariat.get(path('national-pension'))).status).toBe(404);
  });

  it('progress: the secretariat’s, every expected organisation with its state; filtered by state', async () => {
    seedOnFailure();
    const path = `/api/status/rounds/${current.id}/progress`;
    for (const c of [dev, mhlw, jlis, vendors[0]!.client]) expect((await c.get(path)).status).toBe(403);
    const res = await secretariat.get<Progress>(path);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Progress.safeParse(res.body).error).toBeUndefined();
    const { rows, counts } = res.body;
    expect(counts.expected).toBe(rows.length);
    for (const s of ['submitted', 'draft', 'returned', 'notStarted'] as const)
      expect(counts[s]).toBe(rows.filter((r) => r.state === s).length);
    const ours = vendors.map((v) => rows.find((r) => r.organization.id === v.orgId)!);
    expect(ours.map((r) => r.state)).toEqual(['submitted', 'submitted', 'submitted', 'draft', 'submitted', 'returned', 'draft']);
    expect(ours.map((r) => r.version)).toEqual([1, 1, 1, 1, 1, 1, 0]);
    expect(ours.map((r) => r.areas)).toEqual(vendors.map((v) => v.areas));
    expect(ours.map((r) => r.submittedAt === null)).toEqual([false, false, false, false, false, false, true]);
    expect(res.body.reminders).toEqual([]);
    const returned = await secretariat.get<Progress>(`${path}?state=returned`);
    expect(returned.body.rows.map((r) => r.organization.id)).toEqual([vendors[5]!.orgId]);
    expect(returned.body.counts).toEqual(counts);
    const bad = await secretariat.get<ErrorBody>(`${path}?state=late`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('query.state');
  });

  it('a draft round: the secretariat’s alone; nothing to export yet', async () => {
    expect((await overview(secretariat, draftRound)).status).toBe(200);
    for (const c of [dev, mhlw, jlis]) expect((await overview(c, draftRound)).status).toBe(404);
    expect((await secretariat.download(`/api/status/rounds/${draftRound.id}/export.xlsx`)).status).toBe(409);
    expect((await secretariat.get(`/api/status/rounds/${'f'.repeat(24)}/overview`)).status).toBe(404);
    expect((await secretariat.get<ErrorBody>('/api/status/rounds/nope/overview')).body.error.field).toBe('params.id');
  });
});

describe('the exports', () => {
  type Values = unknown[];
  /** The sheet's rows from the first, each from its first column (exceljs counts from 1). */
  const rowsOf = (sheet: ExcelJS.Worksheet) =>
    Array.from(sheet.getSheetValues() as Values[])
      .slice(1)
      .map((r) => Array.from(r ?? []).slice(1));
  const headOf = (sheet: ExcelJS.Worksheet) => rowsOf(sheet)[0]!;

  it('Excel: one sheet per view and the raw rows, with the overview’s numbers; audited', async () => {
    seedOnFailure();
    for (const c of [dev, mhlw, jlis]) expect((await c.download(`/api/status/rounds/${current.id}/export.xlsx`)).status).toBe(403);
    const file = await secretariat.download(`/api/status/rounds/${current.id}/export.xlsx`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    expect(file.headers.get('content-disposition')).toContain('status-round');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.data as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '提出状況',
      '業務別フェーズ',
      '移行時期',
      '特定移行支援',
      '前回比',
      '報告データ',
    ]);
    const { body: view } = await overview(secretariat, current);
    const byName = (sheet: ExcelJS.Worksheet, name: string) => rowsOf(sheet).find((r) => r[0] === name)!;

    const timing = workbook.getWorksheet('移行時期')!;
    expect(headOf(timing)).toEqual([
      '業務',
      '報告事業者数',
      '顧客団体数',
      '移行済み',
      '令和7年度末までに移行予定',
      '令和8年度以降に移行予定',
    ]);
    for (const a of view.areas) {
      const f = a.figures!;
      expect(byName(timing, AREA_NAMES[a.area]!), a.area).toEqual([
        AREA_NAMES[a.area],
        f.vendors,
        f.timing.customers,
        f.timing.migrated,
        f.timing.byFyEnd,
        f.timing.after,
      ]);
    }
    const t = view.total.timing;
    expect(byName(timing, '合計')).toEqual(['合計', view.total.vendors, t.customers, t.migrated, t.byFyEnd, t.after]);
    expect(rowsOf(timing).some((r) => String(r[0]).startsWith('参考値 (2024-10-31)') && r[2] === 34592)).toBe(true);

    const phases = workbook.getWorksheet('業務別フェーズ')!;
    expect(headOf(phases).slice(0, 4)).toEqual(['業務', '報告事業者数', '未着手（事業者数）', '未着手（顧客団体数）']);
    const nhi = view.areas.find((a) => a.area === 'national-health-insurance')!.figures!;
    expect(byName(phases, '国民健康保険')).toEqual([
      '国民健康保険',
      nhi.vendors,
      ...PHASES.flatMap((p) => [nhi.phases[p].vendors, nhi.phases[p].customers]),
    ]);

    const special = workbook.getWorksheet('特定移行支援')!;
    expect(headOf(special)).toEqual(['業務', '事由1', '事由2', '事由3', '事由4', '合計']);
    const s = view.total.special;
    expect(byName(special, '合計')).toEqual(['合計', ...REASONS.map((k) => s[k]), REASONS.reduce((sum, k) => sum + s[k], 0)]);

    const change = workbook.getWorksheet('前回比')!;
    expect(byName(change, '合計').slice(0, 2)).toEqual(['合計', view.totalChange!.vendors]);
    expect(byName(change, '合計')[7]).toBe(view.totalChange!.timing.customers);
    expect(rowsOf(change).some((r) => String(r[0]).includes(previous.title))).toBe(true);

    const progress = workbook.getWorksheet('提出状況')!;
    expect(headOf(progress).slice(0, 4)).toEqual(['組織', '種別', '業務', '状態']);
    expect(byName(progress, vendors[5]!.nameJa)[3]).toBe('差戻し');
    expect(rowsOf(progress)).toHaveLength(view.progress.expected + 1);

    const raw = workbook.getWorksheet('報告データ')!;
    const head = headOf(raw) as string[];
    const rawRows = rowsOf(raw).slice(1);
    const submittedAreas = [...written.get(current.id)!.values()].flatMap((w) => Object.keys(w.submitted ?? {}));
    expect(rawRows).toHaveLength(submittedAreas.length);
    const col = (name: string) => head.indexOf(name);
    for (const v of vendors.slice(0, 6)) {
      for (const [area, e] of Object.entries(written.get(current.id)!.get(v.orgId)!.submitted!)) {
        const row = rawRows.find((r) => r[col('組織ID')] === v.orgId && r[col('業務キー')] === area)!;
        expect(row, `${v.nameJa} ${area}`).toBeDefined();
        expect(row[col('組織')]).toBe(v.nameJa);
        expect([
          row[col('顧客団体数')],
          row[col('移行済み')],
          row[col('令和7年度末までに移行予定')],
          row[col('令和8年度以降に移行予定')],
        ]).toEqual([e.customers, e.migrated, e.plannedByFyEnd, e.plannedAfter]);
        expect(row[col('特定移行支援 事由4')]).toBe(e.special['vendor-resources']);
        const planned = row[col('提供開始予定日')];
        if (e.plannedAvailability) expect((planned as Date).toISOString().slice(0, 10)).toBe(e.plannedAvailability);
        else expect(planned ?? null).toBeNull();
        expect(row[col('提出日時（日本時間）')]).toBeInstanceOf(Date);
        // What a vendor typed never becomes a formula.
        if (e.risks.startsWith('=')) expect(row[col('リスク')]).toBe(`'${e.risks}`);
        expect(row[col('集計対象')]).toBe(v === vendors[5] ? '対象外（差戻し）' : '対象');
      }
    }

    const audit = await secretariat.get<AuditPage>('/api/audit?category=export');
    expect(audit.body.entries.find((e) => e.action === 'export.statusRound' && e.target?.id === current.id)?.detail).toMatchObject({
      format: 'xlsx',
      rows: submittedAreas.length,
    });
  });

  it('CSV: the raw rows, UTF-8 with a BOM, parsed back as the workbook has them', async () => {
    seedOnFailure();
    expect((await dev.download(`/api/status/rounds/${current.id}/export.csv`)).status).toBe(403);
    const file = await secretariat.download(`/api/status/rounds/${current.id}/export.csv`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    expect([...file.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(file.data.toString('utf8'), { bom: true }) as string[][];
    const [head, ...rows] = records as [string[], ...string[][]];
    const col = (name: string) => head.indexOf(name);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await secretariat.download(`/api/status/rounds/${current.id}/export.xlsx`)).data as unknown as ArrayBuffer);
    const rawSheet = rowsOf(workbook.getWorksheet('報告データ')!);
    expect(head).toEqual(rawSheet[0]);
    expect(rows).toHaveLength(rawSheet.length - 1);
    for (const v of vendors.slice(0, 6)) {
      for (const [area, e] of Object.entries(written.get(current.id)!.get(v.orgId)!.submitted!)) {
        const matching = rows.filter((r) => r[col('組織ID')] === v.orgId && r[col('業務キー')] === area);
        expect(matching, `${v.nameJa} ${area}`).toHaveLength(1);
        const row = matching[0]!;
        expect(row[col('組織')]).toBe(v.nameJa);
        expect(row[col('業務')]).toBe(AREA_NAMES[area]);
        expect(row[col('顧客団体数')]).toBe(String(e.customers));
        expect(row[col('令和8年度以降に移行予定')]).toBe(String(e.plannedAfter));
        expect(row[col('特定移行支援 事由1')]).toBe(String(e.special.mainframe));
        expect(row[col('提供開始予定日')]).toBe(e.plannedAvailability ?? '');
        expect(row[col('提供開始日（実績）')]).toBe(e.actualAvailability ?? '');
        expect(row[col('関連する課題')]).toBe(e.blockingIssues.join(' '));
        expect(row[col('提出日時（日本時間）')]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      }
    }
    const audit = await secretariat.get<AuditPage>('/api/audit?category=export');
    expect(
      audit.body.entries.some((e) => e.action === 'export.statusRound' && e.target?.id === current.id && e.detail.format === 'csv'),
    ).toBe(true);
  });
});

describe('the reports citing an issue', () => {
  const citing = async (c: ApiClient, issueId = issue.id) => {
    const res = await c.get<IssueCitations & ErrorBody>(`/api/issues/${issueId}/status-citations`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(IssueCitations.safeParse(res.body).error).toBeUndefined();
    return res.body.reports.map((r) => `${r.round.id}:${r.organization.id}:${r.area}`).sort();
  };
  const cite = (v: Vendor, area: string) => `${current.id}:${v.orgId}:${area}`;

  it('show the secretariat and the citing vendor its report; not another vendor, nor a body; a ministry its areas', async () => {
    const both = [cite(vendors[0]!, 'national-health-insurance'), cite(vendors[0]!, 'resident-register')].sort();
    // The returned report cited it too: withdrawn, it is not listed.
    expect(await citing(secretariat)).toEqual(both);
    expect(await citing(vendors[0]!.client)).toEqual(both);
    expect(await citing(vendors[1]!.client)).toEqual([]);
    expect(await citing(vendors[5]!.client)).toEqual([]);
    expect(await citing(jlis)).toEqual([]);
    expect(await citing(mhlw)).toEqual([cite(vendors[0]!, 'national-health-insurance')]);
    const named = (await secretariat.get<IssueCitations>(`/api/issues/${issue.id}/status-citations`)).body.reports[0]!;
    expect(named.round).toEqual({ id: current.id, title: current.title });
    expect(named.organization.nameJa).toBe(vendors[0]!.nameJa);
  });

  it('of an issue that is not there: 404; of no issue id at all: 400', async () => {
    expect((await secretariat.get(`/api/issues/${'a'.repeat(24)}/status-citations`)).status).toBe(404);
    expect((await secretariat.get<ErrorBody>('/api/issues/x/status-citations')).body.error.field).toBe('params.id');
  });
});

describe('a round asking about fewer areas than the one before', () => {
  it('compares its total with the previous round over the areas both asked about, like with like', async () => {
    seedOnFailure();
    const asked = ['resident-register', 'national-health-insurance'];
    const made = await secretariat.post<Round>('/api/status/rounds', {
      title: `令和8年度 第3回 開発状況調査 ${randomUUID().slice(0, 4)}`,
      periodStart: '2027-01-01',
      periodEnd: '2027-03-31',
      deadline: '2027-04-28T17:00:00+09:00',
      businessAreas: asked,
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const opened = await secretariat.post<Round>(`/api/status/rounds/${made.body.id}/open`);
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const next = opened.body;
    const mine = new Map<string, Written>();
    for (const v of vendors.slice(0, 4)) {
      const areas = Object.fromEntries(v.areas.filter((a) => asked.includes(a)).map((a) => [a, randomEntry([])]));
      if (!Object.keys(areas).length) continue;
      await saveDraft(next, v, areas);
      const res = await v.client.post<ErrorBody>(`${reportPath(next, v)}/submit`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      mine.set(v.orgId, { state: 'submitted', submitted: areas });
    }
    written.set(next.id, mine);
    const view = (await overview(secretariat, next)).body;
    expect(view.previousRound?.id).toBe(current.id);
    expect(view.total).toEqual(totalFigures(next.id, asked));
    // The previous round asked about more areas: its total over all of them would make the change meaningless.
    expect(view.totalChange).toEqual(minus(totalFigures(next.id, asked), totalFigures(current.id, asked)));
    expect(view.totalChange).not.toEqual(minus(totalFigures(next.id, asked), totalFigures(current.id)));
  });
});
