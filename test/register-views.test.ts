/**
 * 保存したビュー: a person's saved register views (server/issues/savedViews.ts) — their own only, at most 20
 * (a unique insert per slot, so 21 saves at once store exactly 20), the query checked as the register
 * checks it and stored in one spelling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { SavedView, SavedViewList } from '../shared/schemas/savedViews';
import { SavedViewModel } from '../server/issues/savedViews';
import type { ApiClient } from './support/client';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient; // vendor
let dev2: ApiClient; // another vendor
let mhlw: ApiClient; // ministry observer
let secretariat: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  [dev, dev2, mhlw, secretariat] = await server.signInAll(
    'dev@demo.example',
    'dev2@demo.example',
    'mhlw@demo.example',
    'secretariat@demo.example',
  );
});
afterAll(() => server.close());

const idOf = async (client: ApiClient) => (await client.get<{ id: string }>('/api/me')).body.id;
const views = async (client: ApiClient) => (await client.get<SavedViewList>('/api/register-views')).body.views;
const errorOf = (res: { body: unknown }) => (res.body as { error: { field?: string; message: string } }).error;

describe('保存したビュー', () => {
  it('creates, lists, renames, changes and deletes one’s own views; the query is stored in one spelling', async () => {
    const created = await mhlw.post<SavedView>('/api/register-views', {
      name: '  未回答の厚労省  ',
      query: '?ministry=mhlw&status=new,accepted&page=4',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: `${await idOf(mhlw)}:0`, name: '未回答の厚労省' });
    expect(new URLSearchParams(created.body.query).get('status')).toBe('new,accepted');
    expect(new URLSearchParams(created.body.query).has('page')).toBe(false);
    expect(created.body.query).toBe('status=new%2Caccepted&ministry=mhlw');

    const second = (await mhlw.post<SavedView>('/api/register-views', { name: '期限切れ', query: 'overdue=true&sort=-due' })).body;
    expect((await views(mhlw)).map((v) => v.name)).toEqual(['未回答の厚労省', '期限切れ']);

    const renamed = await mhlw.patch<SavedView>(`/api/register-views/${encodeURIComponent(second.id)}`, { name: '期限切れ（全体）' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: second.id, name: '期限切れ（全体）', query: 'overdue=true&sort=-due' });
    const requeried = await mhlw.patch<SavedView>(`/api/register-views/${encodeURIComponent(second.id)}`, { query: 'pageSize=20' });
    expect(requeried.body).toMatchObject({ name: '期限切れ（全体）', query: 'pageSize=20' });

    // Names are unique per person (another person may use the same one).
    expect((await mhlw.post('/api/register-views', { name: '未回答の厚労省', query: '' })).status).toBe(409);
    expect((await dev.post('/api/register-views', { name: '未回答の厚労省', query: '' })).status).toBe(201);

    expect((await mhlw.delete(`/api/register-views/${encodeURIComponent(second.id)}`)).status).toBe(204);
    expect((await mhlw.delete(`/api/register-views/${encodeURIComponent(second.id)}`)).status).toBe(404);
    expect((await views(mhlw)).map((v) => v.name)).toEqual(['未回答の厚労省']);
    // The freed slot is taken again by the next save.
    expect((await mhlw.post<SavedView>('/api/register-views', { name: '次', query: '' })).body.id).toBe(second.id);
  });

  it('another person’s view is not found: not read, renamed or deleted', async () => {
    const mine = (await dev2.post<SavedView>('/api/register-views', { name: '自社の課題', query: 'mine=raised' })).body;
    const path = `/api/register-views/${encodeURIComponent(mine.id)}`;
    for (const other of [dev, secretariat]) {
      expect((await other.patch(path, { name: '乗っ取り' })).status).toBe(404);
      expect((await other.delete(path)).status).toBe(404);
      expect((await views(other)).map((v) => v.id)).not.toContain(mine.id);
    }
    expect((await views(dev2)).find((v) => v.id === mine.id)?.name).toBe('自社の課題');
    expect((await server.client().get('/api/register-views')).status).toBe(401);
  });

  it('bad names and queries are 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: '   ', query: '' }, 'body.name'],
      [{ name: 'x'.repeat(41), query: '' }, 'body.name'],
      [{ name: 'ok', query: 'status=bogus' }, 'body.query.status.0'],
      [{ name: 'ok', query: 'sort=sideways' }, 'body.query.sort'],
      [{ name: 'ok', query: 'assignee=someone' }, 'body.query.assignee'],
      [{ name: 'ok', query: 'colour=red' }, 'body.query.colour'],
      [{ name: 'ok', query: 'q=a&q=b' }, 'body.query.q'],
      [{ name: 'ok', query: 'x'.repeat(2001) }, 'body.query'],
      [{ name: 'ok' }, 'body.query'],
      [{ name: 'ok', query: '', extra: 1 }, 'body.extra'],
    ];
    for (const [body, field] of cases) {
      const res = await dev2.post('/api/register-views', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(errorOf(res).field).toBe(field);
    }
    const one = (await dev2.post<SavedView>('/api/register-views', { name: '検証', query: '' })).body;
    const path = `/api/register-views/${encodeURIComponent(one.id)}`;
    expect(errorOf(await dev2.patch(path, { query: 'open=maybe' })).field).toBe('body.query.open');
    expect((await dev2.patch(path, {})).status).toBe(400);
    expect((await dev2.patch('/api/register-views/not-an-id', { name: 'x' })).status).toBe(400);
    expect((await dev2.patch(`/api/register-views/${await idOf(dev2)}:20`, { name: 'x' })).status).toBe(400);
  });

  it('keeps at most 20: the 21st is 409, and 21 saves at once store exactly 20', async () => {
    const account = await createVendorAccount();
    const userId = await idOf(account);
    const saved = await Promise.all(
      Array.from({ length: 21 }, (_, i) => account.post<SavedView>('/api/register-views', { name: `ビュー${i}`, query: `page=${i + 1}` })),
    );
    const statuses = saved.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 409)).toHaveLength(1);
    expect(new Set(saved.filter((r) => r.status === 201).map((r) => r.body.id)).size).toBe(20);
    // Counted in the collection itself, by owner: not just what the 20 keys can show.
    expect(await SavedViewModel.countDocuments({ userId: new Types.ObjectId(userId) })).toBe(20);
    expect(await views(account)).toHaveLength(20);
    const refused = await account.post('/api/register-views', { name: '21番目', query: '' });
    expect(refused.status).toBe(409);
    expect(errorOf(refused).message).toMatch(/20 saved views/);
  });
});

/** A fresh vendor account (its own 20 slots), signed in. */
async function createVendorAccount(): Promise<ApiClient> {
  const orgId = (await dev.get<{ organization: { id: string } }>('/api/me')).body.organization.id;
  const email = `views-${Date.now()}@demo.example`;
  const made = await secretariat.post<{ temporaryPassword: string }>(`/api/organizations/${orgId}/users`, {
    email,
    displayName: 'ビュー確認',
    role: 'member',
  });
  expect(made.status).toBe(201);
  return server.signIn(email, made.body.temporaryPassword);
}
