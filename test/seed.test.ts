import { trusted, Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCorporateNumber } from '../shared/corporateNumber';
import { dateOnly, todayInJapan } from '../shared/japanDates';
import { BUSINESS_AREA_KEYS } from '../shared/reference/council';
import { reportAreas, reportProblems } from '../shared/statusReports/rules';
import { OrganizationModel } from '../server/organizations/model';
import { seedCouncil } from '../server/seed/seed';
import { planStatusReports } from '../server/seed/statusReportPlan';
import { seedStatusReports, type StatusSeedResult } from '../server/seed/statusReports';
import { buildSeedVendors } from '../server/seed/vendorNames';
import {
  StatusReportModel,
  StatusReportVersionModel,
  StatusRoundModel,
  type ReportRow,
  type RoundRow,
  type VersionRecord,
} from '../server/statusReports/model';
import { organizationsInRound } from '../server/statusReports/roundReports';
import { UserModel } from '../server/users/model';
import type { PersonRecord } from '../server/users/person';
import { startTestServer, type TestServer } from './support/server';
import type { OrganizationList } from './support/json';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the seeded council', () => {
  it('has 182 member vendors (67 development, 115 support), 9 observers, the secretariat and 20 areas', async () => {
    const client = await server.signIn('jlis@demo.example');
    const all = await client.get<OrganizationList>('/api/organizations');
    expect(all.status).toBe(200);
    expect(all.body.counts).toEqual({
      total: 192,
      byKind: { secretariat: 1, vendor: 182, observer: 9 },
      byVendorType: { development: 67, support: 115 },
    });
    const observers = all.body.organizations.filter((o) => o.kind === 'observer');
    expect(
      observers
        .filter((o) => o.observerKind === 'ministry')
        .map((o) => o.key)
        .sort(),
    ).toEqual(['cfa', 'mext', 'mhlw', 'mic', 'moj']);
    expect(
      observers
        .filter((o) => o.observerKind === 'body')
        .map((o) => o.key)
        .sort(),
    ).toEqual(['applic', 'jahis', 'jisa', 'jlis']);
    const areas = await client.get<{ businessAreas: { key: string; ministry: string }[] }>('/api/business-areas');
    expect(areas.body.businessAreas).toHaveLength(20);
  });

  it('gives every vendor a valid, distinct corporate number, a Japanese name and known business areas', async () => {
    const vendors = await OrganizationModel.find({ kind: 'vendor' });
    expect(vendors).toHaveLength(182);
    for (const v of vendors) {
      expect(isValidCorporateNumber(v.corporateNumber!), v.corporateNumber!).toBe(true);
      expect(v.nameJa).toMatch(/株式会社/);
      expect(v.businessAreas.length).toBeGreaterThan(0);
      for (const area of v.businessAreas) expect(BUSINESS_AREA_KEYS).toContain(area);
    }
    expect(new Set(vendors.map((v) => v.corporateNumber)).size).toBe(182);
    expect(new Set(vendors.map((v) => v.nameJa)).size).toBe(182);
  });

  it('creates the seven demo accounts in the right organisations', async () => {
    const users = await UserModel.find({}).populate<{ organization: { key: string; kind: string; vendorType: string | null } }>(
      'organization',
    );
    const byEmail = Object.fromEntries(users.map((u) => [u.email, u]));
    expect(Object.keys(byEmail).sort()).toEqual([
      'dev-admin@demo.example',
      'dev2@demo.example',
      'dev@demo.example',
      'jlis@demo.example',
      'mhlw@demo.example',
      'secretariat@demo.example',
      'support@demo.example',
    ]);
    expect(byEmail['dev-admin@demo.example']!.role).toBe('orgAdmin');
    expect(byEmail['dev@demo.example']!.organization.key).toBe(byEmail['dev-admin@demo.example']!.organization.key);
    expect(byEmail['dev2@demo.example']!.organization.key).not.toBe(byEmail['dev@demo.example']!.organization.key);
    expect(byEmail['dev2@demo.example']!.organization.vendorType).toBe('development');
    expect(byEmail['support@demo.example']!.organization.vendorType).toBe('support');
    expect(byEmail['mhlw@demo.example']!.organization.key).toBe('mhlw');
    expect(byEmail['jlis@demo.example']!.organization.key).toBe('jlis');
    expect(byEmail['secretariat@demo.example']!.organization.kind).toBe('secretariat');
  });

  it('is idempotent and keeps edits made since', async () => {
    const mhlw = await OrganizationModel.findOne({ key: 'mhlw' });
    await OrganizationModel.updateOne({ _id: mhlw!._id }, { nameEn: 'MHLW (edited)' });
    const again = await seedCouncil({ demo: true });
    expect(again).toEqual({ organizationsCreated: 0, usersCreated: 0 });
    expect(await OrganizationModel.countDocuments({})).toBe(192);
    expect(await UserModel.countDocuments({})).toBe(7);
    expect((await OrganizationModel.findOne({ key: 'mhlw' }))!.nameEn).toBe('MHLW (edited)');
  });
});

// Before the demo content (which would seed them too, after its issues): here the reports' seed is timed alone.
describe('demo status reports (開発状況報告)', () => {
  let seeded: StatusSeedResult | null;
  let seedMs: number;
  beforeAll(async () => {
    const started = performance.now();
    seeded = await seedStatusReports();
    seedMs = performance.now() - started;
  });

  it('seeds a closed round and an open one after it, over all 20 areas, in a few seconds and only once', async () => {
    expect(seeded).not.toBeNull();
    // It runs at every fresh `npm start`: a few seconds at most, even on a shared machine.
    expect(seedMs, `${Math.round(seedMs)} ms`).toBeLessThan(5_000);
    expect(await seedStatusReports()).toBeNull();
    const rounds = await StatusRoundModel.find({}).lean();
    expect(rounds.map((r) => [r.title, r.state]).sort()).toEqual([
      ['令和8年度 第1回 開発状況調査', 'closed'],
      ['令和8年度 第2回 開発状況調査', 'open'],
    ]);
    const closed = rounds.find((r) => r.state === 'closed')!;
    const open = rounds.find((r) => r.state === 'open')!;
    expect(String(open.previousRoundId)).toBe(String(closed._id));
    expect(closed.previousRoundId).toBeNull();
    const now = Date.now();
    for (const r of rounds) {
      expect([...r.businessAreas].sort()).toEqual([...BUSINESS_AREA_KEYS].sort());
      expect(r.periodStart.getTime()).toBeLessThan(r.periodEnd.getTime());
      expect(r.openedAt!.getTime()).toBeLessThan(now);
      expect(r.deadline.getTime()).toBeGreaterThan(r.periodEnd.getTime());
    }
    expect(closed.closedAt!.getTime()).toBeGreaterThan(closed.deadline.getTime());
    expect(closed.closedAt!.getTime()).toBeLessThan(open.openedAt!.getTime());
    expect(open.deadline.getTime()).toBeGreaterThan(now);
  });

  it('gives most vendors a report: all submitted in the closed round; submitted, drafts, returned and not started in the open one', async () => {
    const rounds = await StatusRoundModel.find({}).lean<RoundRow[]>();
    const closed = rounds.find((r) => r.state === 'closed')!;
    const open = rounds.find((r) => r.state === 'open')!;
    // From memory, as every view of the feature reads them: each expected vendor and its state.
    const tally = async (round: RoundRow) => {
      const counts: Record<string, number> = {};
      const orgs = await organizationsInRound(round);
      for (const o of orgs) counts[o.state] = (counts[o.state] ?? 0) + 1;
      return { expected: orgs.length, counts };
    };
    const before = await tally(closed);
    expect(before.expected).toBe(182);
    expect(Object.keys(before.counts).sort()).toEqual(['notStarted', 'submitted']);
    expect(before.counts.submitted).toBeGreaterThanOrEqual(150);
    expect(before.counts.submitted).toBeLessThan(182);
    const now = await tally(open);
    expect(now.expected).toBe(182);
    expect(now.counts.submitted).toBeGreaterThanOrEqual(100);
    expect(now.counts.draft).toBeGreaterThanOrEqual(25);
    expect(now.counts.returned).toBe(2);
    expect(now.counts.notStarted).toBeGreaterThanOrEqual(20);
    const returned = await StatusReportModel.find({ roundId: open._id, state: 'returned' }).lean<ReportRow[]>();
    for (const r of returned) expect(r.returned!.reason).toMatch(/再提出|ご確認/);
  });

  it('every submission passes the rules a submission must, and its versions match the report', async () => {
    const today = dateOnly(todayInJapan())!;
    const [rounds, reports, versions, vendors] = await Promise.all([
      StatusRoundModel.find({}).lean<RoundRow[]>(),
      StatusReportModel.find({}).lean<ReportRow[]>(),
      StatusReportVersionModel.find({}).lean<VersionRecord[]>(),
      OrganizationModel.find({ kind: 'vendor' }).lean(),
    ]);
    const roundOf = new Map(rounds.map((r) => [String(r._id), r]));
    const vendorOf = new Map(vendors.map((v) => [String(v._id), v]));
    const versionOf = new Map(versions.map((v) => [v._id, v]));
    let submissions = 0;
    for (const report of reports) {
      const round = roundOf.get(String(report.roundId))!;
      const vendor = vendorOf.get(String(report.organizationId))!;
      const label = `${vendor.nameJa} in ${round.title}`;
      // The areas of a report in a round: its profile's, plus added, minus removed.
      const areas = reportAreas({ roundAreas: round.businessAreas, profileAreas: vendor.businessAreas, ...report });
      for (const area of Object.keys(report.areas)) expect(areas, label).toContain(area);
      expect(
        reportProblems(
          Object.entries(report.areas).map(([area, entry]) => ({ area, entry })),
          { complete: false, today },
        ),
        label,
      ).toEqual([]);
      if (report.state === 'draft' && report.version === 0) {
        expect(report.submitted, label).toBeNull();
        continue;
      }
      const { submitted } = report;
      expect(submitted, label).not.toBeNull();
      expect(submitted!.version, label).toBe(report.version);
      expect(
        submitted!.areas.map((a) => a.area),
        label,
      ).toEqual(areas);
      if (report.state === 'submitted') expect(submitted!.areas, label).toEqual(areas.map((area) => ({ area, entry: report.areas[area] })));
      for (let n = 1; n <= report.version; n++) {
        const version = versionOf.get(`${String(report._id)}:${n}`);
        expect(version, `${label} v${n}`).toBeDefined();
        expect(reportProblems(version!.areas, { complete: true, today }), `${label} v${n}`).toEqual([]);
        expect(version!.at.getTime()).toBeLessThanOrEqual(Date.now());
        submissions++;
      }
      const last = versionOf.get(`${String(report._id)}:${report.version}`)!;
      expect({ areas: last.areas, comment: last.comment, at: last.at }, label).toEqual({
        areas: submitted!.areas,
        comment: submitted!.comment,
        at: submitted!.at,
      });
      expect(reportProblems(submitted!.areas, { complete: true, today }), label).toEqual([]);
      const e = submitted!.areas[0]!.entry;
      expect(e.specVersion).toMatch(/^第\d\.\d版$/);
      expect(e.customers).toBeGreaterThanOrEqual(1);
    }
    expect(versions).toHaveLength(submissions);
    // Some specials by reason, most of them 事由4; some not on track, each explained; phases move on.
    const entries = reports.flatMap((r) => r.submitted?.areas.map((a) => a.entry) ?? []);
    const specials = (k: string) => entries.reduce((s, e) => s + (e.special[k as 'mainframe'] ?? 0), 0);
    expect(specials('vendor-resources')).toBeGreaterThan(specials('mainframe'));
    expect(entries.filter((e) => e.track === 'delayed').length).toBeGreaterThan(0);
    expect(entries.filter((e) => e.track === 'onTrack').length).toBeGreaterThan(entries.length / 2);
  });

  it("leaves the demo vendors' own reports half typed in the open round, after a submission in the closed one", async () => {
    const users = await UserModel.find({
      email: trusted({ $in: ['dev@demo.example', 'dev2@demo.example', 'support@demo.example'] }),
    }).lean();
    expect(users).toHaveLength(3);
    const open = (await StatusRoundModel.findOne({ state: 'open' }).lean())!;
    const closed = (await StatusRoundModel.findOne({ state: 'closed' }).lean())!;
    const today = dateOnly(todayInJapan())!;
    for (const user of users) {
      const draft = (await StatusReportModel.findOne({ roundId: open._id, organizationId: user.organization }).lean<ReportRow>())!;
      expect(draft.state, user.email).toBe('draft');
      expect(draft.updatedBy!.displayName).toBe(user.displayName);
      const typed = Object.entries(draft.areas).map(([area, entry]) => ({ area, entry }));
      expect(typed.length, user.email).toBeGreaterThan(0);
      // Something typed, something still to type.
      expect(reportProblems(typed, { complete: true, today }).length, user.email).toBeGreaterThan(0);
      const before = await StatusReportModel.findOne({ roundId: closed._id, organizationId: user.organization }).lean<ReportRow>();
      expect(before?.state, user.email).toBe('submitted');
    }
  });

  it('plans the same figures every time', () => {
    const vendors = buildSeedVendors(5, 5).map((v) => ({ ...v, id: new Types.ObjectId() }));
    const secretariat = {
      id: new Types.ObjectId(),
      displayName: '事務局',
      organization: { id: new Types.ObjectId(), nameJa: '事務局', nameEn: 'S' },
    };
    const now = new Date('2026-12-05T00:00:00Z');
    // Ids are fresh each time: compared by the order they first appear.
    const canonical = (plan: unknown) => {
      const ids = new Map<string, number>();
      return JSON.stringify(plan).replace(/[0-9a-f]{24}/g, (id) => `#${ids.get(id) ?? ids.set(id, ids.size).get(id)!}`);
    };
    const plan = () => planStatusReports({ vendors, now, secretariat: secretariat as PersonRecord });
    expect(canonical(plan())).toBe(canonical(plan()));
  });
});

describe('demo content', () => {
  it('writes a few threads, issues and meetings through the real services, once, readable by role', async () => {
    const { seedDemoContent } = await import('../server/seed/demoContent');
    expect(await seedDemoContent()).toBe(true);
    expect(await seedDemoContent()).toBe(false);
    const [dev, ministry] = await server.signInAll('dev@demo.example', 'mhlw@demo.example');
    const threads = (await dev.get<{ threads: Array<{ title: string; visibility: string }> }>('/api/threads')).body.threads;
    expect(threads.map((t) => t.visibility).sort()).toEqual(['council', 'vendors']);
    expect((await ministry.get<{ threads: unknown[] }>('/api/threads')).body.threads).toHaveLength(1);
    const issues = (await dev.get<{ issues: Array<{ status: string; leadTimeShort: boolean }>; total: number }>('/api/issues')).body;
    expect(issues.total).toBe(3);
    expect(issues.issues.map((i) => i.status).sort()).toEqual(['answered', 'new', 'reviewing']);
    expect(issues.issues.some((i) => i.leadTimeShort)).toBe(true);
    const meetings = (await dev.get<{ meetings: Array<{ status: string }> }>('/api/meetings')).body.meetings;
    expect(meetings.map((m) => m.status)).toEqual(['scheduled', 'scheduled']);
  });
});
