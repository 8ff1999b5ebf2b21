/**
 * Thread pages come from each process's bucket cache (server/threads/bucketCache.ts): a page read
 * twice is served from memory, and every change to a message in a cached bucket — a new message,
 * an edit, a deletion, hiding, a reaction, a reply — made through this process or recorded in the
 * change log by another shows on the next read.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Message, MessagePage } from '../shared/schemas/threads';
import { assumeEngine, probeEngine } from '../server/db/engine';
import { recordViewChange } from '../server/db/viewFeed';
import { bucketCache } from '../server/threads/bucketCache';
import { ALL_MESSAGES, bucketKey, messageKey } from '../server/threads/changeKeys';
import { THREADS_LOG } from '../server/threads/model';
import type { ApiClient } from './support/client';
import { ok, openSocket, postMessage, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient, dev2: ApiClient, secretariat: ApiClient;
let threadId: string;
/** By number: 1 is the opening post, 2…120 follow. */
const bySeq = new Map<number, Message>();

beforeAll(async () => {
  server = await startTestServer();
  [dev, dev2, secretariat] = await server.signInAll('dev@demo.example', 'dev2@demo.example', 'secretariat@demo.example');
  const { thread, message } = await startThread(dev, { title: 'キャッシュ確認スレッド' });
  threadId = thread.id;
  bySeq.set(message.seq, message);
  for (let i = 2; i <= 120; i++) {
    const m = await postMessage(i % 2 ? dev : dev2, threadId, `発言 ${i}`);
    bySeq.set(m.seq, m);
  }
}, 120_000);
afterAll(() => server.close());

const db = () => mongoose.connection.db!;
const id = (seq: number) => bySeq.get(seq)!.id;

async function page(client: ApiClient, query: string): Promise<MessagePage> {
  const res = await client.get<MessagePage>(`/api/threads/${threadId}/messages?${query}`);
  expect(res.status).toBe(200);
  return res.body;
}
const find = (p: MessagePage, seq: number) => p.messages.find((m) => m.seq === seq);

it('serves a page read again from memory, and shows every change made through the app at once', async () => {
  // The page before 101 reads numbers 50–100: read once, they are kept.
  const first = await page(dev, 'before=101&limit=50');
  expect(first.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 51 + i));
  expect(bucketCache.size).toBeGreaterThanOrEqual(50);

  // A write around the app, with nothing recorded, is not seen: the page comes from memory.
  await db()
    .collection('messages')
    .updateOne({ _id: new mongoose.Types.ObjectId(id(60)) }, { $set: { body: '記録なしの変更' } });
  expect(find(await page(dev, 'before=101&limit=50'), 60)?.body).toBe('発言 60');

  // Through the app: edit, reaction, hiding, deletion and a reply, each seen on the next read.
  expect((await dev.patch(`/api/messages/${id(61)}`, { body: '編集後の本文' })).status).toBe(200);
  expect((await dev2.put(`/api/messages/${id(62)}/reactions/thumbsUp`)).status).toBe(200);
  expect((await secretariat.post(`/api/messages/${id(63)}/hide`, { reason: '個人情報を含むため' })).status).toBe(200);
  expect((await dev.delete(`/api/messages/${id(65)}`)).status).toBe(200);
  const reply = await postMessage(dev2, threadId, '64 への返信', id(64));
  const after = await page(dev, 'before=101&limit=50');
  expect(find(after, 61)?.body).toBe('編集後の本文');
  expect(find(after, 62)?.reactions).toEqual([{ key: 'thumbsUp', userIds: [expect.any(String)] }]);
  expect(find(after, 63)).toMatchObject({ state: 'hidden', body: null });
  expect(find(after, 65)).toMatchObject({ state: 'deleted', body: null });
  expect(find(after, 64)?.replyCount).toBe(1);
  expect(find(after, reply.seq)).toBeUndefined(); // replies are not top-level
  // The reply's own bucket was kept before it arrived; it is there when reading on from it.
  await page(dev, `after=${reply.seq - 1}&limit=50`);
  expect((await page(dev, `after=${reply.seq - 1}&limit=50`)).messages[0]).toMatchObject({ id: reply.id, body: '64 への返信' });
  // Reactions removed and messages restored the same way.
  expect((await dev2.delete(`/api/messages/${id(62)}/reactions/thumbsUp`)).status).toBe(200);
  expect((await secretariat.post(`/api/messages/${id(63)}/restore`)).status).toBe(200);
  const restored = await page(dev, 'before=101&limit=50');
  expect(find(restored, 62)?.reactions).toEqual([]);
  expect(find(restored, 63)).toMatchObject({ state: 'visible', body: '発言 63' });
});

it("follows another process's writes once they are recorded in the change log", async () => {
  const before = await page(dev, 'before=51&limit=49');
  expect(find(before, 20)?.body).toBe('発言 20');
  const messages = db().collection('messages');
  // Another process edits message 20 and records it.
  await messages.updateOne({ _id: new mongoose.Types.ObjectId(id(20)) }, { $set: { body: '別プロセスの編集', version: 2 } });
  await recordViewChange(db(), THREADS_LOG, messageKey(id(20)));
  expect(find(await page(dev, 'before=51&limit=49'), 20)?.body).toBe('別プロセスの編集');
  // The latest page is kept too; another process's new message in its bucket shows once recorded.
  const latest = await page(dev, 'limit=50');
  const lastSeq = latest.lastSeq;
  const next = lastSeq + 1;
  const template = (await messages.findOne({ _id: new mongoose.Types.ObjectId(id(120)) }))!;
  await messages.insertOne({
    ...template,
    _id: new mongoose.Types.ObjectId(),
    seq: next,
    bucket: Math.floor(next / 50),
    clientId: 'other-process',
    body: '別プロセスの投稿',
  });
  await db()
    .collection('threads')
    .updateOne({ _id: new mongoose.Types.ObjectId(threadId) }, { $max: { lastSeq: next } });
  await recordViewChange(db(), THREADS_LOG, threadId);
  await recordViewChange(db(), THREADS_LOG, bucketKey(threadId, Math.floor(next / 50)));
  // A reconnecting client's catch-up (thread.join) sees it, before any page is read…
  const socket = await openSocket(dev);
  try {
    const joined = await ok(socket, 'thread.join', { threadId, afterSeq: lastSeq });
    expect(joined.missed.map((m) => [m.seq, m.body])).toEqual([[next, '別プロセスの投稿']]);
  } finally {
    socket.disconnect();
  }
  // …and so does the page.
  const now = await page(dev, 'limit=50');
  expect(now.lastSeq).toBe(next);
  expect(now.messages.at(-1)).toMatchObject({ seq: next, body: '別プロセスの投稿' });
  // `*` (a bulk change around the app) empties the cache: the unrecorded change of the first test shows.
  await recordViewChange(db(), THREADS_LOG, '*');
  expect(find(await page(dev, 'before=101&limit=50'), 60)?.body).toBe('記録なしの変更');
});

it('reads the page before a history page ahead, so scrolling up finds it in memory', async () => {
  await bucketCache.settled();
  await recordViewChange(db(), THREADS_LOG, '*');
  // Reading the page before 101 reads the one before it (numbers up to 50) ahead, after answering.
  expect((await page(dev, 'before=101&limit=50')).messages[0]?.seq).toBe(51);
  await bucketCache.settled();
  // A write around the app, with nothing recorded, is not seen on the next page up: it was read before the write.
  await db()
    .collection('messages')
    .updateOne({ _id: new mongoose.Types.ObjectId(id(30)) }, { $set: { body: '先読み後の記録なしの変更' } });
  const next = await page(dev, 'before=51&limit=50');
  expect(next.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 1 + i));
  expect(find(next, 30)?.body).toBe('発言 30');
  // Once recorded, the change shows.
  await recordViewChange(db(), THREADS_LOG, messageKey(id(30)));
  expect(find(await page(dev, 'before=51&limit=50'), 30)?.body).toBe('先読み後の記録なしの変更');
});

it('shares one database read between two reads of the same range at once', async () => {
  const thread = new mongoose.Types.ObjectId(threadId);
  // Bucket 40 (numbers 2,000–2,049) has never been read: both reads go to the database, the second joining the first.
  const [a, b] = await Promise.all([bucketCache.read(thread, 40, 2000, 2020), bucketCache.read(thread, 40, 2005, 2010)]);
  expect(b).toBe(a);
  expect(a).toMatchObject({ from: 2000, to: 2020, messages: [] });
  // Apart, a range not covered by what was kept is a read of its own.
  const c = await bucketCache.read(thread, 40, 2020, 2030);
  expect(c).not.toBe(a);
  expect(c).toMatchObject({ from: 2020, to: 2030 });
});

it('joins two ranges of one bucket read with a gap between them, so neither page pushes the other out', async () => {
  const thread = new mongoose.Types.ObjectId(threadId);
  // Numbers 100–149 are bucket 2: forget what is held of it, then read its end and its start.
  await recordViewChange(db(), THREADS_LOG, bucketKey(threadId, 2));
  await page(dev, 'limit=1'); // a request: its look applies the change
  // A read begun just after a change was applied is kept (a tick's change came before the reads begun at it).
  await bucketCache.read(thread, 2, 140, 150);
  await bucketCache.read(thread, 2, 100, 110);
  // Changed around the app, with nothing recorded: a range between the two is still served from memory.
  await db()
    .collection('messages')
    .updateOne({ _id: new mongoose.Types.ObjectId(id(120)) }, { $set: { body: '記録なしの変更 120' } });
  const middle = await bucketCache.read(thread, 2, 115, 125);
  expect(middle.messages.find((m) => m.seq === 120)?.body).toBe('発言 120');
  expect(middle.from).toBeLessThanOrEqual(100);
  expect(middle.to).toBeGreaterThanOrEqual(150);
});

it('gives the same pages whichever query shape the engine is served (by numbers, or by bucket and range)', async () => {
  const read = async () => {
    // Forget every cached page first (reads ahead included), so each read goes to the database.
    await bucketCache.settled();
    await recordViewChange(db(), THREADS_LOG, ALL_MESSAGES);
    return await Promise.all(['before=121&limit=50', 'before=30&limit=50', 'after=45&limit=80'].map((q) => page(dev, q)));
  };
  let byNumber: MessagePage[], byBucket: MessagePage[];
  try {
    assumeEngine({ indexedIn: true });
    byNumber = await read();
    assumeEngine({ indexedIn: false });
    byBucket = await read();
  } finally {
    await probeEngine(db());
  }
  expect(byBucket).toEqual(byNumber);
  const seqs = byNumber.map((p) => p.messages.map((m) => m.seq));
  // Two buckets and part of a third; the first bucket, from number 1; after a number, replies included.
  expect(seqs[0]).toEqual(Array.from({ length: 50 }, (_, i) => 71 + i));
  expect(seqs[1]).toEqual(Array.from({ length: 29 }, (_, i) => 1 + i));
  expect(seqs[2]![0]).toBe(46);
});
