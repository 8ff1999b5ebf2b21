/**
 * 開発状況報告 on the real server, database and sockets: a round's life cycle, drafts saved by several
 * members at once, submission, return and resubmission with their versions and the previous round's
 * submission, every validation rule naming its field, what each kind of person sees and is refused,
 * who may submit, reminders and the notifications and live events they cause.
 */
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../shared/schemas/audit';
import type { Issue } from '../shared/schemas/issues';
import type { InboxPage } from '../shared/schemas/notifications';
import type { Report, ReportVersions, Reporters, Round, RoundList, StatusReminder } from '../shared/schemas/statusReports';
import { emptyAreaEntry, PROBLEM_MESSAGES, type AreaEntry } from '../shared/statusReports/rules';
import type { ApiClient, CouncilClientSocket } from './support/client';
import { collect, nextEvent, openSocket } from './support/forum';
import type { ErrorBody, Me, User } from './support/json';
import { startTestServer, type TestServer } from './support/server';
import { StatusReportVersionModel } from '../server/statusReports/model';

let server: TestServer;
let secretariat: ApiClient, dev: ApiClient, devAdmin: ApiClient, dev2: ApiClient, support: ApiClient, mhlw: ApiClient, jlis: ApiClient;
let devOrg: string, dev2Org: string, mhlwOrg: string;
let devId: string;
const sockets: CouncilClientSocket[] = [];

/** The development vendor's profile: one area each of 総務省, 法務省 and 厚生労働省. */
const PROFILE = ['resident-register', 'family-register', 'national-health-insurance'] as const;
/** The rounds' areas: the profile's, and two more (文部科学省's school enrolment, 総務省's inhabitant tax). */
const ROUND_AREAS = [...PROFILE, 'school-enrollment', 'individual-inhabitant-tax'];

beforeAll(async () => {
  server = await startTestServer();
  [secretariat, dev, devAdmin, dev2, support, mhlw, jlis] = await server.signInAll(
    'secretariat@demo.example',
    'dev@demo.example',
    'dev-admin@demo.example',
    'dev2@demo.example',
    'support@demo.example',
    'mhlw@demo.example',
    'jlis@demo.example',
  );
  const me = async (c: ApiClient) => (await c.get<Me>('/api/me')).body;
  const [devMe, dev2Me, mhlwMe] = await Promise.all([me(dev), me(dev2), me(mhlw)]);
  devOrg = devMe.organization.id;
  devId = devMe.id;
  dev2Org = dev2Me.organization.id;
  mhlwOrg = mhlwMe.organization.id;
  const profile = await secretariat.patch(`/api/organizations/${devOrg}`, { businessAreas: PROFILE });
  expect(profile.status, JSON.stringify(profile.body)).toBe(200);
}, 60_000);
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.close();
});

const settled = () => server.council.notifier.settled();
const unique = () => randomUUID().slice(0, 8);

type Body = Record<string, unknown>;
async function draftRound(body: Body = {}): Promise<Round> {
  const res = await secretariat.post<Round>('/api/status/rounds', {
    title: `令和8年度 第${unique()}回 開発状況調査`,
    periodStart: '2026-10-01',
    periodEnd: '2026-12-31',
    deadline: '2027-01-29T17:00:00+09:00',
    businessAreas: ROUND_AREAS,
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
async function openRound(body: Body = {}): Promise<Round> {
  const round = await draftRound(body);
  const res = await secretariat.post<Round>(`/api/status/rounds/${round.id}/open`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** An area entry that passes every rule. */
const complete = (overrides: Partial<AreaEntry> = {}): AreaEntry => ({
  ...emptyAreaEntry(),
  phase: 'development',
  specVersion: '第2.1版',
  plannedAvailability: '2026-06-01',
  customers: 40,
  migrated: 10,
  plannedByFyEnd: 20,
  plannedAfter: 10,
  special: { mainframe: 2, 'custom-built': 1, 'vendor-withdrawal': 0, 'vendor-resources': 0 },
  track: 'onTrack',
  ...overrides,
});
const everyAreaComplete = (overrides: Partial<AreaEntry> = {}) => Object.fromEntries(PROFILE.map((a) => [a, complete(overrides)]));

const reportPath = (roundId: string, orgId = devOrg) => `/api/status/rounds/${roundId}/reports/${orgId}`;
const save = (c: ApiClient, roundId: string, body: Body, orgId = devOrg) =>
  c.put<Report & ErrorBody>(`${reportPath(roundId, orgId)}/draft`, body);
const submit = (c: ApiClient, roundId: string, orgId = devOrg) => c.post<Report & ErrorBody>(`${reportPath(roundId, orgId)}/submit`);
const read = (c: ApiClient, roundId: string, orgId = devOrg) => c.get<Report & ErrorBody>(reportPath(roundId, orgId));
const allowToSubmit = async (userIds: string[]) => {
  const res = await devAdmin.put<Reporters>(`/api/organizations/${devOrg}/status-reporters`, { userIds });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
async function inbox(c: ApiClient): Promise<InboxPage> {
  await settled();
  const res = await c.get<InboxPage>('/api/notifications?tab=all&limit=100');
  expect(res.status).toBe(200);
  return res.body;
}
const told = async (c: ApiClient, kind: string, targetId: string) =>
  (await inbox(c)).notifications.filter((n) => n.kind === kind && n.target.id === targetId);
const auditOf = async (targetId: string) =>
  (await secretariat.get<AuditPage>('/api/audit?category=status&limit=200')).body.entries.filter((e) => e.target?.id === targetId);

/** A new member of the development vendor, signed in. */
async function newMember(): Promise<{ client: ApiClient; user: User }> {
  const email = `status-${unique()}@example.jp`;
  const res = await secretariat.post<{ user: User; temporaryPassword: string }>(`/api/organizations/${devOrg}/users`, {
    email,
    displayName: `報告者 ${unique()}`,
    role: 'member',
  });
  expect(res.status).toBe(201);
  return { client: await server.signIn(email, res.body.temporaryPassword), user: res.body.user };
}

describe('a round’s life cycle', () => {
  it('is written by the secretariat as a draft nobody else sees, opened, changed only as its state allows, and closed', async () => {
    for (const c of [dev, devAdmin, mhlw, jlis]) {
      const res = await c.post('/api/status/rounds', {
        title: 't',
        periodStart: '2026-10-01',
        periodEnd: '2026-12-31',
        deadline: '2027-01-29T17:00:00+09:00',
      });
      expect(res.status).toBe(403);
    }
    const earlier = await openRound();
    const round = await draftRound({ note: '各社の状況をご報告ください。' });
    expect(round).toMatchObject({
      state: 'draft',
      openedAt: null,
      closedAt: null,
      previousRound: null,
      note: '各社の状況をご報告ください。',
    });
    expect(round.abilities).toEqual({ edit: true, open: true, close: false, track: true, remind: false, export: false });
    // A draft is the secretariat's: anyone else is told it is not found.
    const listed = async (c: ApiClient, query = '') => (await c.get<RoundList>(`/api/status/rounds${query}`)).body.rounds.map((r) => r.id);
    expect(await listed(secretariat)).toContain(round.id);
    expect(await listed(secretariat, '?state=draft')).toContain(round.id);
    expect(await listed(secretariat, '?state=open')).not.toContain(round.id);
    for (const c of [dev, devAdmin, mhlw, jlis]) {
      expect(await listed(c)).not.toContain(round.id);
      expect((await c.get(`/api/status/rounds/${round.id}`)).status).toBe(404);
    }
    expect((await read(dev, round.id)).status).toBe(404);
    expect((await save(dev, round.id, { comment: 'x' })).status).toBe(404);
    expect((await secretariat.get('/api/status/rounds?state=maybe')).status).toBe(400);

    // A draft changes freely; the period stays in order (400 naming the field).
    const moved = await secretariat.patch<Round>(`/api/status/rounds/${round.id}`, {
      businessAreas: [...ROUND_AREAS, 'light-vehicle-tax'],
    });
    expect(moved.status).toBe(200);
    expect(moved.body.businessAreas).toContain('light-vehicle-tax');
    const inverted = await secretariat.patch<ErrorBody>(`/api/status/rounds/${round.id}`, { periodStart: '2027-02-01' });
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.field).toBe('body.periodStart');
    const invertedBoth = await secretariat.patch<ErrorBody>(`/api/status/rounds/${round.id}`, {
      periodStart: '2027-02-01',
      periodEnd: '2027-01-01',
    });
    expect(invertedBoth.body.error.field).toBe('body.periodEnd');
    expect((await secretariat.patch<ErrorBody>(`/api/status/rounds/${round.id}`, {})).status).toBe(400);
    expect((await dev.patch(`/api/status/rounds/${round.id}`, { title: '変更' })).status).toBe(403);

    // Opened: everyone sees it; it compares with the round opened before it; the expected vendors are counted.
    expect((await dev.post(`/api/status/rounds/${round.id}/open`)).status).toBe(403);
    const opened = await secretariat.post<Round>(`/api/status/rounds/${round.id}/open`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ state: 'open', previousRound: { id: earlier.id, title: earlier.title }, closedAt: null });
    expect(opened.body.openedAt).not.toBeNull();
    expect(opened.body.abilities).toEqual({ edit: true, open: false, close: true, track: true, remind: true, export: true });
    expect((await secretariat.post(`/api/status/rounds/${round.id}/open`)).status).toBe(409);
    const seen = await dev.get<Round>(`/api/status/rounds/${round.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.myReport).toEqual({ state: 'notStarted', version: 0 });
    expect(seen.body.abilities).toEqual({ edit: false, open: false, close: false, track: false, remind: false, export: false });
    expect(seen.body.counts.submitted).toBe(0);
    expect(seen.body.counts.expected).toBeGreaterThan(1);
    expect((await jlis.get<Round>(`/api/status/rounds/${round.id}`)).body.myReport).toBeNull();
    expect(await listed(jlis)).toContain(round.id);

    // Open: its areas and period are what the vendors report against; the deadline and note may move.
    for (const change of [{ businessAreas: ROUND_AREAS }, { periodEnd: '2027-01-31' }]) {
      const res = await secretariat.patch<ErrorBody>(`/api/status/rounds/${round.id}`, change);
      expect(res.status, JSON.stringify(change)).toBe(409);
      expect(res.body.error.field).toBe(`body.${Object.keys(change)[0]}`);
    }
    const later = await secretariat.patch<Round>(`/api/status/rounds/${round.id}`, {
      deadline: '2027-02-05T17:00:00+09:00',
      note: '期限を延長しました。',
    });
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ deadline: '2027-02-05T08:00:00.000Z', note: '期限を延長しました。' });

    // Closed: fixed, still readable; its reports no longer change.
    expect((await dev.post(`/api/status/rounds/${round.id}/close`)).status).toBe(403);
    const closed = await secretariat.post<Round>(`/api/status/rounds/${round.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('closed');
    expect(closed.body.closedAt).not.toBeNull();
    expect((await secretariat.post(`/api/status/rounds/${round.id}/close`)).status).toBe(409);
    expect((await secretariat.patch(`/api/status/rounds/${round.id}`, { note: '締切後' })).status).toBe(409);
    expect((await secretariat.post(`/api/status/rounds/${round.id}/remind`)).status).toBe(409);
    expect((await save(dev, round.id, { comment: '締切後の入力' })).status).toBe(409);
    expect((await dev.get(`/api/status/rounds/${round.id}`)).status).toBe(200);
    expect(await listed(dev, '?state=closed')).toContain(round.id);

    const actions = (await auditOf(round.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['status.roundCreated', 'status.roundChanged', 'status.opened', 'status.closed']));
  });

  it('an unknown round is not found, and a malformed id is refused naming the field', async () => {
    expect((await secretariat.get(`/api/status/rounds/${'f'.repeat(24)}`)).status).toBe(404);
    const bad = await secretariat.get<ErrorBody>('/api/status/rounds/nope');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('params.id');
    const badRound = await secretariat.post<ErrorBody>('/api/status/rounds', {
      title: '検証',
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      deadline: '2027-01-29 17:00',
    });
    expect(badRound.body.error.field).toBe('body.deadline');
  });
});

describe('drafts', () => {
  it('a report never saved is shown empty with the profile’s areas in the round', async () => {
    const round = await openRound();
    const res = await read(dev, round.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: null, state: 'notStarted', version: 0, comment: '', added: [], removed: [], returned: null });
    expect(res.body.areas.map((a) => [a.area, a.source])).toEqual(PROFILE.map((a) => [a, 'profile']));
    for (const a of res.body.areas) expect(a.entry).toEqual(emptyAreaEntry());
    expect(res.body.problems).toContainEqual({ field: 'areas.resident-register.phase', code: 'required' });
    expect(res.body.abilities).toEqual({ edit: true, submit: false, return: false });
  });

  it('members saving different areas at once keep both, and their first saves at once make one report', async () => {
    const round = await openRound();
    const third = await newMember();
    const writers = [dev, devAdmin, third.client];
    const results = await Promise.all(
      writers.map((c, i) => save(c, round.id, { areas: { [PROFILE[i]!]: complete({ customers: 100 + i, migrated: i }) } })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f]{24}$/);
    const after = (await read(devAdmin, round.id)).body;
    expect(after.id).toBe([...ids][0]);
    expect(after.state).toBe('draft');
    expect(after.areas.map((a) => [a.area, a.entry.customers, a.entry.migrated])).toEqual(PROFILE.map((a, i) => [a, 100 + i, i]));
    // The round counts it once, as a draft.
    expect((await dev.get<Round>(`/api/status/rounds/${round.id}`)).body.myReport).toEqual({ state: 'draft', version: 0 });

    // A later save of one area leaves the others as they are; the comment only when given.
    const one = await save(dev, round.id, {
      areas: { 'family-register': complete({ customers: 7, migrated: 0, plannedByFyEnd: 7, plannedAfter: 0 }) },
      comment: '順調です',
    });
    expect(one.status).toBe(200);
    expect(one.body.areas.map((a) => a.entry.customers)).toEqual([100, 7, 102]);
    expect(one.body.comment).toBe('順調です');
    expect(one.body.updatedBy?.id).toBe(devId);
    expect((await save(dev, round.id, { areas: {} })).body.comment).toBe('順調です');
  });

  it('saves nothing of a body with one bad field (400 naming it)', async () => {
    const round = await openRound();
    const res = await save(dev, round.id, {
      areas: { 'resident-register': complete({ customers: 5 }), 'family-register': complete({ customers: -1 }) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('body.areas.family-register.customers');
    const after = (await read(dev, round.id)).body;
    expect(after.id).toBeNull();
    expect(after.areas[0]!.entry.customers).toBeNull();
  });
});

describe('validation names the field', () => {
  it('refuses what is not a whole non-negative number or a real date, and areas the report or the round does not have', async () => {
    const round = await openRound();
    const cases: Array<[Body, string]> = [
      [{ areas: { 'resident-register': complete({ customers: -1 }) } }, 'body.areas.resident-register.customers'],
      [{ areas: { 'resident-register': complete({ migrated: 1.5 }) } }, 'body.areas.resident-register.migrated'],
      [
        { areas: { 'resident-register': { ...complete(), special: { ...complete().special, mainframe: -2 } } } },
        'body.areas.resident-register.special.mainframe',
      ],
      [
        { areas: { 'resident-register': complete({ plannedAvailability: '2026-02-30' }) } },
        'body.areas.resident-register.plannedAvailability',
      ],
      [
        { areas: { 'resident-register': complete({ actualAvailability: '2026-13-01' }) } },
        'body.areas.resident-register.actualAvailability',
      ],
      [{ areas: { 'resident-register': complete({ blockingIssues: ['12'] }) } }, 'body.areas.resident-register.blockingIssues.0'],
      [{ areas: { 'resident-register': { ...complete(), extra: 1 } } }, 'body.areas.resident-register.extra'],
      [{ areas: { 'moon-base': complete() } }, 'body.areas.moon-base'],
      // In the round but not in the report (not in the profile, not added): 400 naming it.
      [{ areas: { 'school-enrollment': complete() } }, 'body.areas.school-enrollment'],
      // Added: it must be one of the round's, and not already the profile's; removed: the profile's.
      [{ added: [{ area: 'light-vehicle-tax', reason: '新たに受託' }] }, 'body.added.0.area'],
      [
        {
          added: [
            { area: 'school-enrollment', reason: 'a' },
            { area: 'resident-register', reason: 'b' },
          ],
        },
        'body.added.1.area',
      ],
      [
        {
          added: [
            { area: 'school-enrollment', reason: 'a' },
            { area: 'school-enrollment', reason: 'b' },
          ],
        },
        'body.added.1.area',
      ],
      [{ added: [{ area: 'school-enrollment', reason: '  ' }] }, 'body.added.0.reason'],
      [{ removed: [{ area: 'school-enrollment', reason: '撤退' }] }, 'body.removed.0.area'],
      // An area removed by this very body is no longer the report's.
      [{ removed: [{ area: 'family-register', reason: '撤退' }], areas: { 'family-register': complete() } }, 'body.areas.family-register'],
      [{}, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await save(dev, round.id, body);
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.field, JSON.stringify(res.body)).toBe(field);
    }
    expect((await read(dev, round.id)).body.id, 'nothing was stored').toBeNull();

    // An area added with its reason becomes the report's; one removed leaves it.
    const changed = await save(dev, round.id, {
      added: [{ area: 'school-enrollment', reason: '今年度から受託' }],
      removed: [{ area: 'family-register', reason: '他社へ移管' }],
      areas: { 'school-enrollment': complete() },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.areas.map((a) => [a.area, a.source])).toEqual([
      ['resident-register', 'profile'],
      ['school-enrollment', 'added'],
      ['national-health-insurance', 'profile'],
    ]);
    expect(changed.body.added).toEqual([{ area: 'school-enrollment', reason: '今年度から受託' }]);
    expect(changed.body.removed).toEqual([{ area: 'family-register', reason: '他社へ移管' }]);
    // The reasons are the draft's: a ministry, which reads only submissions, is not shown them — not even for an
    // area it oversees (national health insurance is 厚生労働省's).
    expect((await save(dev, round.id, { removed: [{ area: 'national-health-insurance', reason: '下書きの理由' }] })).status).toBe(200);
    const ministry = await read(mhlw, round.id);
    expect(ministry.status).toBe(200);
    expect([ministry.body.added, ministry.body.removed]).toEqual([[], []]);
    expect(JSON.stringify(ministry.body)).not.toContain('下書きの理由');
  });

  it('refuses a submission breaking any rule, naming the first problem’s field in English, and changes nothing', async () => {
    const round = await openRound();
    expect((await save(dev, round.id, { areas: everyAreaComplete() })).status).toBe(200);
    const number = (
      await dev.post<Issue>('/api/issues', {
        title: `開発状況報告の阻害要因 ${unique()}`,
        description: '標準仕様の解釈が定まらず開発が止まっています。',
        businessAreas: ['resident-register'],
        category: 'spec',
      })
    ).body.number;
    const area = 'national-health-insurance';
    const cases: Array<[Partial<AreaEntry>, string, keyof typeof PROBLEM_MESSAGES]> = [
      [{ phase: null }, `areas.${area}.phase`, 'required'],
      [{ specVersion: '  ' }, `areas.${area}.specVersion`, 'required'],
      [{ plannedAvailability: null }, `areas.${area}.plannedAvailability`, 'required'],
      [{ customers: null }, `areas.${area}.customers`, 'required'],
      [{ track: null }, `areas.${area}.track`, 'required'],
      [{ migrated: 30, plannedByFyEnd: 10, plannedAfter: 1 }, `areas.${area}.plannedAfter`, 'sumExceedsCustomers'],
      [
        { special: { mainframe: 20, 'custom-built': 20, 'vendor-withdrawal': 1, 'vendor-resources': 0 } },
        `areas.${area}.special`,
        'specialExceedsCustomers',
      ],
      [{ track: 'delayed', explanation: '' }, `areas.${area}.explanation`, 'explanationRequired'],
      [{ track: 'atRisk', explanation: '   ' }, `areas.${area}.explanation`, 'explanationRequired'],
      [{ phase: 'available', actualAvailability: null }, `areas.${area}.actualAvailability`, 'actualRequired'],
      [{ phase: 'available', actualAvailability: '2099-12-31' }, `areas.${area}.actualAvailability`, 'actualInFuture'],
      [{ phase: 'testing', actualAvailability: '2025-04-01' }, `areas.${area}.actualAvailability`, 'actualOnlyWhenAvailable'],
    ];
    for (const [change, field, code] of cases) {
      const saved = await save(dev, round.id, { areas: { [area]: complete(change) } });
      expect(saved.status).toBe(200);
      expect(saved.body.problems[0], 'a draft is saved and told what a submission would refuse').toEqual({ field, code });
      const res = await submit(devAdmin, round.id);
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.field).toBe(field);
      expect(res.body.error.message).toBe(`${field}: ${PROBLEM_MESSAGES[code].en}`);
    }
    // A blocking issue must be in the register.
    expect((await save(dev, round.id, { areas: { [area]: complete({ blockingIssues: [number, '2099-9999'] }) } })).status).toBe(200);
    const unknown = await submit(devAdmin, round.id);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe(`areas.${area}.blockingIssues.1`);
    const after = (await read(dev, round.id)).body;
    expect(after).toMatchObject({ state: 'draft', version: 0, submittedAt: null });

    // Put right, it is submitted, the blocking issue with it.
    const fixed = await save(dev, round.id, {
      areas: { [area]: complete({ track: 'delayed', explanation: '要員不足', blockingIssues: [number] }) },
    });
    expect(fixed.body.problems).toEqual([]);
    const ok = await submit(devAdmin, round.id);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.areas.find((a) => a.area === area)!.entry.blockingIssues).toEqual([number]);
  });

  it('a report with no areas left cannot be submitted', async () => {
    const round = await openRound();
    const removed = await save(dev, round.id, { removed: PROFILE.map((area) => ({ area, reason: '撤退' })) });
    expect(removed.body.areas).toEqual([]);
    expect(removed.body.problems).toEqual([{ field: 'areas', code: 'noAreas' }]);
    const res = await submit(devAdmin, round.id);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('areas');
  });
});

describe('submission, return and versions', () => {
  it('org admins submit; a member only once allowed; the secretariat returns with a reason; every submission is a version', async () => {
    await allowToSubmit([]);
    const first = await openRound();
    const round = await openRound();
    expect(round.previousRound?.id).toBe(first.id);
    expect((await save(dev, round.id, { areas: everyAreaComplete(), comment: '第1版' })).status).toBe(200);

    // A member the org admin has not allowed may not submit (403 with the reason), until allowed.
    expect((await read(dev, round.id)).body.abilities).toEqual({ edit: true, submit: false, return: false });
    const refused = await submit(dev, round.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('admin');
    expect((await dev.get(`/api/organizations/${devOrg}/status-reporters`)).status).toBe(403);
    const allowed = await allowToSubmit([devId]);
    expect(allowed.reporters.map((p) => p.id)).toEqual([devId]);
    expect((await secretariat.get<Reporters>(`/api/organizations/${devOrg}/status-reporters`)).body.reporters.map((p) => p.id)).toEqual([
      devId,
    ]);
    expect((await read(dev, round.id)).body.abilities.submit).toBe(true);

    const v1 = await submit(dev, round.id);
    expect(v1.status, JSON.stringify(v1.body)).toBe(200);
    expect(v1.body).toMatchObject({ state: 'submitted', version: 1, returned: null, submittedBy: { id: devId } });
    expect(v1.body.abilities).toEqual({ edit: true, submit: false, return: false });
    expect((await submit(dev, round.id)).status, 'submitted again only after a change').toBe(409);
    expect((await dev.get<Round>(`/api/status/rounds/${round.id}`)).body.counts.submitted).toBe(1);

    // The secretariat returns it for correction, with the reason; the organisation's members are told.
    expect((await secretariat.get<Report>(reportPath(round.id))).body.abilities).toEqual({ edit: false, submit: false, return: true });
    expect((await devAdmin.post(`${reportPath(round.id)}/return`, { reason: '自分では戻せない' })).status).toBe(403);
    const blank = await secretariat.post<ErrorBody>(`${reportPath(round.id)}/return`, { reason: ' ' });
    expect(blank.body.error.field).toBe('body.reason');
    const returned = await secretariat.post<Report>(`${reportPath(round.id)}/return`, { reason: '国民健康保険の顧客数を確認してください' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ state: 'returned', version: 1, returned: { reason: '国民健康保険の顧客数を確認してください' } });
    expect((await secretariat.post(`${reportPath(round.id)}/return`, { reason: '二度目' })).status).toBe(409);
    const targetId = `${round.id}:${devOrg}`;
    for (const c of [dev, devAdmin]) {
      const [notice] = await told(c, 'status.returned', targetId);
      expect(notice, 'the organisation’s members are told').toBeDefined();
      expect(notice).toMatchObject({
        stream: 'status',
        target: { type: 'statusReport', title: round.title },
        detail: { excerpt: '国民健康保険の顧客数を確認してください' },
      });
    }
    for (const c of [dev2, mhlw]) expect(await told(c, 'status.returned', targetId)).toEqual([]);
    const mail = await server.mail.waitFor(
      (m) => (m.subject ?? '').includes('開発状況報告が差し戻されました') || (m.subject ?? '').includes('差し戻しました'),
    );
    expect(mail.text).toContain(`/status/${round.id}/reports/${devOrg}`);

    // Corrected while returned, it stays returned until submitted again.
    const corrected = await save(dev, round.id, { areas: { 'national-health-insurance': complete({ customers: 41 }) }, comment: '第2版' });
    expect(corrected.body.state).toBe('returned');
    const v2 = await submit(dev, round.id);
    expect(v2.body).toMatchObject({ state: 'submitted', version: 2, returned: null });
    // A change after submitting makes it a draft again.
    const edited = await save(dev, round.id, { comment: '第3版（作成中）' });
    expect(edited.body).toMatchObject({ state: 'draft', version: 2 });

    const versions = await dev.get<ReportVersions>(`${reportPath(round.id)}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body.versions.map((v) => [v.version, v.comment, v.submittedBy.id])).toEqual([
      [2, '第2版', devId],
      [1, '第1版', devId],
    ]);
    const nhi = (v: ReportVersions['versions'][number]) => v.areas.find((a) => a.area === 'national-health-insurance')!.entry.customers;
    expect(versions.body.versions.map(nhi)).toEqual([41, 40]);
    expect(versions.body.versions[0]!.areas.map((a) => a.area)).toEqual([...PROFILE]);
    expect(versions.body.previousRound, 'nothing was submitted in the previous round').toBeNull();

    const audit = (await auditOf(v1.body.id!)).map((e) => [e.action, e.detail.version]);
    expect(audit).toEqual(
      expect.arrayContaining([
        ['status.submitted', 1],
        ['status.returned', 1],
        ['status.submitted', 2],
      ]),
    );

    // The next round shows this round's last submission beside its versions.
    const next = await openRound();
    expect(next.previousRound?.id).toBe(round.id);
    const nextVersions = (await dev.get<ReportVersions>(`${reportPath(next.id)}/versions`)).body;
    expect(nextVersions.versions).toEqual([]);
    expect(nextVersions.previousRound?.round).toEqual({ id: round.id, title: round.title });
    expect(nextVersions.previousRound?.areas.map((a) => [a.area, a.entry.customers])).toEqual([
      ['resident-register', 40],
      ['family-register', 40],
      ['national-health-insurance', 41],
    ]);
    await allowToSubmit([]);
    expect((await read(dev, next.id)).body.abilities.submit).toBe(false);
  });

  it('two submissions at once make one version', async () => {
    const round = await openRound();
    await allowToSubmit([devId]);
    expect((await save(dev, round.id, { areas: everyAreaComplete() })).status).toBe(200);
    const results = await Promise.all([submit(dev, round.id), submit(devAdmin, round.id), submit(dev, round.id)]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const versions = (await dev.get<ReportVersions>(`${reportPath(round.id)}/versions`)).body.versions;
    expect(versions.map((v) => v.version)).toEqual([1]);
    await allowToSubmit([]);
  });

  it('a version whose report never recorded it (a submission stopped between its writes) is taken up, not met forever', async () => {
    const round = await openRound();
    expect((await save(dev, round.id, { areas: everyAreaComplete() })).status).toBe(200);
    const report = (await read(devAdmin, round.id)).body;
    // The first of a submission's two writes, alone: version 1 claimed, the report not told.
    const by = {
      id: new Types.ObjectId(devId),
      displayName: '止まった提出',
      organization: { id: new Types.ObjectId(devOrg), nameJa: '開発', nameEn: 'Dev' },
    };
    const areas = PROFILE.map((area) => ({ area, entry: complete({ risks: '止まった提出の内容' }) }));
    await StatusReportVersionModel.create({
      _id: `${report.id}:1`,
      reportId: report.id!,
      roundId: round.id,
      organizationId: devOrg,
      version: 1,
      at: new Date(),
      by,
      areas,
      comment: '',
    });
    expect((await submit(devAdmin, round.id)).status).toBe(409);
    const taken = (await read(devAdmin, round.id)).body;
    expect([taken.state, taken.version, taken.submittedBy?.displayName]).toEqual(['submitted', 1, '止まった提出']);
    // The organisation goes on: a change, and the next submission is version 2.
    expect((await save(dev, round.id, { comment: '再提出' })).status).toBe(200);
    expect((await submit(devAdmin, round.id)).status).toBe(200);
    const versions = (await devAdmin.get<ReportVersions>(`${reportPath(round.id)}/versions`)).body.versions;
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[1]!.areas[0]!.entry.risks).toBe('止まった提出の内容');
  });

  it('only active members of the organisation may be allowed to submit', async () => {
    const dev2Me = (await dev2.get<Me>('/api/me')).body;
    const leaver = await newMember();
    expect((await secretariat.post(`/api/users/${leaver.user.id}/deactivate`)).status).toBe(200);
    for (const [ids, field] of [
      [[devId, dev2Me.id], 'body.userIds.1'],
      [[leaver.user.id], 'body.userIds.0'],
      [['nope'], 'body.userIds.0'],
      [[devId, devId], 'body.userIds'],
    ] as const) {
      const res = await devAdmin.put<ErrorBody>(`/api/organizations/${devOrg}/status-reporters`, { userIds: ids });
      expect(res.status, field).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect((await dev2.put(`/api/organizations/${devOrg}/status-reporters`, { userIds: [] })).status).toBe(403);
    expect((await dev.put(`/api/organizations/${devOrg}/status-reporters`, { userIds: [devId] })).status).toBe(403);
    expect((await secretariat.get(`/api/organizations/${mhlwOrg}/status-reporters`)).status).toBe(404);
    const bySecretariat = await secretariat.put<Reporters>(`/api/organizations/${devOrg}/status-reporters`, { userIds: [devId] });
    expect(bySecretariat.body.reporters.map((p) => p.id)).toEqual([devId]);
    expect((await auditOf(devOrg)).some((e) => e.action === 'status.reportersChanged')).toBe(true);
    await allowToSubmit([]);
  });
});

describe('who sees what', () => {
  it('a vendor its own report; the secretariat everything; a ministry the areas it oversees without the comment; anyone else nothing', async () => {
    const round = await openRound();
    expect((await save(dev, round.id, { areas: everyAreaComplete(), comment: '事務局への連絡' })).status).toBe(200);
    expect((await submit(devAdmin, round.id)).status).toBe(200);

    const whole = (await secretariat.get<Report>(reportPath(round.id))).body;
    expect(whole.areas.map((a) => a.area)).toEqual([...PROFILE]);
    expect(whole.comment).toBe('事務局への連絡');

    // 厚生労働省 oversees national health insurance only.
    const ministry = await mhlw.get<Report>(reportPath(round.id));
    expect(ministry.status).toBe(200);
    expect(ministry.body.areas.map((a) => a.area)).toEqual(['national-health-insurance']);
    expect(ministry.body.comment).toBeNull();
    expect(ministry.body.abilities).toEqual({ edit: false, submit: false, return: false });
    expect(JSON.stringify(ministry.body)).not.toContain('事務局への連絡');
    const ministryVersions = (await mhlw.get<ReportVersions>(`${reportPath(round.id)}/versions`)).body;
    expect(ministryVersions.versions.map((v) => [v.areas.map((a) => a.area), v.comment])).toEqual([[['national-health-insurance'], null]]);
    expect((await save(mhlw, round.id, { comment: 'x' })).status).toBe(403);
    expect((await submit(mhlw, round.id)).status).toBe(403);
    // What the vendor types after submitting stays its own: the ministry still reads the submission.
    const submitted = ministry.body.areas[0]!.entry;
    expect(
      (await save(dev, round.id, { areas: { 'national-health-insurance': { ...submitted, risks: '下書き中のリスク' } } })).status,
    ).toBe(200);
    const afterDraft = (await mhlw.get<Report>(reportPath(round.id))).body;
    expect(afterDraft.state).toBe('draft');
    expect(afterDraft.areas.map((a) => a.entry)).toEqual([submitted]);
    expect(afterDraft.problems).toEqual([]);
    // Nor who typed it, nor when: its last change is the submission.
    expect([afterDraft.updatedAt, afterDraft.updatedBy?.id]).toEqual([afterDraft.submittedAt, afterDraft.submittedBy?.id]);
    const typed = (await secretariat.get<Report>(reportPath(round.id))).body.areas.find((a) => a.area === 'national-health-insurance');
    expect(typed!.entry.risks).toBe('下書き中のリスク');

    // Another vendor and a body: not found, whatever they try.
    for (const c of [dev2, support, jlis]) {
      expect((await read(c, round.id)).status).toBe(404);
      expect((await c.get(`${reportPath(round.id)}/versions`)).status).toBe(404);
      expect((await save(c, round.id, { comment: 'x' })).status).toBe(404);
      expect((await submit(c, round.id)).status).toBe(404);
      expect((await c.post(`${reportPath(round.id)}/return`, { reason: 'x' })).status).toBe(404);
    }
    // The secretariat reads but does not write a vendor's report.
    expect((await save(secretariat, round.id, { comment: 'x' })).status).toBe(403);
    expect((await submit(secretariat, round.id)).status).toBe(403);
    // Not a vendor, or no organisation at all: not found.
    expect((await read(secretariat, round.id, mhlwOrg)).status).toBe(404);
    expect((await read(secretariat, round.id, 'f'.repeat(24))).status).toBe(404);
    expect((await read(secretariat, round.id, 'nope')).status).toBe(400);
    // The other vendor's own report is its own.
    expect((await read(dev2, round.id, dev2Org)).status).toBe(200);
    expect((await read(dev, round.id, dev2Org)).status).toBe(404);
  });
});

describe('reminders, notifications and live events', () => {
  it('opening notifies the expected vendors; a reminder notifies those that have not submitted, is logged, and not repeated within 10 minutes', async () => {
    const round = await openRound();
    const [opened] = await told(dev, 'status.opened', round.id);
    expect(opened).toMatchObject({
      stream: 'status',
      target: { type: 'statusRound', title: round.title },
      detail: { when: round.deadline },
    });
    expect(await told(jlis, 'status.opened', round.id), 'a body reports nothing').toEqual([]);

    expect((await dev.post(`/api/status/rounds/${round.id}/remind`)).status).toBe(403);
    const counts = (await secretariat.get<Round>(`/api/status/rounds/${round.id}`)).body.counts;
    const reminded = await secretariat.post<StatusReminder>(`/api/status/rounds/${round.id}/remind`);
    expect(reminded.status, JSON.stringify(reminded.body)).toBe(201);
    expect(reminded.body.organizations).toBe(counts.expected - counts.submitted);
    expect(reminded.body.people).toBeGreaterThanOrEqual(2);
    expect(reminded.body.by.displayName).toBe('山田 花子');
    for (const c of [dev, devAdmin]) expect(await told(c, 'status.reminder', round.id)).toHaveLength(1);
    expect(await told(jlis, 'status.reminder', round.id)).toEqual([]);
    const again = await secretariat.post<ErrorBody>(`/api/status/rounds/${round.id}/remind`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('10 minutes');
    expect((await auditOf(round.id)).find((e) => e.action === 'status.reminded')?.detail).toEqual({
      organizations: reminded.body.organizations,
      people: reminded.body.people,
    });
    const draft = await draftRound();
    expect((await secretariat.post(`/api/status/rounds/${draft.id}/remind`)).status).toBe(409);
  });

  it('two reminders asked at once send one; the secretariat’s other pages hear of it', async () => {
    const round = await openRound();
    const desk = await openSocket(secretariat);
    sockets.push(desk);
    const deskHeard = nextEvent<{ roundId: string; organizationId: string | null }>(
      desk,
      'status.changed',
      (p) => p.roundId === round.id && p.organizationId === null,
    );
    const results = await Promise.all([1, 2, 3].map(() => secretariat.post<StatusReminder>(`/api/status/rounds/${round.id}/remind`)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    await deskHeard;
    const log = (await secretariat.get<{ reminders: StatusReminder[] }>(`/api/status/rounds/${round.id}/progress`)).body.reminders;
    expect(log).toHaveLength(1);
    expect(await told(dev, 'status.reminder', round.id)).toHaveLength(1);
  });

  it('a save reaches the organisation’s sockets and the secretariat’s, not another vendor’s', async () => {
    const round = await openRound();
    const [colleague, desk, other] = await Promise.all([openSocket(devAdmin), openSocket(secretariat), openSocket(dev2)]);
    sockets.push(colleague, desk, other);
    type Changed = { roundId: string; organizationId: string | null; state: string };
    const otherHeard = collect<Changed>(other, 'status.changed');
    const heard = nextEvent<Changed>(colleague, 'status.changed', (p) => p.roundId === round.id && p.organizationId === devOrg);
    const deskHeard = nextEvent<Changed>(desk, 'status.changed', (p) => p.roundId === round.id && p.organizationId === devOrg);
    expect((await save(dev, round.id, { comment: '入力中' })).status).toBe(200);
    expect(await heard).toEqual({ roundId: round.id, organizationId: devOrg, state: 'draft' });
    expect(await deskHeard).toEqual({ roundId: round.id, organizationId: devOrg, state: 'draft' });
    // Sentinel: the other vendor's own save arrives after anything sent before it.
    const own = nextEvent<Changed>(other, 'status.changed', (p) => p.organizationId === dev2Org);
    expect((await save(dev2, round.id, { comment: '入力中' }, dev2Org)).status).toBe(200);
    await own;
    expect(otherHeard.filter((p) => p.organizationId === devOrg)).toEqual([]);
    // A round closed reaches everyone.
    const closedHeard = nextEvent<Changed>(other, 'status.changed', (p) => p.roundId === round.id && p.organizationId === null);
    expect((await secretariat.post(`/api/status/rounds/${round.id}/close`)).status).toBe(200);
    expect(await closedHeard).toEqual({ roundId: round.id, organizationId: null, state: 'closed' });
  });
});
