/**
 * 一括操作: the secretariat changes the status or routing of many issues in one request; each issue
 * goes through the single-issue rules (a refusal is that issue's result, the others go on), with its
 * own history and audit record, and the bulk action is on the record once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../shared/schemas/audit';
import type { Issue, IssueBulkResult, IssueDetail } from '../shared/schemas/issues';
import type { ApiClient } from './support/client';
import type { ErrorBody } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient, secretariat: ApiClient, mhlw: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  [dev, secretariat, mhlw] = await server.signInAll('dev@demo.example', 'secretariat@demo.example', 'mhlw@demo.example');
});
afterAll(() => server.close());

async function raise(title = '一括'): Promise<Issue> {
  const res = await dev.post<Issue>('/api/issues', { title, description: '説明', businessAreas: ['national-pension'], category: 'spec' });
  expect(res.status).toBe(201);
  return res.body;
}
const bulk = (body: unknown, client = secretariat) => client.post<IssueBulkResult & ErrorBody>('/api/issues/bulk', body);
const stored = async (id: string) => (await secretariat.get<IssueDetail>(`/api/issues/${id}`)).body.issue;
const auditEntries = async () => (await secretariat.get<AuditPage>('/api/audit?category=issue&limit=200')).body.entries;

describe('who may', () => {
  it('refuses a vendor and a ministry observer, and changes nothing', async () => {
    const issue = await raise();
    for (const client of [dev, mhlw]) {
      const res = await bulk({ ids: [issue.id], change: { kind: 'status', status: 'accepted' } }, client);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await stored(issue.id)).status).toBe('new');
  });
});

describe('bad input', () => {
  const id = '0123456789abcdef01234567';
  const cases: Array<[string, unknown, string]> = [
    ['no issues', { ids: [], change: { kind: 'status', status: 'accepted' } }, 'body.ids'],
    [
      '101 issues',
      { ids: Array.from({ length: 101 }, (_, i) => i.toString(16).padStart(24, '0')), change: { kind: 'status', status: 'accepted' } },
      'body.ids',
    ],
    ['the same issue twice', { ids: [id, id], change: { kind: 'status', status: 'accepted' } }, 'body.ids.1'],
    ['an unknown status', { ids: [id], change: { kind: 'status', status: 'done' } }, 'body.change.status'],
    ['an unknown ministry', { ids: [id], change: { kind: 'route', ministry: 'nowhere' } }, 'body.change.ministry'],
    ['a rejection without a reason', { ids: [id], change: { kind: 'status', status: 'rejected' } }, 'body.change.reason'],
    ['an unknown kind of change', { ids: [id], change: { kind: 'delete' } }, 'body.change.kind'],
  ];
  for (const [what, body, field] of cases) {
    it(`refuses ${what}, naming ${field}`, async () => {
      const res = await bulk(body);
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe(field);
    });
  }
});

describe('status', () => {
  it('moves the issues that may move, reports the one that may not, and records each', async () => {
    // 受付 → 検討中 is a transition; 新規 → 検討中 is not.
    const [a, b, unaccepted] = [await raise('一括 A'), await raise('一括 B'), await raise('一括 新規')];
    for (const issue of [a, b]) expect((await secretariat.post(`/api/issues/${issue.id}/transition`, { to: 'accepted' })).status).toBe(200);
    const missing = '0123456789abcdef01234567';
    const before = (await auditEntries())[0]!.seq;

    const res = await bulk({ ids: [a.id, unaccepted.id, missing, b.id], change: { kind: 'status', status: 'reviewing' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ succeeded: 2, failed: 2 });
    expect(res.body.results.map((r) => [r.id, r.ok])).toEqual([
      [a.id, true],
      [unaccepted.id, false],
      [missing, false],
      [b.id, true],
    ]);
    expect(res.body.results[0]).toMatchObject({ number: a.number, issue: { status: 'reviewing', title: '一括 A' } });
    expect(res.body.results[1]).toMatchObject({ number: unaccepted.number, status: 'new', code: 'conflict' });
    expect(res.body.results[2]).toMatchObject({ code: 'not_found' });

    expect((await stored(a.id)).status).toBe('reviewing');
    expect((await stored(b.id)).status).toBe('reviewing');
    expect((await stored(unaccepted.id)).status).toBe('new');
    // The same history as a single transition.
    const history = (await secretariat.get<IssueDetail>(`/api/issues/${a.id}`)).body.history;
    expect(history.at(-1)).toMatchObject({ type: 'transition', changes: [{ field: 'status', from: 'accepted', to: 'reviewing' }] });

    const entries = (await auditEntries()).filter((e) => e.seq > before);
    const transitioned = entries.filter((e) => e.action === 'issue.transitioned').map((e) => e.target?.id);
    expect(transitioned.sort()).toEqual([a.id, b.id].sort());
    const bulkEntries = entries.filter((e) => e.action === 'issue.bulk');
    expect(bulkEntries).toHaveLength(1);
    expect(bulkEntries[0]!.detail).toEqual({
      change: { kind: 'status', status: 'reviewing' },
      requested: 4,
      succeeded: 2,
      failed: 2,
      ids: [a.id, unaccepted.id, missing, b.id],
    });
  });
});

describe('routing', () => {
  it('sets the ministry on each issue, and null returns each to its derived one', async () => {
    const issues = [await raise('回付 A'), await raise('回付 B')];
    const derived = issues[0]!.ministry;
    const ids = issues.map((i) => i.id);
    const before = Math.max(0, ...(await auditEntries()).map((e) => e.seq));
    const res = await bulk({ ids, change: { kind: 'route', ministry: 'mic' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ succeeded: 2, failed: 0 });
    for (const id of ids) expect(await stored(id)).toMatchObject({ ministry: 'mic', ministryOverridden: true });
    // Each issue's routing is audited on its own, as when it is routed from its page.
    const routed = (await auditEntries()).filter((e) => e.seq > before && e.action === 'issue.routed');
    expect(routed.map((e) => e.target?.id).sort()).toEqual([...ids].sort());
    expect(routed[0]!.detail).toEqual({ changes: [{ field: 'ministry', from: derived, to: 'mic' }] });

    expect((await bulk({ ids, change: { kind: 'route', ministry: null } })).body).toMatchObject({ succeeded: 2 });
    for (const id of ids) expect(await stored(id)).toMatchObject({ ministry: derived, ministryOverridden: false });
  });
});

describe('size', () => {
  it('changes 100 issues in one request, within the request deadline', async () => {
    const issues: Issue[] = [];
    for (let i = 0; i < 100; i++) issues.push(await raise(`百件 ${i}`));
    const started = Date.now();
    const res = await bulk({ ids: issues.map((i) => i.id), change: { kind: 'status', status: 'accepted' } });
    const ms = Date.now() - started;
    console.log(`[issue-bulk] 100 transitions in one request: ${ms} ms`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ succeeded: 100, failed: 0 });
    expect(res.body.results.map((r) => r.id)).toEqual(issues.map((i) => i.id));
    for (const issue of [issues[0]!, issues[99]!]) expect((await stored(issue.id)).status).toBe('accepted');
  }, 120_000);
});
