/**
 * Issue 16, findings 4, 8 and 12 on the real server: an issue's history never shows a reader the
 * title of a thread they may not read (REST and live alike); only a link's maker, their
 * organisation's admin or the secretariat removes it; and changing circulated minutes resets the
 * confirmations given to the earlier text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../shared/schemas/audit';
import type { HistoryEntry, Issue, IssueDetail } from '../shared/schemas/issues';
import type { Meeting } from '../shared/schemas/meetings';
import type { ApiClient, CouncilClientSocket } from './support/client';
import { nextEvent, ok, openSocket, startThread } from './support/forum';
import type { Me } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let secretariat: ApiClient, devAdmin: ApiClient, dev: ApiClient, dev2: ApiClient, support: ApiClient, mhlw: ApiClient, jlis: ApiClient;
const sockets: CouncilClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
  [secretariat, devAdmin, dev, dev2, support, mhlw, jlis] = await server.signInAll(
    'secretariat@demo.example',
    'dev-admin@demo.example',
    'dev@demo.example',
    'dev2@demo.example',
    'support@demo.example',
    'mhlw@demo.example',
    'jlis@demo.example',
  );
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server.close();
});
const open = async (c: ApiClient) => {
  const s = await openSocket(c);
  sockets.push(s);
  return s;
};

let issueSeq = 0;
async function raise(by: ApiClient): Promise<Issue> {
  const res = await by.post<Issue>('/api/issues', {
    title: `リンク試験 ${++issueSeq}`,
    description: '説明',
    businessAreas: ['national-pension'],
    category: 'spec',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
const historyOf = async (c: ApiClient, issueId: string) => (await c.get<IssueDetail>(`/api/issues/${issueId}`)).body.history;
const linkEntries = (history: HistoryEntry[]) => history.filter((h) => h.type === 'link' || h.type === 'unlink');

describe('finding 4: history names a linked thread only to those who may read it', () => {
  it.each([
    ['development', '開発事業者限定の秘密スレッド', ['support', 'mhlw', 'jlis']],
    ['vendors', '事業者限定の秘密スレッド', ['mhlw', 'jlis']],
  ] as const)(
    'a %s-only thread linked and unlinked: its title reaches only its readers, in REST and live',
    async (visibility, title, blind) => {
      const issue = await raise(dev);
      const { thread } = await startThread(dev, { title, visibility });
      const readers = { dev, secretariat, dev2 } as Record<string, ApiClient>;
      const others = { support, mhlw, jlis } as Record<string, ApiClient>;
      const watching = async (c: ApiClient) => {
        const s = await open(c);
        await ok(s, 'issue.join', { issueId: issue.id });
        return s;
      };
      const liveReader = await watching(dev2);
      const liveBlind = await Promise.all(blind.map((k) => watching(others[k]!)));
      const heard = (s: CouncilClientSocket, type: string) =>
        nextEvent<{ issueId: string; entry: HistoryEntry }>(s, 'issue.history', (e) => e.issueId === issue.id && e.entry.type === type);

      const linkHeard = [heard(liveReader, 'link'), ...liveBlind.map((s) => heard(s, 'link'))];
      expect((await dev.post(`/api/issues/${issue.id}/links`, { kind: 'thread', id: thread.id })).status).toBe(200);
      const [toReader, ...toBlind] = await Promise.all(linkHeard);
      expect(JSON.stringify(toReader!.entry)).toContain(title);
      for (const event of toBlind) expect(JSON.stringify(event.entry)).not.toContain(title);
      for (const event of toBlind) expect(JSON.stringify(event.entry)).not.toContain(thread.id);

      const unlinkHeard = [heard(liveReader, 'unlink'), ...liveBlind.map((s) => heard(s, 'unlink'))];
      expect((await dev.delete(`/api/issues/${issue.id}/links/thread/${thread.id}`)).status).toBe(200);
      const [unlinkToReader, ...unlinkToBlind] = await Promise.all(unlinkHeard);
      expect(JSON.stringify(unlinkToReader!.entry)).toContain(title);
      for (const event of unlinkToBlind) expect(JSON.stringify(event.entry)).not.toContain(title);

      for (const [key, client] of Object.entries(readers)) {
        const entries = linkEntries(await historyOf(client, issue.id));
        expect(
          entries.map((e) => e.type),
          key,
        ).toEqual(['link', 'unlink']);
        expect(entries[0]!.changes[0]).toMatchObject({ field: 'thread', from: null, to: { id: thread.id, title } });
        expect(entries[1]!.changes[0]).toMatchObject({ field: 'thread', from: { id: thread.id, title }, to: null });
      }
      for (const key of blind) {
        const entries = linkEntries(await historyOf(others[key]!, issue.id));
        expect(
          entries.map((e) => e.type),
          key,
        ).toEqual(['link', 'unlink']);
        expect(JSON.stringify(entries), key).not.toContain(title);
        expect(JSON.stringify(entries), key).not.toContain(thread.id);
        expect(entries[0]!.changes[0]).toMatchObject({ field: 'thread', from: null, to: { hidden: true } });
      }
    },
  );

  it('a council thread is named to everyone', async () => {
    const issue = await raise(dev);
    const { thread } = await startThread(dev, { title: '全員が読めるスレッド', visibility: 'council' });
    expect((await dev.post(`/api/issues/${issue.id}/links`, { kind: 'thread', id: thread.id })).status).toBe(200);
    for (const client of [jlis, mhlw, support]) {
      expect(linkEntries(await historyOf(client, issue.id))[0]!.changes[0]).toMatchObject({
        to: { id: thread.id, title: '全員が読めるスレッド' },
      });
    }
  });
});

describe('finding 8: a link is removed by its maker, their organisation’s admin or the secretariat', () => {
  const linked = async () => {
    const issue = await raise(dev);
    const { thread } = await startThread(dev, { title: 'リンク削除の試験', visibility: 'council' });
    expect((await dev.post(`/api/issues/${issue.id}/links`, { kind: 'thread', id: thread.id })).status).toBe(200);
    return { issue, path: `/api/issues/${issue.id}/links/thread/${thread.id}` };
  };
  const linkCount = async (issueId: string) => (await secretariat.get<IssueDetail>(`/api/issues/${issueId}`)).body.links.length;

  it('another organisation’s vendor is refused and the link stays', async () => {
    const { issue, path } = await linked();
    for (const other of [dev2, support]) {
      const res = await other.delete<{ error: { code: string } }>(path);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await linkCount(issue.id)).toBe(1);
    expect(linkEntries(await historyOf(secretariat, issue.id)).map((e) => e.type)).toEqual(['link']);
  });

  it.each([
    ['its maker', () => dev],
    ['the maker’s organisation admin', () => devAdmin],
    ['the secretariat', () => secretariat],
  ])('%s removes it', async (_who, remover) => {
    const { issue, path } = await linked();
    expect((await remover().delete(path)).status).toBe(200);
    expect(await linkCount(issue.id)).toBe(0);
  });
});

describe('finding 12: changing circulated minutes resets the confirmations, and the record shows it', () => {
  const orgOf = async (c: ApiClient) => (await c.get<Me>('/api/me')).body.organization.id;

  it('the same text saved again keeps them; a changed text resets them, asks again and is on the audit record', async () => {
    const orgIds = await Promise.all([dev, dev2].map(orgOf));
    const startsAt = new Date(Date.now() + 86_400_000);
    const created = await secretariat.post<Meeting>('/api/meetings', {
      kind: 'plenary',
      title: '第9回 全体会議（議事録改訂）',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      agenda: orgIds.map((id, i) => ({ title: `議題${i + 1}`, minutes: 10, presenterOrganizationId: id })),
    });
    expect(created.status).toBe(201);
    const m = created.body;
    for (const to of ['scheduled', 'live', 'ended'])
      expect((await secretariat.post(`/api/meetings/${m.id}/status`, { to })).status).toBe(200);
    const items = m.agenda.map((a) => ({ agendaItemId: a.id, summary: `${a.title}について議論した。`, decisions: [], actionItems: [] }));
    expect((await secretariat.put(`/api/meetings/${m.id}/minutes`, { items })).status).toBe(200);
    expect((await secretariat.post(`/api/meetings/${m.id}/minutes/circulate`)).status).toBe(200);
    for (const p of [dev, dev2]) expect((await p.post(`/api/meetings/${m.id}/minutes/confirm`, {})).status).toBe(200);

    // Saved again unchanged: nothing to confirm anew.
    const same = await secretariat.put<Meeting>(`/api/meetings/${m.id}/minutes`, { items });
    expect(same.status).toBe(200);
    expect(same.body.minutes!.confirmations).toHaveLength(2);
    expect(same.body.minutes!.revisedAt).toBeNull();

    // Changed: the presenters are asked again, and nobody stands confirmed against text they never saw.
    const presenterSocket = await open(dev);
    const askedAgain = nextEvent<{ meetingId: string }>(presenterSocket, 'meeting.minutesCirculated', (e) => e.meetingId === m.id);
    const changed = items.map((i) => ({ ...i, summary: `${i.summary}（決定内容を修正）` }));
    const revised = await secretariat.put<Meeting>(`/api/meetings/${m.id}/minutes`, { items: changed });
    expect(revised.status).toBe(200);
    expect(revised.body.minutes!.confirmations).toEqual([]);
    expect(revised.body.minutes!.awaiting.map((o) => o.id).sort()).toEqual([...orgIds].sort());
    expect(revised.body.minutes!.revisedAt).toEqual(expect.any(String));
    await askedAgain;
    const seen = (await dev.get<Meeting>(`/api/meetings/${m.id}`)).body.minutes!;
    expect(seen.confirmations).toEqual([]);
    expect(seen.items[0]!.summary).toContain('決定内容を修正');
    const audit = (await secretariat.get<AuditPage>('/api/audit?category=minutes')).body;
    expect(audit.entries.find((e) => e.target?.id === m.id)).toMatchObject({
      action: 'minutes.revised',
      detail: { confirmationsReset: 2 },
    });

    // Confirming the new text counts again.
    expect((await dev.post(`/api/meetings/${m.id}/minutes/confirm`, {})).status).toBe(200);
    expect((await secretariat.get<Meeting>(`/api/meetings/${m.id}`)).body.minutes!.confirmations).toHaveLength(1);
  });
});
