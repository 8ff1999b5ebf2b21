/** Thread and message features over REST and sockets: lists, replies, reactions, edits, moderation, read state. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, MessagePage, ModerationAction, Thread, ThreadDetail, ThreadList } from '../shared/schemas/threads';
import { mentionToken } from '../shared/threads/mentions';
import type { ApiClient, CouncilClientSocket } from './support/client';
import { ack, collect, newClientId, nextEvent, ok, openSocket, postMessage, startThread } from './support/forum';
import type { Me } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient;
let dev2: ApiClient;
let support: ApiClient;
let ministry: ApiClient;
let secretariat: ApiClient;
const sockets: CouncilClientSocket[] = [];
const open = async (client: ApiClient) => {
  const socket = await openSocket(client);
  sockets.push(socket);
  return socket;
};
const post = postMessage;

beforeAll(async () => {
  server = await startTestServer();
  [dev, dev2, support, ministry, secretariat] = await server.signInAll(
    'dev@demo.example',
    'dev2@demo.example',
    'support@demo.example',
    'mhlw@demo.example',
    'secretariat@demo.example',
  );
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server.close();
});

describe('thread list', () => {
  it('filters by visibility, business area, resolved, "I took part" and unread, and pages with a cursor', async () => {
    const tagged = (await startThread(support, { title: '児童手当の標準仕様', businessAreas: ['child-allowance'] })).thread;
    const vendorsOnly = (await startThread(support, { visibility: 'vendors' })).thread;
    await post(dev, tagged.id, '参加します');

    const byArea = (await dev.get<ThreadList>('/api/threads?businessArea=child-allowance')).body.threads;
    expect(byArea.map((t) => t.id)).toEqual([tagged.id]);
    const vendorsList = (await dev.get<ThreadList>('/api/threads?visibility=vendors')).body.threads;
    expect(vendorsList.every((t) => t.visibility === 'vendors')).toBe(true);
    expect(vendorsList.map((t) => t.id)).toContain(vendorsOnly.id);
    // An observer asking for vendors-only threads gets none, not an error that reveals they exist.
    expect((await ministry.get<ThreadList>('/api/threads?visibility=vendors')).body.threads).toEqual([]);

    const mine = (await dev.get<ThreadList>('/api/threads?mine=true&limit=100')).body.threads;
    expect(mine.map((t) => t.id)).toContain(tagged.id);
    expect(mine.map((t) => t.id)).not.toContain(vendorsOnly.id);
    expect(mine.every((t) => t.tookPart)).toBe(true);

    expect((await support.patch(`/api/threads/${tagged.id}`, { resolved: true })).status).toBe(200);
    const resolved = (await dev.get<ThreadList>('/api/threads?resolved=true')).body.threads;
    expect(resolved.map((t) => t.id)).toEqual([tagged.id]);
    expect((await dev.get<ThreadList>('/api/threads?resolved=false&limit=100')).body.threads.map((t) => t.id)).not.toContain(tagged.id);

    // Unread: dev posted last in `tagged` (posting reads), has never opened `vendorsOnly`.
    const unread = (await dev.get<ThreadList>('/api/threads?unread=true&limit=100')).body.threads;
    expect(unread.map((t) => t.id)).toContain(vendorsOnly.id);
    expect(unread.map((t) => t.id)).not.toContain(tagged.id);
    expect(unread.find((t) => t.id === vendorsOnly.id)).toMatchObject({ unread: 1, readSeq: 0 });

    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ThreadList = (await dev.get<ThreadList>(`/api/threads?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
      all.push(...page.threads.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    const whole = (await dev.get<ThreadList>('/api/threads?limit=100')).body.threads.map((t) => t.id);
    expect(all).toEqual(whole);
    expect(new Set(all).size).toBe(all.length);
    expect((await dev.get('/api/threads?cursor=not-a-cursor')).status).toBe(400);
    expect((await dev.get('/api/threads?limit=1000')).status).toBe(400);
  });

  it('pins (secretariat only, recorded) sort first; locking stops posts except the secretariat', async () => {
    const { thread } = await startThread(dev);
    expect((await dev.patch(`/api/threads/${thread.id}`, { pinned: true })).status).toBe(403);
    expect((await secretariat.patch(`/api/threads/${thread.id}`, { pinned: true, reason: '重要なお知らせ' })).status).toBe(200);
    const first = (await dev.get<ThreadList>('/api/threads')).body.threads[0]!;
    expect(first).toMatchObject({ id: thread.id, pinned: true });

    const beforeLock = await post(dev, thread.id, 'ロック前の投稿');
    expect((await secretariat.patch(`/api/threads/${thread.id}`, { locked: true, reason: '議論終了' })).status).toBe(200);
    // Locked means frozen: no edits or deletions either (the client hides those buttons too).
    expect((await dev.patch(`/api/messages/${beforeLock.id}`, { body: '変更' })).status).toBe(403);
    expect((await dev.delete(`/api/messages/${beforeLock.id}`)).status).toBe(403);
    const refused = await dev.post(`/api/threads/${thread.id}/messages`, { clientId: newClientId(), body: 'まだ書きたい' });
    expect(refused.status).toBe(403);
    expect(await post(secretariat, thread.id, '事務局より: このスレッドは終了しました')).toMatchObject({ seq: 3 });

    const log = (await secretariat.get<{ actions: ModerationAction[] }>(`/api/threads/${thread.id}/moderation`)).body.actions;
    expect(log.map((a) => [a.action, a.reason, a.by.displayName])).toEqual([
      ['lock', '議論終了', '山田 花子'],
      ['pin', '重要なお知らせ', '山田 花子'],
    ]);
    expect((await dev.get(`/api/threads/${thread.id}/moderation`)).status).toBe(403);
    // Only the creator (or the secretariat) changes the title.
    expect((await dev2.patch(`/api/threads/${thread.id}`, { title: '乗っ取り' })).status).toBe(403);
    expect((await dev.patch<Thread>(`/api/threads/${thread.id}`, { title: '新しい題名' })).body.title).toBe('新しい題名');
  });
});

describe('messages', () => {
  it('replies are one level, counted on the parent, and announced live', async () => {
    const { thread, message: parent } = await startThread(dev);
    const watcher = await open(dev2);
    await ok(watcher, 'thread.join', { threadId: thread.id });
    const counted = nextEvent<{ messageId: string; replyCount: number }>(watcher, 'message.replies');
    const reply = await post(dev2, thread.id, 'スレッド内の返信', parent.id);
    expect(reply.parentId).toBe(parent.id);
    expect(await counted).toMatchObject({ messageId: parent.id, replyCount: 1 });
    await post(dev, thread.id, '二つ目の返信', parent.id);
    const replies = (await dev.get<MessagePage>(`/api/messages/${parent.id}/replies`)).body.messages;
    expect(replies.map((m) => m.body)).toEqual(['スレッド内の返信', '二つ目の返信']);
    const top = (await dev.get<MessagePage>(`/api/threads/${thread.id}/messages`)).body.messages;
    expect(top.map((m) => m.id)).toEqual([parent.id]); // replies stay out of the main stream
    expect(top[0]!.replyCount).toBe(2);
  });

  it('reactions: one per person per emoji, idempotent, live, from a fixed set', async () => {
    const { thread, message } = await startThread(dev);
    const watcher = await open(dev);
    await ok(watcher, 'thread.join', { threadId: thread.id });
    const changed = nextEvent<{ reactions: Array<{ key: string; userIds: string[] }> }>(watcher, 'reaction.changed');
    await dev2.put(`/api/messages/${message.id}/reactions/thumbsUp`);
    await dev2.put(`/api/messages/${message.id}/reactions/thumbsUp`);
    const res = await support.put<{ reactions: Array<{ key: string; userIds: string[] }> }>(
      `/api/messages/${message.id}/reactions/thumbsUp`,
    );
    expect((await changed).reactions[0]!.key).toBe('thumbsUp');
    expect(res.body.reactions).toEqual([{ key: 'thumbsUp', userIds: [expect.any(String), expect.any(String)] }]);
    await dev2.delete(`/api/messages/${message.id}/reactions/thumbsUp`);
    const page = (await dev.get<MessagePage>(`/api/threads/${thread.id}/messages`)).body.messages[0]!;
    expect(page.reactions).toEqual([{ key: 'thumbsUp', userIds: [res.body.reactions[0]!.userIds[1]] }]);
    expect((await dev.put(`/api/messages/${message.id}/reactions/skull`)).status).toBe(400);
    expect((await ministry.put(`/api/messages/${message.id}/reactions/thumbsUp`)).status).toBe(403);
  });

  it('edits keep history for the author and the secretariat; the edited mark is visible to all', async () => {
    const { thread, message } = await startThread(dev, { body: '初版' });
    const watcher = await open(dev2);
    await ok(watcher, 'thread.join', { threadId: thread.id });
    const edited = nextEvent<Message>(watcher, 'message.edited');
    const v2 = (await dev.patch<Message>(`/api/messages/${message.id}`, { body: '第二版', version: 1 })).body;
    expect(v2).toMatchObject({ body: '第二版', version: 2, editedAt: expect.any(String) });
    expect(await edited).toMatchObject({ id: message.id, body: '第二版', version: 2 });
    expect((await dev.patch(`/api/messages/${message.id}`, { body: '古い版から', version: 1 })).status).toBe(409);
    expect((await dev2.patch(`/api/messages/${message.id}`, { body: '他人の編集' })).status).toBe(403);

    const versions = (await dev.get<{ versions: Array<{ version: number; body: string }> }>(`/api/messages/${message.id}/versions`)).body
      .versions;
    expect(versions.map((v) => [v.version, v.body])).toEqual([[1, '初版']]);
    expect((await secretariat.get(`/api/messages/${message.id}/versions`)).status).toBe(200);
    expect((await dev2.get(`/api/messages/${message.id}/versions`)).status).toBe(403);
    const seenByOther = (await dev2.get<MessagePage>(`/api/threads/${thread.id}/messages`)).body.messages[0]!;
    expect(seenByOther.editedAt).not.toBeNull();
  });

  it('delete own leaves a tombstone; the secretariat hides with a reason and restores, all recorded', async () => {
    const { thread } = await startThread(dev);
    const mine = await post(dev2, thread.id, '消す予定');
    expect((await dev.delete(`/api/messages/${mine.id}`)).status).toBe(403);
    const tomb = (await dev2.delete<Message>(`/api/messages/${mine.id}`)).body;
    expect(tomb).toMatchObject({ state: 'deleted', body: null });

    const rude = await post(dev2, thread.id, '不適切な投稿');
    const vendorView = await open(dev);
    const modView = await open(secretariat);
    await ok(vendorView, 'thread.join', { threadId: thread.id });
    await ok(modView, 'thread.join', { threadId: thread.id });
    const vendorSees = nextEvent<Message>(vendorView, 'message.hidden');
    const modSees = nextEvent<Message>(modView, 'message.hidden');
    expect((await dev.post(`/api/messages/${rude.id}/hide`, { reason: 'x' })).status).toBe(403);
    expect((await secretariat.post(`/api/messages/${rude.id}/hide`, {})).status).toBe(400);
    await ok(modView, 'message.hide', { messageId: rude.id, reason: '行動規範に反するため' });
    expect(await vendorSees).toMatchObject({ state: 'hidden', body: null, hidden: { reason: '行動規範に反するため' } });
    expect(await modSees).toMatchObject({ state: 'hidden', body: '不適切な投稿' });
    const page = (await dev.get<MessagePage>(`/api/threads/${thread.id}/messages`)).body.messages;
    expect(page.find((m) => m.id === rude.id)).toMatchObject({ body: null, hidden: { reason: '行動規範に反するため' } });

    expect((await dev2.delete(`/api/messages/${rude.id}`)).status).toBe(409); // the author cannot erase the hide
    const restored = nextEvent<Message>(vendorView, 'message.restored');
    expect((await secretariat.post<Message>(`/api/messages/${rude.id}/restore`)).body.state).toBe('visible');
    expect((await restored).body).toBe('不適切な投稿');
    const log = (await secretariat.get<{ actions: ModerationAction[] }>(`/api/threads/${thread.id}/moderation`)).body.actions;
    expect(log.map((a) => [a.action, a.messageId, a.reason])).toEqual([
      ['restore', rude.id, null],
      ['hide', rude.id, '行動規範に反するため'],
    ]);
  });

  it('mentions resolve to names; the autocomplete finds people and organisations', async () => {
    const me = (await dev2.get<Me>('/api/me')).body;
    const candidates = (
      await dev.get<{ users: Array<{ id: string; displayName: string }>; organizations: Array<{ id: string }> }>(
        `/api/mentions?q=${encodeURIComponent('高橋')}`,
      )
    ).body;
    expect(candidates.users.map((u) => u.id)).toContain(me.id);
    const orgs = (await dev.get<{ organizations: Array<{ id: string; nameJa: string }> }>(`/api/mentions?q=${encodeURIComponent('厚生')}`))
      .body.organizations;
    expect(orgs.length).toBeGreaterThan(0);
    const { thread } = await startThread(dev);
    const m = await post(
      dev,
      thread.id,
      `${mentionToken('user', me.id)} さん、${mentionToken('org', orgs[0]!.id)} の見解は？ ${mentionToken('user', '0123456789abcdef01234567')}`,
    );
    expect(m.mentions.users).toEqual([{ id: me.id, displayName: me.displayName }]);
    expect(m.mentions.organizations.map((o) => o.id)).toEqual([orgs[0]!.id]);
    expect((await dev.get('/api/mentions?q=')).status).toBe(400);
    expect((await dev.get(`/api/mentions?q=${encodeURIComponent('.*')}`)).status).toBe(200);
  });
});

describe('read state, typing and presence', () => {
  it('moving the read cursor in one tab updates the person’s other tabs; new posts raise unread', async () => {
    const { thread } = await startThread(dev);
    const [tab1, tab2, other] = await Promise.all([open(dev2), open(dev2), open(dev)]);
    await ok(tab1, 'thread.join', { threadId: thread.id });
    const listUpdate = nextEvent<Thread>(tab2, 'thread.updated', (t) => t.id === thread.id && t.lastSeq === 3);
    await ok(other, 'message.send', { threadId: thread.id, clientId: newClientId(), body: '2' });
    await ok(other, 'message.send', { threadId: thread.id, clientId: newClientId(), body: '3' });
    expect((await listUpdate).lastSeq).toBe(3); // tab2 is not in the room, but its thread list hears of it
    const before = (await dev2.get<ThreadList>('/api/threads?limit=100')).body.threads.find((t) => t.id === thread.id)!;
    expect(before.unread).toBe(3);
    const pushed = nextEvent<{ threadId: string; readSeq: number }>(tab2, 'thread.read', (s) => s.threadId === thread.id);
    expect(await ok(tab1, 'thread.read', { threadId: thread.id, seq: 99 })).toMatchObject({ readSeq: 3, lastSeq: 3 });
    expect(await pushed).toMatchObject({ readSeq: 3 });
    expect((await dev2.get<ThreadDetail>(`/api/threads/${thread.id}`)).body.readSeq).toBe(3);
    // Never backwards.
    expect(await ok(tab1, 'thread.read', { threadId: thread.id, seq: 1 })).toMatchObject({ readSeq: 3 });
  });

  it('typing is relayed to others in the room (throttled) and presence lists who is viewing', async () => {
    const { thread } = await startThread(dev);
    const [typist, viewer] = await Promise.all([open(dev), open(dev2)]);
    const seenPresence = nextEvent<{ viewers: Array<{ displayName: string }> }>(viewer, 'thread.presence', (p) => p.viewers.length === 2);
    await ok(viewer, 'thread.join', { threadId: thread.id });
    await ok(typist, 'thread.join', { threadId: thread.id });
    expect((await seenPresence).viewers.map((v) => v.displayName).sort()).toEqual(['高橋 誠', '鈴木 美咲'].sort());
    const typing = collect<{ user: { displayName: string } }>(viewer, 'thread.typing');
    for (let i = 0; i < 5; i++) await ok(typist, 'thread.typing', { threadId: thread.id });
    // A sentinel after the typing: any relayed typing arrived before it.
    const sentinel = nextEvent<Message>(viewer, 'message.created', (m) => m.body === '入力のあとの投稿');
    await ok(typist, 'message.send', { threadId: thread.id, clientId: newClientId(), body: '入力のあとの投稿' });
    await sentinel;
    expect(typing.map((t) => t.user.displayName)).toEqual(['鈴木 美咲']);
    const outsider = await open(support);
    expect(await ack(outsider, 'thread.typing', { threadId: thread.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Locked, only the secretariat may post there: no one else's typing is relayed, the secretariat's is.
    expect((await secretariat.patch(`/api/threads/${thread.id}`, { locked: true, reason: '議論終了' })).status).toBe(200);
    expect(await ack(typist, 'thread.typing', { threadId: thread.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('locked') },
    });
    const moderator = await open(secretariat);
    await ok(moderator, 'thread.join', { threadId: thread.id });
    const relayed = nextEvent<{ user: { displayName: string } }>(viewer, 'thread.typing', () => true);
    await ok(moderator, 'thread.typing', { threadId: thread.id });
    expect((await relayed).user.displayName).not.toBe('鈴木 美咲');
    moderator.disconnect();
    const left = nextEvent<{ viewers: unknown[] }>(viewer, 'thread.presence', (p) => p.viewers.length === 1);
    typist.disconnect();
    await left;
  });
});

describe('unread state', () => {
  it('gives the last and read numbers of every thread the reader may read, and only those', async () => {
    type State = { threads: Array<{ id: string; lastSeq: number; readSeq: number; muted: boolean }> };
    const { thread } = await startThread(dev, { visibility: 'council' });
    await post(dev, thread.id, '追加');
    const hidden = (await startThread(dev, { visibility: 'vendors' })).thread; // not readable by the ministry
    const state = (await ministry.get<State>('/api/threads/unread')).body.threads;
    expect(state.find((t) => t.id === thread.id)).toEqual({ id: thread.id, lastSeq: 2, readSeq: 0, muted: false });
    expect(state.map((t) => t.id)).not.toContain(hidden.id);
    await ministry.post(`/api/threads/${thread.id}/read`, { seq: 2 });
    expect((await ministry.get<State>('/api/threads/unread')).body.threads.find((t) => t.id === thread.id)).toEqual({
      id: thread.id,
      lastSeq: 2,
      readSeq: 2,
      muted: false,
    });
    expect((await dev.get<State>('/api/threads/unread')).body.threads.find((t) => t.id === hidden.id)).toEqual({
      id: hidden.id,
      lastSeq: 1,
      readSeq: 1,
      muted: false,
    });
  });
});
