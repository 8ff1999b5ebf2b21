/**
 * The register's personal filters (自組織が登録, 自組織が賛同, following) and following an issue, on the
 * real server and database: combined with the other filters, with totals, in the list and the export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue, IssueDetail, IssueFollow, IssueList } from '../shared/schemas/issues';
import type { ApiClient } from './support/client';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient; // development vendor A
let devAdmin: ApiClient; // development vendor A too
let dev2: ApiClient; // development vendor B
let secretariat: ApiClient;
let mhlw: ApiClient; // ministry observer

beforeAll(async () => {
  server = await startTestServer();
  [dev, devAdmin, dev2, secretariat, mhlw] = await server.signInAll(
    'dev@demo.example',
    'dev-admin@demo.example',
    'dev2@demo.example',
    'secretariat@demo.example',
    'mhlw@demo.example',
  );
});
afterAll(() => server.close());

const word = `個人絞込${Date.now()}`;
async function raise(client: ApiClient, title: string): Promise<Issue> {
  const res = await client.post<Issue>('/api/issues', {
    title: `${word} ${title}`,
    description: '記載が曖昧です。',
    businessAreas: ['national-health-insurance'],
    category: 'spec',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
/** The numbers a person's register shows for these filters (always narrowed to this file's issues), and the total. */
async function shown(client: ApiClient, filters: string): Promise<{ numbers: string[]; total: number }> {
  const res = await client.get<IssueList>(`/api/issues?q=${encodeURIComponent(word)}&sort=number&${filters}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { numbers: res.body.issues.map((i) => i.number), total: res.body.total };
}
const follow = (client: ApiClient, id: string, state: string) => client.put<IssueFollow>(`/api/issues/${id}/follow`, { state });

describe('personal register filters', () => {
  let a: Issue; // raised by dev
  let b: Issue; // raised by dev2, commented on by devAdmin
  let c: Issue; // raised by dev2, supported by dev
  beforeAll(async () => {
    a = await raise(dev, 'A');
    b = await raise(dev2, 'B');
    c = await raise(dev2, 'C');
    expect((await dev.put(`/api/issues/${c.id}/support`)).status).toBe(200);
    expect((await devAdmin.post(`/api/issues/${b.id}/comments`, { body: '確認します。' })).status).toBe(201);
  });

  it('自組織が登録 and 自組織が賛同 are the organisation’s, whoever of it asks', async () => {
    for (const client of [dev, devAdmin]) {
      expect(await shown(client, 'mine=raised')).toEqual({ numbers: [a.number], total: 1 });
      expect(await shown(client, 'mine=supported')).toEqual({ numbers: [a.number, c.number], total: 2 });
    }
    expect(await shown(dev2, 'mine=raised')).toEqual({ numbers: [b.number, c.number], total: 2 });
    expect(await shown(dev2, 'mine=supported')).toEqual({ numbers: [b.number, c.number], total: 2 });
    expect(await shown(mhlw, 'mine=raised')).toEqual({ numbers: [], total: 0 });
  });

  it('following is per person: raising, supporting and commenting follow an issue', async () => {
    expect(await shown(dev, 'following=true')).toEqual({ numbers: [a.number, c.number], total: 2 });
    expect(await shown(devAdmin, 'following=true')).toEqual({ numbers: [b.number], total: 1 });
    expect(await shown(devAdmin, 'following=false')).toEqual({ numbers: [a.number, c.number], total: 2 });
    expect((await dev.get<IssueDetail>(`/api/issues/${a.id}`)).body.follow).toBe('following');
    expect((await dev2.get<IssueDetail>(`/api/issues/${a.id}`)).body.follow).toBe('normal');
  });

  it('a person follows or mutes by choice; a mute stays through taking part', async () => {
    expect((await follow(mhlw, a.id, 'following')).body).toEqual({ issueId: a.id, state: 'following' });
    expect(await shown(mhlw, 'following=true')).toEqual({ numbers: [a.number], total: 1 });
    expect((await follow(dev, c.id, 'muted')).status).toBe(200);
    expect((await dev.post(`/api/issues/${c.id}/comments`, { body: '追記です。' })).status).toBe(201);
    expect((await dev.get<IssueDetail>(`/api/issues/${c.id}`)).body.follow).toBe('muted');
    expect(await shown(dev, 'following=true')).toEqual({ numbers: [a.number], total: 1 });
    expect((await follow(dev, c.id, 'following')).status).toBe(200);
    expect(await shown(dev, 'following=true')).toEqual({ numbers: [a.number, c.number], total: 2 });
    expect((await follow(dev, c.id, 'everything')).status).toBe(400);
    expect((await follow(dev, '0123456789abcdef01234567', 'following')).status).toBe(404);
  });

  it('combine with each other, the other filters and paging, with the totals right', async () => {
    expect((await secretariat.post(`/api/issues/${c.id}/transition`, { to: 'accepted' })).status).toBe(200);
    expect(await shown(dev, 'mine=supported&status=accepted')).toEqual({ numbers: [c.number], total: 1 });
    expect(await shown(dev, 'mine=supported&status=new')).toEqual({ numbers: [a.number], total: 1 });
    expect(await shown(dev, 'mine=raised&following=true')).toEqual({ numbers: [a.number], total: 1 });
    expect(await shown(devAdmin, 'mine=supported&following=true')).toEqual({ numbers: [], total: 0 });
    expect(await shown(dev, 'mine=supported&pageSize=1&page=2')).toEqual({ numbers: [c.number], total: 2 });
    expect((await dev.get(`/api/issues?mine=everyone`)).status).toBe(400);
  });

  it('exports the same rows', async () => {
    const { parse } = await import('csv-parse/sync');
    const csv = await dev.download(`/api/issues/export.csv?q=${encodeURIComponent(word)}&sort=number&mine=supported&following=true`);
    expect(csv.status).toBe(200);
    const rows = parse(csv.data.toString('utf8').replace(/^\uFEFF/u, '')) as string[][];
    expect(rows.slice(1).map((r) => r[0])).toEqual([a.number, c.number]);
    // devAdmin's organisation raised A, which devAdmin does not follow.
    const raised = await devAdmin.download(`/api/issues/export.csv?q=${encodeURIComponent(word)}&sort=number&mine=raised&following=false`);
    expect((parse(raised.data.toString('utf8').replace(/^\uFEFF/u, '')) as string[][]).slice(1).map((r) => r[0])).toEqual([a.number]);
  });
});
