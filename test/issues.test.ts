/** The issue register (課題管理表) on the real server and database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry, Issue, IssueDetail, IssueList, RegisterStats, SupportResult } from '../shared/schemas/issues';
import { fiscalYearOf } from '../shared/register/rules';
import type { ApiClient } from './support/client';
import { nextEvent, ok, openSocket } from './support/forum';
import type { ErrorBody } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient; // development vendor A, member
let devAdmin: ApiClient; // same organisation as dev
let dev2: ApiClient; // development vendor B
let support: ApiClient; // support vendor
let secretariat: ApiClient;
let mhlw: ApiClient; // ministry observer (厚生労働省)
let jlis: ApiClient; // body observer

beforeAll(async () => {
  server = await startTestServer();
  [dev, devAdmin, dev2, support, secretariat, mhlw, jlis] = await server.signInAll(
    'dev@demo.example',
    'dev-admin@demo.example',
    'dev2@demo.example',
    'support@demo.example',
    'secretariat@demo.example',
    'mhlw@demo.example',
    'jlis@demo.example',
  );
});
afterAll(() => server.close());

let titleSeq = 0;
async function raise(client: ApiClient, overrides: Record<string, unknown> = {}): Promise<Issue> {
  const res = await client.post<Issue>('/api/issues', {
    title: `課題 ${++titleSeq}`,
    description: '標準仕様書の記載が曖昧です。',
    businessAreas: ['national-health-insurance'],
    category: 'spec',
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
const detail = async (client: ApiClient, id: string) => (await client.get<IssueDetail>(`/api/issues/${id}`)).body;
const transition = (client: ApiClient, id: string, body: Record<string, unknown>) =>
  client.post<Issue & ErrorBody>(`/api/issues/${id}/transition`, body);

describe('raising', () => {
  it('numbers by fiscal year, routes to the ministry of its business areas, and records the creation', async () => {
    const issue = await raise(dev, { businessAreas: ['national-health-insurance', 'long-term-care-insurance', 'resident-register'] });
    const fy = fiscalYearOf(new Date());
    expect(issue.number).toMatch(new RegExp(`^${fy}-\\d{4}$`));
    expect(issue).toMatchObject({
      status: 'new',
      ministry: 'mhlw',
      ministryOverridden: false,
      supportCount: 1,
      raisedBy: { displayName: '鈴木 美咲' },
    });
    const d = await detail(dev, issue.id);
    expect(d.history.map((h) => h.type)).toEqual(['created']);
    expect(d.supportedByMe).toBe(true);
    expect((await detail(devAdmin, issue.id)).supportedByMe).toBe(true); // the organisation supports, not the person
  });

  it('gives 50 concurrently raised issues 50 distinct, consecutive numbers', async () => {
    const issues = await Promise.all(Array.from({ length: 50 }, (_, i) => raise([dev, dev2, support][i % 3]!)));
    const seqs = issues.map((i) => Number(i.number.split('-')[1])).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(50);
    expect(seqs[49]! - seqs[0]!).toBe(49);
  });

  it('observers cannot raise; bad input is refused naming the field and stores nothing', async () => {
    const before = (await dev.get<IssueList>('/api/issues?pageSize=1')).body.total;
    expect(
      (await mhlw.post('/api/issues', { title: 't', description: 'd', businessAreas: ['national-pension'], category: 'spec' })).status,
    ).toBe(403);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ businessAreas: ['no-such-area'] }, 'body.businessAreas.0'],
      [{ businessAreas: [] }, 'body.businessAreas'],
      [{ title: '   ' }, 'body.title'],
      [{ category: 'gossip' }, 'body.category'],
      [{ dueDate: '2026-13-45' }, 'body.dueDate'],
      [{ specialReason: 'because' }, 'body.specialReason'],
      [{ title: { $gt: '' } }, 'body.title'],
      [{ status: 'closed' }, 'body.status'],
    ];
    for (const [override, field] of cases) {
      const res = await dev.post<ErrorBody>('/api/issues', {
        title: 't',
        description: 'd',
        businessAreas: ['national-pension'],
        category: 'spec',
        ...override,
      });
      expect(res.status, JSON.stringify(override)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    const huge = await dev.post('/api/issues', {
      title: 't',
      description: 'あ'.repeat(5 * 1024 * 1024),
      businessAreas: ['national-pension'],
      category: 'spec',
    });
    expect(huge.status).toBe(413);
    expect((await dev.get<IssueList>('/api/issues?pageSize=1')).body.total).toBe(before);
  });
});

describe('workflow', () => {
  it('only the secretariat transitions, only along allowed transitions; others get 409 with the allowed list', async () => {
    const issue = await raise(dev);
    for (const client of [dev, devAdmin, support, mhlw, jlis])
      expect((await transition(client, issue.id, { to: 'accepted' })).status).toBe(403);
    const skip = await transition(secretariat, issue.id, { to: 'closed' });
    expect(skip.status).toBe(409);
    expect(skip.body.error.message).toContain('allowed from new: accepted, rejected, duplicate');
    expect((await transition(secretariat, issue.id, { to: 'limbo' })).status).toBe(400);
    expect((await transition(secretariat, issue.id, { to: 'accepted' })).body.status).toBe('accepted');
    expect((await transition(secretariat, issue.id, { to: 'reviewing' })).body.status).toBe('reviewing');
    const noAnswer = await transition(secretariat, issue.id, { to: 'answered' });
    expect(noAnswer.status).toBe(409);
    expect((await transition(secretariat, issue.id, { to: 'rejected' })).body.error.field).toBe('body.reason');
    expect((await transition(secretariat, issue.id, { to: 'rejected', reason: '対象外のため' })).body).toMatchObject({
      status: 'rejected',
      rejectionReason: '対象外のため',
    });
    expect((await transition(secretariat, issue.id, { to: 'reviewing' })).status).toBe(409);
    expect((await transition(secretariat, issue.id, { to: 'accepted' })).body).toMatchObject({ status: 'accepted', rejectionReason: null });
    const history = (await detail(dev, issue.id)).history.filter((h) => h.type === 'transition');
    expect(history.map((h) => [h.changes[0]!.from, h.changes[0]!.to])).toEqual([
      ['new', 'accepted'],
      ['accepted', 'reviewing'],
      ['reviewing', 'rejected'],
      ['rejected', 'accepted'],
    ]);
    expect(history[2]!.note).toBe('対象外のため');
    expect(history.every((h) => h.by.displayName === '山田 花子')).toBe(true);
  });

  it('a ministry answers only issues routed to it; the answer is official and moves the issue to 回答済', async () => {
    const toMhlw = await raise(dev, { businessAreas: ['long-term-care-insurance'] });
    const toMic = await raise(dev, { businessAreas: ['resident-register'] });
    expect(toMic.ministry).toBe('mic');
    expect((await mhlw.post(`/api/issues/${toMic.id}/answers`, { body: '回答' })).status).toBe(403);
    expect((await jlis.post(`/api/issues/${toMhlw.id}/answers`, { body: '回答' })).status).toBe(403);
    expect((await jlis.post(`/api/issues/${toMhlw.id}/comments`, { body: 'コメント' })).status).toBe(403);
    // The routed ministry may ask the raiser a question (issue 21, item 3); another ministry may not.
    expect((await mhlw.post(`/api/issues/${toMic.id}/comments`, { body: 'コメント' })).status).toBe(403);
    expect((await mhlw.post(`/api/issues/${toMhlw.id}/comments`, { body: '確認させてください' })).status).toBe(201);
    expect((await dev.post(`/api/issues/${toMhlw.id}/answers`, { body: '回答' })).status).toBe(403);
    expect((await dev2.post(`/api/issues/${toMhlw.id}/comments`, { body: '当社も同じ状況です' })).status).toBe(201);

    const answer = await mhlw.post<{ id: string; official: boolean; kind: string }>(`/api/issues/${toMhlw.id}/answers`, {
      body: '次期改定で明確化します。',
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ kind: 'answer', official: true });
    const d = await detail(dev, toMhlw.id);
    expect(d.issue).toMatchObject({ status: 'answered', answerCount: 1, commentCount: 2, answeredAt: expect.any(String) });
    expect(d.comments.map((c) => c.kind)).toEqual(['comment', 'comment', 'answer']);
    // The ministry edits its own answer; nobody else does.
    expect((await secretariat.patch(`/api/issue-answers/${answer.body.id}`, { body: '改ざん' })).status).toBe(403);
    expect((await mhlw.patch(`/api/issue-answers/${answer.body.id}`, { body: '次期改定（令和9年）で明確化します。' })).status).toBe(200);
    // Re-routing by the secretariat moves who may answer.
    await secretariat.patch(`/api/issues/${toMic.id}`, { ministry: 'mhlw' });
    expect((await mhlw.post(`/api/issues/${toMic.id}/answers`, { body: '回答' })).status).toBe(201);
  });

  it('support counts once per organisation; a duplicate hands its supporters to the survivor', async () => {
    const survivor = await raise(dev);
    const dup = await raise(dev2);
    const put = (c: ApiClient, id: string) => c.put<SupportResult>(`/api/issues/${id}/support`);
    expect((await put(devAdmin, survivor.id)).body.supportCount).toBe(1); // dev's organisation already supports it
    expect((await put(support, dup.id)).body.supportCount).toBe(2);
    expect((await put(support, dup.id)).body.supportCount).toBe(2);
    expect((await put(dev, dup.id)).body.supportCount).toBe(3);
    expect((await secretariat.put(`/api/issues/${dup.id}/support`)).status).toBe(403);
    expect((await mhlw.put(`/api/issues/${dup.id}/support`)).status).toBe(403);
    expect((await dev2.delete(`/api/issues/${dup.id}/support`)).status).toBe(409); // the raiser's organisation always supports

    expect((await transition(secretariat, dup.id, { to: 'duplicate' })).body.error.field).toBe('body.duplicateOf');
    expect((await transition(secretariat, dup.id, { to: 'duplicate', duplicateOf: dup.id })).status).toBe(400);
    const marked = await transition(secretariat, dup.id, { to: 'duplicate', duplicateOf: survivor.id });
    expect(marked.body).toMatchObject({ status: 'duplicate', duplicateOf: { id: survivor.id, number: survivor.number } });
    const s = await detail(dev, survivor.id);
    // dev's org (raiser), dev2's org and the support vendor: each once.
    expect(s.issue.supportCount).toBe(3);
    expect(s.supporters).toHaveLength(3);
    expect(s.duplicates.map((d) => d.id)).toEqual([dup.id]);
    expect(s.history.some((h) => h.type === 'supportMoved' && h.note?.startsWith(dup.number))).toBe(true);
    expect((await detail(dev, dup.id)).issue.supportCount).toBe(0);
  });

  it('history records each field change with old and new values; the raiser edits only while new', async () => {
    const issue = await raise(dev, { category: 'lawChange', lawEnforcementDate: '2027-04-01', specPublishedDate: '2026-10-01' });
    expect(issue).toMatchObject({ leadTimeShort: true, leadTimeDays: 182 });
    expect((await dev.patch(`/api/issues/${issue.id}`, { priority: 'high' })).status).toBe(403);
    expect((await dev.patch<Issue>(`/api/issues/${issue.id}`, { title: '改題', specPublishedDate: '2026-03-01' })).body).toMatchObject({
      title: '改題',
      leadTimeShort: false,
    });
    expect((await dev2.patch(`/api/issues/${issue.id}`, { title: '他社による改題' })).status).toBe(403);
    await secretariat.patch(`/api/issues/${issue.id}`, { priority: 'high', dueDate: '2026-12-31' });
    await transition(secretariat, issue.id, { to: 'accepted' });
    expect((await dev.patch(`/api/issues/${issue.id}`, { title: '受付後の改題' })).status).toBe(403);
    const changes = (await detail(dev, issue.id)).history
      .filter((h: HistoryEntry) => h.type === 'changed')
      .flatMap((h) => h.changes.map((c) => [c.field, c.from, c.to]));
    expect(changes).toEqual([
      ['title', issue.title, '改題'],
      ['specPublishedDate', '2026-10-01', '2026-03-01'],
      ['priority', null, 'high'],
      ['dueDate', null, '2026-12-31'],
    ]);
  });
});

describe('register views', () => {
  it('filters by status, area, category, ministry, organisation, lead time and text; sorts and pages', async () => {
    const marker = `固有語${Date.now()}`;
    const a = await raise(support, {
      title: `${marker} ガバメントクラウドの費用`,
      businessAreas: ['fixed-asset-tax'],
      category: 'govCloud',
      specialReason: 'mainframe',
    });
    const b = await raise(support, {
      title: `${marker} 制度改正`,
      businessAreas: ['national-pension'],
      category: 'lawChange',
      lawEnforcementDate: '2027-01-01',
    });
    const list = async (q: string) => (await dev.get<IssueList>(`/api/issues?${q}`)).body.issues.map((i) => i.id);
    expect(await list(`q=${encodeURIComponent(marker)}`)).toEqual([b.id, a.id]);
    expect(await list(`q=${encodeURIComponent(marker)}&sort=number`)).toEqual([a.id, b.id]);
    expect(await list(`q=${encodeURIComponent('ｶﾞﾊﾞﾒﾝﾄ　' + marker)}`)).toEqual([a.id]);
    expect(await list(`q=${encodeURIComponent(marker)}&category=govCloud`)).toEqual([a.id]);
    expect(await list(`q=${encodeURIComponent(marker)}&reason=mainframe`)).toEqual([a.id]);
    expect(await list(`q=${encodeURIComponent(marker)}&businessArea=national-pension,resident-register`)).toEqual([b.id]);
    expect(await list(`q=${encodeURIComponent(marker)}&leadTimeShort=true`)).toEqual([b.id]);
    expect(await list(`q=${encodeURIComponent(marker)}&leadTimeShort=false`)).toEqual([a.id]);
    expect(await list(`q=${encodeURIComponent(marker)}&ministry=mic`)).toEqual([a.id]);
    const supportOrg = a.raisedBy.organization.id;
    expect((await list(`organization=${supportOrg}&pageSize=200`)).includes(a.id)).toBe(true);
    expect(await list(`q=${encodeURIComponent(marker)}&status=accepted`)).toEqual([]);
    const paged = (await dev.get<IssueList>('/api/issues?pageSize=5&page=2')).body;
    expect(paged).toMatchObject({ page: 2, pageSize: 5 });
    expect(paged.issues).toHaveLength(5);
    expect((await dev.get('/api/issues?status=limbo')).status).toBe(400);
    expect((await dev.get('/api/issues?sort=random')).status).toBe(400);
  });

  it('exports exactly the filtered rows to .xlsx and .csv, with formulas neutralised', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const { parse } = await import('csv-parse/sync');
    const marker = `輸出${Date.now()}`;
    const evil = await raise(dev, { title: `=HYPERLINK("https://evil.example","${marker}")`, dueDate: '2026-12-24' });
    const plain = await raise(dev2, { title: `${marker} 通常`, businessAreas: ['school-enrollment'] });
    await raise(dev, { title: '対象外の課題' });
    const q = `q=${encodeURIComponent(marker)}&sort=number`;

    const xlsx = await dev.download(`/api/issues/export.xlsx?${q}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.data as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('課題管理表')!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(1).value).toBe('番号');
    expect(sheet.getRow(2).getCell(1).value).toBe(evil.number);
    expect(sheet.getRow(2).getCell(2).value).toBe(`'=HYPERLINK("https://evil.example","${marker}")`);
    expect(sheet.getRow(2).getCell(11).value).toEqual(new Date('2026-12-24T00:00:00.000Z'));
    expect(sheet.getRow(3).getCell(4).value).toBe('就学');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();

    const csv = await dev.download(`/api/issues/export.csv?${q}`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...csv.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(csv.data.toString('utf8').slice(1)) as string[][];
    expect(rows.map((r) => r[0])).toEqual(['番号', evil.number, plain.number]);
    expect(rows[1]![1]).toBe(`'=HYPERLINK("https://evil.example","${marker}")`);
    expect(rows[1]![10]).toBe('2026-12-24');
    expect(rows[2]![2]).toBe('新規');
  });

  it('dashboard figures count open issues by status × area, reason, ministry and the answered-within-due rate', async () => {
    const stats = (await jlis.get<RegisterStats>('/api/issues/stats')).body;
    expect(stats.total).toBeGreaterThan(50);
    expect(stats.open).toBeLessThanOrEqual(stats.total);
    const sum = stats.byStatus.reduce((n, s) => n + s.count, 0);
    expect(sum).toBe(stats.total);
    expect(stats.openByStatusAndArea.find((r) => r.area === 'national-health-insurance' && r.status === 'new')!.count).toBeGreaterThan(0);
    expect(stats.openByMinistry.map((m) => m.key)).toContain('mhlw');
    expect(stats.openByReason.map((m) => m.key)).toContain('mainframe');
    expect(stats.answeredWithinDue.rate === null || (stats.answeredWithinDue.rate >= 0 && stats.answeredWithinDue.rate <= 1)).toBe(true);
  });
});

describe('live register', () => {
  it('new issues, transitions and comments arrive live', async () => {
    const watcher = await openSocket(mhlw);
    const created = nextEvent<Issue>(watcher, 'issue.created', (i) => i.title === 'ライブ課題');
    const issue = await raise(dev, { title: 'ライブ課題' });
    expect((await created).id).toBe(issue.id);
    await ok(watcher, 'issue.join', { issueId: issue.id });
    const updated = nextEvent<Issue>(watcher, 'issue.updated', (i) => i.id === issue.id && i.status === 'accepted');
    const historyEvent = nextEvent<{ entry: HistoryEntry }>(watcher, 'issue.history', (p) => p.entry.type === 'transition');
    await transition(secretariat, issue.id, { to: 'accepted' });
    await updated;
    expect((await historyEvent).entry.changes[0]).toEqual({ field: 'status', from: 'new', to: 'accepted' });
    const comment = nextEvent<{ body: string }>(watcher, 'issue.comment');
    await dev2.post(`/api/issues/${issue.id}/comments`, { body: '弊社も同様です' });
    expect((await comment).body).toBe('弊社も同様です');
    watcher.close();
  });
});
