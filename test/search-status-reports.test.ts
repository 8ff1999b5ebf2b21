/**
 * Development status reports in "search everywhere" (issue 20, kind `statusReport`): a vendor's free text — each
 * area's explanation and risks, the reasons for added and removed areas, the comment to the secretariat — found
 * through GET /api/search by exactly those the report pages show it to: the vendor's own members and the secretariat
 * the draft and the submission; a ministry the last submission's areas it oversees, never the draft nor the comment;
 * another vendor and a body nothing. The report pages (GET …/reports/:orgId) are asserted beside, as the oracle.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizationList } from '../shared/schemas/organizations';
import type { EverythingPage, SearchResult } from '../shared/schemas/search';
import type { Report, Round } from '../shared/schemas/statusReports';
import { emptyAreaEntry, type AreaEntry } from '../shared/statusReports/rules';
import { rebuildSearchIndex } from '../server/search/rebuild';
import { searchIndex } from '../server/search/store';
import { StatusReportModel } from '../server/statusReports/model';
import { createAccount } from './support/authz';
import type { ApiClient } from './support/client';
import type { ErrorBody, Me } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let secretariat: ApiClient, dev: ApiClient, devAdmin: ApiClient, dev2: ApiClient, support: ApiClient, mhlw: ApiClient, jlis: ApiClient;
/** A member of 総務省, which oversees the basic resident register (and not national health insurance). */
let mic: ApiClient;
let devOrg: string, devOrgName: string;

/** The development vendor's profile: 総務省's resident register and 厚生労働省's national health insurance. */
const PROFILE = ['resident-register', 'national-health-insurance'] as const;
/** The rounds' areas: the profile's, and 法務省's family register (which the vendor may add). */
const ROUND_AREAS = [...PROFILE, 'family-register'];

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
  const me = (await dev.get<Me>('/api/me')).body;
  devOrg = me.organization.id;
  devOrgName = me.organization.nameJa;
  const profile = await secretariat.patch(`/api/organizations/${devOrg}`, { businessAreas: PROFILE });
  expect(profile.status, JSON.stringify(profile.body)).toBe(200);
  const organizations = (await secretariat.get<OrganizationList>('/api/organizations')).body.organizations;
  const account = await createAccount(secretariat, organizations.find((o) => o.key === 'mic')!.id);
  mic = await server.signIn(account.email, account.password);
}, 60_000);
afterAll(() => server?.close());

const unique = () => randomUUID().slice(0, 8);
/** A word found nowhere else (Latin, so it is one token and matched whole). */
const word = (what: string) => `${what}${randomUUID().replaceAll('-', '').slice(0, 10)}`;

async function openRound(): Promise<Round> {
  const created = await secretariat.post<Round>('/api/status/rounds', {
    title: `令和8年度 第${unique()}回 開発状況調査`,
    periodStart: '2026-10-01',
    periodEnd: '2026-12-31',
    deadline: '2027-01-29T17:00:00+09:00',
    businessAreas: ROUND_AREAS,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const opened = await secretariat.post<Round>(`/api/status/rounds/${created.body.id}/open`);
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  return opened.body;
}

/** An area entry that passes every rule, with the free text given. */
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

const reportPath = (roundId: string) => `/api/status/rounds/${roundId}/reports/${devOrg}`;
async function save(roundId: string, body: Record<string, unknown>): Promise<Report> {
  const res = await dev.put<Report & ErrorBody>(`${reportPath(roundId)}/draft`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
async function submit(roundId: string): Promise<Report> {
  const res = await devAdmin.post<Report & ErrorBody>(`${reportPath(roundId)}/submit`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
/** The report page's own answer for `client`: the oracle of what it may read. */
const page = (client: ApiClient, roundId: string) => client.get<Report & ErrorBody>(reportPath(roundId));

async function search(client: ApiClient, q: string, filters = ''): Promise<SearchResult[]> {
  const res = await client.get<EverythingPage>(`/api/search?q=${encodeURIComponent(q)}${filters}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results;
}
/** The status reports `client` finds for `q`, by id. */
const found = async (client: ApiClient, q: string, filters = '') =>
  (await search(client, q, filters)).filter((r) => r.kind === 'statusReport').map((r) => r.id);

/** Who of `clients` finds report `id` for `q`, by name: asserts both sides at once. */
async function finders(clients: Record<string, ApiClient>, q: string, id: string): Promise<string[]> {
  const out: string[] = [];
  for (const [name, client] of Object.entries(clients)) if ((await found(client, q)).includes(id)) out.push(name);
  return out;
}
const everyone = () => ({ secretariat, dev, devAdmin, dev2, support, mhlw, mic, jlis });

describe('status reports', () => {
  it("finds a word of a draft's risks for the vendor's members and the secretariat only — not a ministry (a draft), another vendor or a body", async () => {
    const round = await openRound();
    const risk = word('draftrisk');
    const report = await save(round.id, {
      areas: { 'national-health-insurance': complete({ risks: `文字コード移行の遅延リスク ${risk} があります` }) },
    });
    expect(report.id).toBeTruthy();

    expect(await finders(everyone(), risk, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin']);
    // The pages agree: the ministry reads no draft, the others nothing at all.
    expect((await page(mhlw, round.id)).body.areas).toEqual([]);
    for (const c of [dev2, support, jlis]) expect((await page(c, round.id)).status).toBe(404);

    const [result] = (await search(dev, `遅延リスク ${risk}`)).filter((r) => r.kind === 'statusReport');
    expect(result).toMatchObject({
      kind: 'statusReport',
      id: report.id,
      title: devOrgName,
      where: round.title,
      href: `/status/${round.id}/reports/${devOrg}`,
      who: devOrgName,
      number: null,
      status: 'draft',
      snippet: `国民健康保険：文字コード移行の遅延リスク ${risk} があります`,
    });
    expect(result!.snippet.slice(...result!.highlights.find(([s, e]) => result!.snippet.slice(s, e) === risk)!)).toBe(risk);
    // Its organisation's name is its title: a title hit.
    expect((await search(secretariat, `${devOrgName} ${risk}`))[0]).toMatchObject({
      id: report.id,
      titleHighlights: [[0, devOrgName.length]],
    });
    // The filters: its area, its organisation, its state.
    expect(await found(dev, risk, '&area=national-health-insurance')).toEqual([report.id]);
    expect(await found(dev, risk, '&area=resident-register')).toEqual([]);
    expect(await found(dev, risk, `&organization=${devOrg}&status=draft&kinds=statusReport`)).toEqual([report.id]);
    expect(await found(dev, risk, '&status=submitted')).toEqual([]);
  });

  it('once submitted, finds each area for the ministry that oversees it and not for another ministry; the secretariat and vendor both', async () => {
    const round = await openRound();
    const register = word('registerrisk');
    const insurance = word('insurancerisk');
    const report = await save(round.id, {
      areas: {
        'resident-register': complete({ track: 'atRisk', explanation: `改修要員の確保が課題 ${register}` }),
        'national-health-insurance': complete({ risks: `標準仕様書の改定待ち ${insurance}` }),
      },
    });
    expect(await finders(everyone(), insurance, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin']);
    const submitted = await submit(round.id);

    expect(await finders(everyone(), insurance, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin', 'mhlw']);
    expect(await finders(everyone(), register, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin', 'mic']);
    // As the pages show it: each ministry reads its own area of the submission.
    expect((await page(mhlw, round.id)).body.areas.map((a) => a.area)).toEqual(['national-health-insurance']);
    expect((await page(mic, round.id)).body.areas.map((a) => a.area)).toEqual(['resident-register']);
    // A ministry sees the part it may read: the snippet, the areas, the time of the submission.
    const [seen] = await search(mhlw, insurance);
    expect(seen).toMatchObject({
      id: report.id,
      status: 'submitted',
      at: submitted.submittedAt,
      snippet: `国民健康保険：標準仕様書の改定待ち ${insurance}`,
    });
    expect(await found(mhlw, insurance, '&area=national-health-insurance')).toEqual([report.id]);
    // Both words are in the report, but a ministry reads only one of them.
    expect(await finders(everyone(), `${register} ${insurance}`, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin']);
  });

  it('never finds the comment to the secretariat for a ministry, draft or submitted; the secretariat and the vendor find it', async () => {
    const round = await openRound();
    const comment = word('comment');
    const areas = { 'resident-register': complete(), 'national-health-insurance': complete() };
    const report = await save(round.id, { areas, comment: `事務局への連絡：${comment} の件` });
    expect(await finders(everyone(), comment, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin']);
    await submit(round.id);
    expect(await finders(everyone(), comment, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin']);
    expect((await page(mhlw, round.id)).body.comment).toBeNull();
    // The ministry finds the report by its organisation's name, the text it sees holding no comment.
    const [seen] = (await search(mhlw, devOrgName, '&kinds=statusReport&limit=50')).filter((r) => r.id === report.id);
    expect(seen).toMatchObject({ id: report.id, snippet: '' });
  });

  it('follows the draft: an edit is found by its new words only; typed after a submission, the ministry finds the submission until the next one', async () => {
    const round = await openRound();
    const before = word('before');
    const after = word('after');
    const typedLater = word('later');
    const entry = complete({ risks: `外字の同定 ${before}` });
    const report = await save(round.id, { areas: { 'resident-register': complete(), 'national-health-insurance': entry } });
    expect(await finders(everyone(), before, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin']);

    // Edited before any submission: the old words are gone.
    await save(round.id, { areas: { 'national-health-insurance': { ...entry, risks: `外字の同定 ${after}` } } });
    expect(await finders(everyone(), before, report.id!)).toEqual([]);
    expect(await finders(everyone(), after, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin']);

    await submit(round.id);
    expect(await finders(everyone(), after, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin', 'mhlw']);

    // Typed after the submission: the vendor's draft, not yet the ministry's.
    await save(round.id, { areas: { 'national-health-insurance': { ...entry, risks: `外字の同定 ${typedLater}` } } });
    expect((await page(mhlw, round.id)).body.areas[0]!.entry.risks).toBe(`外字の同定 ${after}`);
    expect(await finders(everyone(), typedLater, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin']);
    // The submission still holds the words the draft no longer has: its readers find them (the versions show them).
    expect(await finders(everyone(), after, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin', 'mhlw']);
    const [seen] = await search(mhlw, after);
    expect(seen).toMatchObject({ id: report.id, status: 'draft', snippet: `国民健康保険：外字の同定 ${after}` });

    // Submitted again: the ministry reads the new text, and no longer the old.
    await submit(round.id);
    expect(await finders(everyone(), typedLater, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin', 'mhlw']);
    expect(await finders(everyone(), after, report.id!)).toEqual([]);
  });

  it("finds the reasons for added and removed areas; a removed area's text leaves with it, as the report page drops it", async () => {
    const round = await openRound();
    const removedText = word('removedarea');
    const addReason = word('addreason');
    const removeReason = word('removereason');
    const report = await save(round.id, {
      areas: { 'resident-register': complete({ risks: `住基の移行 ${removedText}` }), 'national-health-insurance': complete() },
    });
    expect(await finders(everyone(), removedText, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin']);

    await save(round.id, {
      added: [{ area: 'family-register', reason: `戸籍システムも提供している ${addReason}` }],
      removed: [{ area: 'resident-register', reason: `住基は他社へ移管 ${removeReason}` }],
    });
    const shown = (await page(dev, round.id)).body;
    expect(shown.areas.map((a) => a.area)).toEqual(['family-register', 'national-health-insurance']);
    expect(await finders(everyone(), removedText, report.id!)).toEqual([]);
    expect(await finders(everyone(), addReason, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin']);
    expect(await finders(everyone(), removeReason, report.id!)).toEqual(['secretariat', 'dev', 'devAdmin']);
    const [seen] = await search(secretariat, addReason);
    expect(seen!.snippet).toContain(`戸籍：戸籍システムも提供している ${addReason}`);
    expect(seen!.snippet).not.toContain(removedText);
    expect(await found(secretariat, addReason, '&area=family-register')).toEqual([report.id]);
  });

  it('finds a returned report by its state, and nothing of a report in a round the reader may not see', async () => {
    const round = await openRound();
    const risk = word('returned');
    const report = await save(round.id, {
      areas: { 'resident-register': complete(), 'national-health-insurance': complete({ risks: `帳票レイアウト ${risk}` }) },
    });
    await submit(round.id);
    const returned = await secretariat.post<Report>(`${reportPath(round.id)}/return`, { reason: '移行予定の数字を確認してください' });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(await found(dev, risk, '&status=returned')).toEqual([report.id]);
    expect(await found(mhlw, risk, '&status=returned')).toEqual([report.id]);
    expect(await found(dev, risk, '&status=submitted')).toEqual([]);

    // A report stored in a round still a draft (the secretariat's alone): the secretariat only.
    const draftRound = await secretariat.post<Round>('/api/status/rounds', {
      title: `下書きの調査 ${unique()}`,
      periodStart: '2026-10-01',
      periodEnd: '2026-12-31',
      deadline: '2027-01-29T17:00:00+09:00',
      businessAreas: ROUND_AREAS,
    });
    expect(draftRound.status).toBe(201);
    const hidden = word('hiddenround');
    const stored = await StatusReportModel.create({
      roundId: draftRound.body.id,
      organizationId: devOrg,
      comment: `下書き回の報告 ${hidden}`,
    });
    expect(await finders(everyone(), hidden, String(stored._id))).toEqual(['secretariat']);
    expect((await page(dev, draftRound.body.id)).status).toBe(404);
  });

  it('gives the same answers after the index is rebuilt from the stored reports', async () => {
    const round = await openRound();
    const submittedWord = word('rebuilt');
    const draftWord = word('rebuiltdraft');
    const entry = complete({ risks: `移行計画 ${submittedWord}` });
    const report = await save(round.id, { areas: { 'resident-register': complete(), 'national-health-insurance': entry } });
    await submit(round.id);
    await save(round.id, { areas: { 'national-health-insurance': { ...entry, risks: `移行計画 ${draftWord}` } } });
    const answers = async () => [await finders(everyone(), submittedWord, report.id!), await finders(everyone(), draftWord, report.id!)];
    const expected = [
      ['secretariat', 'dev', 'devAdmin', 'mhlw'],
      ['secretariat', 'dev', 'devAdmin'],
    ];
    expect(await answers()).toEqual(expected);
    await rebuildSearchIndex();
    expect(await answers()).toEqual(expected);
  });

  it('an autosave that changes only a number writes nothing to the index; a changed text replaces the entry', async () => {
    const round = await openRound();
    const risk = word('autosave');
    const draft = (customers: number, risks: string) => ({ areas: { 'national-health-insurance': complete({ customers, risks }) } });
    const report = await save(round.id, draft(40, `自動保存 ${risk}`));
    // (Background merges fold pending items into segments; only a full compaction, past 5,000, folds tombstones.)
    const { tombstones } = await searchIndex.stats();
    for (const customers of [41, 42, 43]) await save(round.id, draft(customers, `自動保存 ${risk}`));
    expect((await searchIndex.stats()).tombstones).toBe(tombstones);
    expect(await found(dev, risk)).toEqual([report.id]);
    await save(round.id, draft(43, `自動保存 ${risk} 追記`));
    expect((await searchIndex.stats()).tombstones).toBe(tombstones + 1);
    expect(await found(dev, `${risk} 追記`)).toEqual([report.id]);
  });
});
