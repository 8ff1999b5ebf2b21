/**
 * Following and muting threads (issue 21, item 11) on the real server: automatic following, a mute
 * that posting and mentions leave alone, the list's tabs (new, unread, following, muted) per person
 * and only over threads the person may read, concurrent choices by different people, bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscription, ThreadDetail, ThreadList, UnreadState } from '../shared/schemas/threads';
import type { SubscriptionState, ThreadListView } from '../shared/threads/rules';
import { mentionToken } from '../shared/threads/mentions';
import type { ApiClient } from './support/client';
import { nextEvent, openSocket, postMessage, startThread } from './support/forum';
import type { Me } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient;
let dev2: ApiClient;
let support: ApiClient;
let ministry: ApiClient;
let jlis: ApiClient;
let secretariat: ApiClient;
const ids = new Map<ApiClient, string>();

beforeAll(async () => {
  server = await startTestServer();
  [dev, dev2, support, ministry, jlis, secretariat] = await server.signInAll(
    'dev@demo.example',
    'dev2@demo.example',
    'support@demo.example',
    'mhlw@demo.example',
    'jlis@demo.example',
    'secretariat@demo.example',
  );
  for (const client of [dev, dev2, support, ministry, jlis, secretariat]) ids.set(client, (await client.get<Me>('/api/me')).body.id);
});
afterAll(async () => {
  await server.close();
});

const idOf = (client: ApiClient) => ids.get(client)!;
const stateIn = async (client: ApiClient, threadId: string) =>
  (await client.get<ThreadDetail>(`/api/threads/${threadId}`)).body.subscription;
const setState = (client: ApiClient, threadId: string, state: SubscriptionState) =>
  client.put<Subscription>(`/api/threads/${threadId}/subscription`, { state });
const listed = async (client: ApiClient, view: ThreadListView) => {
  const res = await client.get<ThreadList>(`/api/threads?view=${view}&limit=100`);
  expect(res.status).toBe(200);
  return res.body.threads;
};
const listedIds = async (client: ApiClient, view: ThreadListView) => (await listed(client, view)).map((t) => t.id);

describe('following a thread', () => {
  it('follows automatically on starting, posting and being mentioned, only where the person may read', async () => {
    const { thread } = await startThread(support, { title: '自動フォローの確認' });
    expect(await stateIn(support, thread.id)).toBe('following');
    expect(await stateIn(dev, thread.id)).toBe('normal');

    await postMessage(dev, thread.id, '参加します');
    expect(await stateIn(dev, thread.id)).toBe('following');

    await postMessage(support, thread.id, `${mentionToken('user', idOf(dev2))} さん、ご意見をお願いします`);
    expect(await stateIn(dev2, thread.id)).toBe('following');
    expect(await listedIds(dev2, 'following')).toContain(thread.id);

    // An observer mentioned in a vendors-only thread is not made to follow what they may not read.
    const vendorsOnly = (await startThread(support, { visibility: 'vendors', title: '事業者限定' })).thread;
    await postMessage(support, vendorsOnly.id, `${mentionToken('user', idOf(ministry))} さん`);
    for (const view of ['all', 'new', 'unread', 'following', 'muted'] as const)
      expect(await listedIds(ministry, view)).not.toContain(vendorsOnly.id);
    expect((await setState(ministry, vendorsOnly.id, 'following')).status).toBe(403);
    expect((await ministry.get(`/api/threads/${vendorsOnly.id}`)).status).toBe(403);
  });

  it('never overrides a mute: posting and mentions leave it muted', async () => {
    const { thread } = await startThread(support, { title: 'ミュートの確認' });
    const muted = await setState(dev2, thread.id, 'muted');
    expect(muted.status).toBe(200);
    expect(muted.body).toEqual({ threadId: thread.id, state: 'muted' });

    await postMessage(dev2, thread.id, 'ミュートしたまま投稿');
    await postMessage(support, thread.id, `${mentionToken('user', idOf(dev2))} さんへ`);
    expect(await stateIn(dev2, thread.id)).toBe('muted');

    // Hidden from every tab but ミュート, and left out of the unread badge.
    for (const view of ['all', 'new', 'unread', 'following'] as const) expect(await listedIds(dev2, view)).not.toContain(thread.id);
    const inMuted = (await listed(dev2, 'muted')).find((t) => t.id === thread.id);
    expect(inMuted).toMatchObject({ subscription: 'muted', unread: 1 });
    const badge = (await dev2.get<UnreadState>('/api/threads/unread')).body.threads.find((t) => t.id === thread.id);
    expect(badge).toMatchObject({ muted: true, lastSeq: 3, readSeq: 2 });

    // Choosing normal again: back in the lists, and the choice stands when posting (as a mute does).
    expect((await setState(dev2, thread.id, 'normal')).status).toBe(200);
    expect(await listedIds(dev2, 'all')).toContain(thread.id);
    await postMessage(dev2, thread.id, 'また参加します');
    expect(await stateIn(dev2, thread.id)).toBe('normal');
  });

  it('lists new and unread per person: new until opened, unread once opened or followed', async () => {
    const fresh = (await startThread(support, { title: '新着の確認' })).thread;
    const summary = (await listed(jlis, 'new')).find((t) => t.id === fresh.id);
    expect(summary).toMatchObject({ isNew: true, subscription: 'normal', readSeq: 0 });
    // Never opened and not followed: new, not unread.
    expect(await listedIds(jlis, 'unread')).not.toContain(fresh.id);
    // The person who started it has read it: not new to them.
    expect(await listedIds(support, 'new')).not.toContain(fresh.id);

    // Opened: no longer new; unread again once someone writes on.
    expect((await jlis.post(`/api/threads/${fresh.id}/read`, { seq: 1 })).status).toBe(200);
    expect(await listedIds(jlis, 'new')).not.toContain(fresh.id);
    expect(await listedIds(jlis, 'unread')).not.toContain(fresh.id);
    await postMessage(support, fresh.id, '続報です');
    const unread = (await listed(jlis, 'unread')).find((t) => t.id === fresh.id);
    expect(unread).toMatchObject({ isNew: false, unread: 1, readSeq: 1 });

    // Followed but never opened: unread (and still new) for that person.
    const followed = (await startThread(support, { title: 'フォローして未読' })).thread;
    expect((await setState(ministry, followed.id, 'following')).status).toBe(200);
    expect(await listedIds(ministry, 'unread')).toContain(followed.id);
    expect(await listedIds(ministry, 'new')).toContain(followed.id);
    expect(await listedIds(jlis, 'unread')).not.toContain(followed.id);

    // Each tab lists only what the person may read.
    const development = (await startThread(dev, { visibility: 'development', title: '開発事業者限定' })).thread;
    await postMessage(dev, development.id, `${mentionToken('user', idOf(support))} さん`);
    for (const view of ['all', 'new', 'unread', 'following', 'muted'] as const) {
      for (const t of await listed(ministry, view)) expect(t.visibility).toBe('council');
    }
    expect(await listedIds(secretariat, 'new')).toContain(development.id);
  });

  it('keeps every choice when many people choose at once', async () => {
    const threads = await Promise.all([1, 2, 3].map((n) => startThread(dev, { title: `同時の選択 ${n}` })));
    const people = [dev, dev2, support, ministry, jlis, secretariat];
    const states: SubscriptionState[] = ['following', 'normal', 'muted'];
    const wanted = people.flatMap((client, i) =>
      threads.map(({ thread }, j) => ({ client, threadId: thread.id, state: states[(i + j) % 3]! })),
    );
    const results = await Promise.all(wanted.map((w) => setState(w.client, w.threadId, w.state)));
    expect(results.map((r) => r.status)).toEqual(wanted.map(() => 200));
    for (const w of wanted) expect(await stateIn(w.client, w.threadId)).toBe(w.state);
    // The same, as each person's list says it.
    for (const client of people) {
      const muted = await listedIds(client, 'muted');
      for (const w of wanted.filter((x) => x.client === client)) expect(muted.includes(w.threadId)).toBe(w.state === 'muted');
    }
  });

  it("tells the person's other tabs of a choice, and no one else", async () => {
    const { thread } = await startThread(support, { title: '別タブへの通知' });
    const [mine, others] = await Promise.all([openSocket(dev), openSocket(dev2)]);
    try {
      const heardByOthers: unknown[] = [];
      others.on('thread.subscription', (s) => heardByOthers.push(s));
      const heard = nextEvent<Subscription>(mine, 'thread.subscription', (s) => s.threadId === thread.id);
      expect((await setState(dev, thread.id, 'muted')).status).toBe(200);
      expect(await heard).toEqual({ threadId: thread.id, state: 'muted' });
      // dev2's own choice reaches dev2's socket after anything of dev's would have (one room per person, in order).
      const own = nextEvent<Subscription>(others, 'thread.subscription', (s) => s.threadId === thread.id);
      expect((await setState(dev2, thread.id, 'following')).status).toBe(200);
      expect(await own).toEqual({ threadId: thread.id, state: 'following' });
      expect(heardByOthers).toEqual([{ threadId: thread.id, state: 'following' }]);
    } finally {
      mine.close();
      others.close();
    }
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const { thread } = await startThread(dev, { title: '入力の確認' });
    const path = `/api/threads/${thread.id}/subscription`;
    for (const body of [{ state: 'watching' }, {}, { state: 1 }]) {
      const res = await dev.put<{ error: { field: string } }>(path, body);
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('body.state');
    }
    const extra = await dev.put<{ error: { field: string } }>(path, { state: 'muted', by: 'someone' });
    expect(extra.status).toBe(400);
    const badView = await dev.get<{ error: { field: string } }>('/api/threads?view=everything');
    expect(badView.status).toBe(400);
    expect(badView.body.error.field).toBe('query.view');
    expect((await dev.put('/api/threads/0123456789abcdef01234567/subscription', { state: 'muted' })).status).toBe(404);
  });
});
