/**
 * The forum in real time: real server, real database, real socket.io-client connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, MessagePage, ThreadList } from '../shared/schemas/threads';
import type { ApiClient, CouncilClientSocket } from './support/client';
import { ack, collect, newClientId, nextEvent, ok, openSocket, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';
import { ThreadModel } from '../server/threads/model';

let server: TestServer;
let dev: ApiClient; // development vendor A
let dev2: ApiClient; // development vendor B (another organisation)
let support: ApiClient; // support vendor
let ministry: ApiClient; // ministry observer
const sockets: CouncilClientSocket[] = [];
const open = async (client: ApiClient) => {
  const socket = await openSocket(client);
  sockets.push(socket);
  return socket;
};

beforeAll(async () => {
  server = await startTestServer();
  [dev, dev2, support, ministry] = await server.signInAll(
    'dev@demo.example',
    'dev2@demo.example',
    'support@demo.example',
    'mhlw@demo.example',
  );
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server.close();
});

describe('live messages between vendors', () => {
  it('one vendor posts; another in a different organisation receives it live with the same number', async () => {
    const { thread } = await startThread(dev, { title: '住民記録の移行について' });
    const [a, b] = await Promise.all([open(dev), open(dev2)]);
    await ok(a, 'thread.join', { threadId: thread.id });
    await ok(b, 'thread.join', { threadId: thread.id });
    const received = nextEvent<Message>(b, 'message.created');
    const sent = await ok(a, 'message.send', { threadId: thread.id, clientId: newClientId(), body: 'こんにちは **皆さん**' });
    const got = await received;
    expect(sent.duplicate).toBe(false);
    expect(got.id).toBe(sent.message.id);
    expect(got.seq).toBe(sent.message.seq);
    expect(got.seq).toBe(2); // the opening post is 1
    expect(got.body).toBe('こんにちは **皆さん**');
    expect(got.author.displayName).toBe('鈴木 美咲');
  });

  it('an observer receives council messages, but may not join a vendors thread nor post anywhere', async () => {
    const council = (await startThread(dev, { visibility: 'council' })).thread;
    const vendorsOnly = (await startThread(dev, { visibility: 'vendors', title: '事業者限定の相談' })).thread;
    const [observer, poster] = await Promise.all([open(ministry), open(dev)]);
    await ok(observer, 'thread.join', { threadId: council.id });
    const live = nextEvent<Message>(observer, 'message.created');
    await ok(poster, 'message.send', { threadId: council.id, clientId: newClientId(), body: '省庁の方にも見える投稿' });
    expect((await live).body).toBe('省庁の方にも見える投稿');

    const refused = await ack(observer, 'thread.join', { threadId: vendorsOnly.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A refused join leaves the socket out of the room (the handler reads before joining, and joinThenRead leaves again
    // if its second read refuses): what goes to a room unfiltered (reactions, reply counts) must not reach it.
    const inRoom = async (threadId: string) => (await server.council.realtime.io.in(`thread:${threadId}`).fetchSockets()).map((s) => s.id);
    expect(await inRoom(council.id)).toContain(observer.id);
    expect(await inRoom(vendorsOnly.id)).not.toContain(observer.id);
    // Not in the room: a message there never reaches the observer.
    const leaks = collect<Message>(observer, 'message.created');
    await ok(poster, 'message.send', { threadId: vendorsOnly.id, clientId: newClientId(), body: '事業者だけの話' });
    // A sentinel in the room the observer is in: a leak would have arrived before it.
    const sentinel = nextEvent<Message>(observer, 'message.created', (m) => m.body === '区切りの投稿');
    await ok(poster, 'message.send', { threadId: council.id, clientId: newClientId(), body: '区切りの投稿' });
    await sentinel;
    expect(leaks.filter((m) => m.threadId === vendorsOnly.id)).toEqual([]);

    for (const threadId of [council.id, vendorsOnly.id]) {
      const post = await ack(observer, 'message.send', { threadId, clientId: newClientId(), body: '投稿できるか' });
      expect(post).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await ministry.post(`/api/threads/${council.id}/messages`, { clientId: newClientId(), body: 'REST でも' })).status).toBe(403);
    expect((await ministry.get(`/api/threads/${vendorsOnly.id}`)).status).toBe(403);
    expect((await ministry.get(`/api/threads/${vendorsOnly.id}/messages`)).status).toBe(403);
    const listed = (await ministry.get<ThreadList>('/api/threads?limit=100')).body.threads.map((t) => t.id);
    expect(listed).toContain(council.id);
    expect(listed).not.toContain(vendorsOnly.id);
  });

  it('a development thread is closed to support vendors and observers, open to development vendors and the secretariat', async () => {
    const { thread } = await startThread(dev, { visibility: 'development' });
    const secretariat = await server.signIn('secretariat@demo.example');
    expect((await dev2.get(`/api/threads/${thread.id}`)).status).toBe(200);
    expect((await secretariat.get(`/api/threads/${thread.id}`)).status).toBe(200);
    expect((await support.get(`/api/threads/${thread.id}`)).status).toBe(403);
    expect((await ministry.get(`/api/threads/${thread.id}`)).status).toBe(403);
    const s = await open(support);
    expect(await ack(s, 'thread.join', { threadId: thread.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Nor can a support vendor start one.
    const res = await support.post('/api/threads', { clientId: newClientId(), title: 't', body: 'b', visibility: 'development' });
    expect(res.status).toBe(403);
  });

  it('the same client id sent twice stores one message', async () => {
    const { thread } = await startThread(dev);
    const socket = await open(dev);
    const clientId = newClientId();
    const payload = { threadId: thread.id, clientId, body: '一度だけ' };
    const [first, second] = await Promise.all([ok(socket, 'message.send', payload), ok(socket, 'message.send', payload)]);
    const third = await ok(socket, 'message.send', payload);
    const rest = await dev.post<{ message: Message; duplicate: boolean }>(`/api/threads/${thread.id}/messages`, {
      clientId,
      body: '一度だけ',
    });
    expect(rest.status).toBe(200);
    expect(new Set([first.message.id, second.message.id, third.message.id, rest.body.message.id]).size).toBe(1);
    expect(third.duplicate).toBe(true);
    const page = (await dev.get<MessagePage>(`/api/threads/${thread.id}/messages`)).body;
    expect(page.messages.filter((m) => m.body === '一度だけ')).toHaveLength(1);
  });

  it('a retried send finishes what its first attempt left undone: the message is announced and the thread counts it', async () => {
    const { thread } = await startThread(dev);
    const [writer, watcher] = await Promise.all([open(dev), open(dev2)]);
    await ok(watcher, 'thread.join', { threadId: thread.id });
    const payload = { threadId: thread.id, clientId: newClientId(), body: '途中で止まった送信' };
    const first = await ok(writer, 'message.send', payload);
    // As the database leaves it when it goes away after the message is stored but before the
    // thread records it: the message is there, the thread's last number is behind it.
    await ThreadModel.updateOne({ _id: thread.id }, { $set: { lastSeq: first.message.seq - 1 } });
    const announced = nextEvent<Message>(watcher, 'message.created');
    const retried = await ok(writer, 'message.send', payload);
    expect(retried).toMatchObject({ duplicate: true, message: { id: first.message.id, seq: first.message.seq } });
    expect((await announced).id).toBe(first.message.id);
    expect((await dev2.get<{ thread: { lastSeq: number } }>(`/api/threads/${thread.id}`)).body.thread.lastSeq).toBe(first.message.seq);
  });

  it('a client that was away while 50 messages were posted catches up with all 50, in order, once', async () => {
    const { thread } = await startThread(dev);
    const reader = await open(dev2);
    const joined = await ok(reader, 'thread.join', { threadId: thread.id });
    const lastSeen = joined.thread.lastSeq;
    reader.disconnect();
    const writer = await open(dev);
    for (let i = 1; i <= 50; i++)
      await ok(writer, 'message.send', { threadId: thread.id, clientId: newClientId(), body: `オフライン中の投稿 ${i}` });
    const back = await open(dev2);
    const caughtUp = await ok(back, 'thread.join', { threadId: thread.id, afterSeq: lastSeen });
    expect(caughtUp.missed.map((m) => m.body)).toEqual(Array.from({ length: 50 }, (_, i) => `オフライン中の投稿 ${i + 1}`));
    expect(caughtUp.missed.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => lastSeen + i + 1));
    expect(caughtUp.hasMore).toBe(false);
    // The same over REST.
    const rest = (await dev2.get<MessagePage>(`/api/threads/${thread.id}/messages?after=${lastSeen}`)).body;
    expect(rest.messages.map((m) => m.seq)).toEqual(caughtUp.missed.map((m) => m.seq));
  });
});

describe('malformed and unauthorised events', () => {
  it('get error acks naming the field, and the server keeps serving', async () => {
    const { thread } = await startThread(dev);
    const socket = await open(dev);
    const cases: Array<[string, unknown]> = [
      ['message.send', { threadId: thread.id, clientId: newClientId(), body: 42 }],
      ['message.send', { threadId: thread.id, body: 'no client id' }],
      ['message.send', { threadId: 'not-an-id', clientId: newClientId(), body: 'x' }],
      ['message.send', { threadId: thread.id, clientId: newClientId(), body: 'x'.repeat(200_000) }],
      ['message.send', { threadId: { $gt: '' }, clientId: newClientId(), body: 'x' }],
      ['message.send', { threadId: thread.id, clientId: newClientId(), body: 'x', extra: true }],
      ['message.send', null],
      ['message.send', 'string payload'],
      ['reaction.set', { messageId: thread.id, key: 'skull', on: true }],
      ['thread.join', { threadId: ['array'] }],
      ['thread.read', { threadId: thread.id, seq: -1 }],
      ['no.such.event', { anything: 1 }],
    ];
    for (const [event, payload] of cases) {
      const reply = await ack(socket, event as 'message.send', payload);
      expect(reply.ok, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('bad_request');
    }
    const named = await ack(socket, 'message.send', { threadId: thread.id, clientId: newClientId(), body: 42 });
    expect(named).toMatchObject({ ok: false, error: { field: 'payload.body' } });
    // Events without an ack callback are simply ignored, never crash.
    (socket as unknown as { emit(e: string, p: unknown): void }).emit('message.send', { threadId: 1 });
    expect((await ok(socket, 'message.send', { threadId: thread.id, clientId: newClientId(), body: 'still here' })).message.body).toBe(
      'still here',
    );
    expect((await dev.get('/api/health')).status).toBe(200);
  });

  it('refuses a message to an unknown thread and a reply to a reply', async () => {
    const { thread, message } = await startThread(dev);
    const socket = await open(dev);
    expect(await ack(socket, 'message.send', { threadId: '0123456789abcdef01234567', clientId: newClientId(), body: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const reply = await ok(socket, 'message.send', { threadId: thread.id, clientId: newClientId(), body: '返信', parentId: message.id });
    expect(
      await ack(socket, 'message.send', { threadId: thread.id, clientId: newClientId(), body: '返信の返信', parentId: reply.message.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad_request', field: 'parentId' },
    });
  });
});
