/**
 * 事務局メモ, the secretariat's internal notes on an issue: read and written by the secretariat only, and never
 * in anything a vendor or an observer receives — the issue page, the list, the exports, search, live events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue, IssueNote, IssueNotes } from '../shared/schemas/issues';
import type { ApiClient } from './support/client';
import { nextEvent, ok, openSocket } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient; // vendor
let mhlw: ApiClient; // ministry observer
let jlis: ApiClient; // body observer
let secretariat: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  [dev, mhlw, jlis, secretariat] = await server.signInAll(
    'dev@demo.example',
    'mhlw@demo.example',
    'jlis@demo.example',
    'secretariat@demo.example',
  );
});
afterAll(() => server.close());

describe('事務局メモ', () => {
  it('only the secretariat reads and writes them; bad input names the field', async () => {
    const issue = (
      await dev.post<Issue>('/api/issues', {
        title: 'メモ権限',
        description: '内容',
        businessAreas: ['national-pension'],
        category: 'spec',
      })
    ).body;
    const added = await secretariat.post<IssueNote>(`/api/issues/${issue.id}/notes`, { body: '担当から確認中' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ issueId: issue.id, body: '担当から確認中', by: { displayName: expect.any(String) } });
    expect((await secretariat.get<IssueNotes>(`/api/issues/${issue.id}/notes`)).body.notes.map((n) => n.body)).toEqual(['担当から確認中']);
    for (const other of [dev, mhlw, jlis]) {
      expect((await other.get(`/api/issues/${issue.id}/notes`)).status).toBe(403);
      expect((await other.post(`/api/issues/${issue.id}/notes`, { body: '見せて' })).status).toBe(403);
    }
    expect((await secretariat.get<IssueNotes>(`/api/issues/${issue.id}/notes`)).body.notes).toHaveLength(1);
    expect((await secretariat.post(`/api/issues/${issue.id}/notes`, { body: '  ' })).status).toBe(400);
    expect((await secretariat.post(`/api/issues/${issue.id}/notes`, { body: 'x', extra: 1 })).status).toBe(400);
  });

  it('never reach a vendor or an observer: issue page, list, exports, search, live events', async () => {
    const secret = `内部メモ${Date.now()}`;
    const title = `メモ漏洩確認${Date.now()}`;
    const issue = (
      await dev.post<Issue>('/api/issues', { title, description: '内容', businessAreas: ['national-pension'], category: 'spec' })
    ).body;
    const watchers = await Promise.all([dev, mhlw, jlis].map((c) => openSocket(c)));
    const received: string[] = [];
    for (const socket of watchers) {
      socket.onAny((event: string, ...args: unknown[]) => received.push(JSON.stringify([event, args])));
      await ok(socket, 'issue.join', { issueId: issue.id });
    }
    expect((await secretariat.post(`/api/issues/${issue.id}/notes`, { body: secret })).status).toBe(201);
    // Events arrive in order: once each has the comment that follows, it has whatever the note sent.
    const comments = watchers.map((s) => nextEvent<{ body: string }>(s, 'issue.comment', (c) => c.body === `後続 ${title}`));
    expect((await secretariat.post(`/api/issues/${issue.id}/comments`, { body: `後続 ${title}` })).status).toBe(201);
    await Promise.all(comments);
    expect(received.some((r) => r.includes(`後続 ${title}`))).toBe(true);
    expect(received.filter((r) => r.includes(secret))).toEqual([]);
    for (const socket of watchers) socket.close();

    for (const reader of [dev, mhlw, jlis]) {
      const reads = [
        await reader.get(`/api/issues/${issue.id}`),
        await reader.get(`/api/issues?q=${encodeURIComponent(title)}`),
        await reader.get(`/api/issues?q=${encodeURIComponent(secret)}`),
        await reader.get(`/api/search?q=${encodeURIComponent(secret)}`),
      ];
      // What each answers with: the search's results (its `understood` repeats the words searched for).
      const shown = reads.map((res, i) => (i === 3 ? (res.body as { results: unknown[] }).results : res.body));
      for (const [i, res] of reads.entries()) {
        expect(res.status).toBe(200);
        expect(JSON.stringify(shown[i])).not.toContain(secret);
      }
      expect(JSON.stringify(reads[1]!.body)).toContain(title); // the list does show the issue
      const csv = await reader.download(`/api/issues/export.csv?q=${encodeURIComponent(title)}`);
      expect(csv.data.toString('utf8')).toContain(title);
      expect(csv.data.toString('utf8')).not.toContain(secret);
      const xlsx = await reader.download(`/api/issues/export.xlsx?q=${encodeURIComponent(title)}`);
      expect(xlsx.status).toBe(200);
      const ExcelJS = (await import('exceljs')).default;
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.data as unknown as ArrayBuffer);
      const cells: string[] = [];
      workbook.worksheets[0]!.eachRow((row) => cells.push(JSON.stringify(row.values)));
      expect(cells.join('\n')).toContain(title);
      expect(cells.join('\n')).not.toContain(secret);
    }
  });
});

describe('担当者', () => {
  it('the secretariat assigns one of its members; the register filters by assignee=<id>|me|none', async () => {
    const title = `担当確認${Date.now()}`;
    const issue = (
      await dev.post<Issue>('/api/issues', { title, description: '内容', businessAreas: ['national-pension'], category: 'spec' })
    ).body;
    const me = (await secretariat.get<{ id: string }>('/api/me')).body;
    const devId = (await dev.get<{ id: string }>('/api/me')).body.id;
    const numbers = async (client: ApiClient, assignee: string) =>
      (await client.get<{ issues: Issue[]; total: number }>(`/api/issues?q=${encodeURIComponent(title)}&assignee=${assignee}`)).body.total;
    expect(await numbers(secretariat, 'none')).toBe(1);
    expect((await dev.patch(`/api/issues/${issue.id}`, { assignee: me.id })).status).toBe(403);
    expect((await secretariat.patch(`/api/issues/${issue.id}`, { assignee: devId })).status).toBe(400);
    const set = await secretariat.patch<Issue>(`/api/issues/${issue.id}`, { assignee: me.id });
    expect(set.status).toBe(200);
    expect(set.body.assignee?.id).toBe(me.id);
    expect(await numbers(secretariat, 'me')).toBe(1);
    expect(await numbers(secretariat, me.id)).toBe(1);
    expect(await numbers(secretariat, 'none')).toBe(0);
    expect(await numbers(dev, 'me')).toBe(0);
    // The assignee is shown to every reader on the issue, so anyone may filter by it: a vendor finds the same issue.
    expect(await numbers(dev, me.id)).toBe(1);
    expect((await secretariat.patch(`/api/issues/${issue.id}`, { assignee: null })).status).toBe(200);
    expect(await numbers(secretariat, 'none')).toBe(1);
    expect((await secretariat.get(`/api/issues?assignee=someone`)).status).toBe(400);
  });
});
