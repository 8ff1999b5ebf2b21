/**
 * Paging a long thread, before and after a cursor, across page buckets and runs of replies: every
 * message comes exactly once and in order, whatever the cursor (messages.ts reads number ranges).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Message, MessagePage } from '../shared/schemas/threads';
import type { ApiClient } from './support/client';
import { newClientId, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient;
let threadId: string;
/** Every message posted, in order: [seq, id, isReply]. */
const posted: Array<{ seq: number; id: string; reply: boolean }> = [];

beforeAll(async () => {
  server = await startTestServer();
  dev = await server.signIn('dev@demo.example');
  const { thread, message } = await startThread(dev, { title: '長いスレッドのページ送り' });
  threadId = thread.id;
  posted.push({ seq: message.seq, id: message.id, reply: false });
  const post = async (body: string, parentId?: string) => {
    const res = await dev.post<{ message: Message }>(`/api/threads/${threadId}/messages`, {
      clientId: newClientId(),
      body,
      ...(parentId ? { parentId } : {}),
    });
    expect(res.status).toBe(201);
    posted.push({ seq: res.body.message.seq, id: res.body.message.id, reply: !!parentId });
    return res.body.message;
  };
  // 70 top-level messages, every fourth followed by a reply; then a run of 130 replies to one
  // message (longer than any page and than two buckets); then 40 more top-level messages.
  let parent = '';
  for (let i = 0; i < 70; i++) {
    parent = (await post(`本文 ${i}`)).id;
    if (i % 4 === 3) await post(`返信 ${i}`, parent);
  }
  for (let i = 0; i < 130; i++) await post(`長い返信の列 ${i}`, parent);
  for (let i = 70; i < 110; i++) await post(`本文 ${i}`);
}, 120_000);
afterAll(() => server.close());

const page = async (query: string) => {
  const res = await dev.get<MessagePage>(`/api/threads/${threadId}/messages?${query}`);
  expect(res.status).toBe(200);
  return res.body;
};

it('pages the top-level messages backwards from the latest, each once and in order', async () => {
  const topLevel = posted.filter((p) => !p.reply).map((p) => p.id);
  expect(topLevel).toHaveLength(111);
  for (const limit of [7, 20, 50, 100]) {
    const seen: string[] = [];
    let current = await page(`limit=${limit}`);
    for (;;) {
      expect(current.messages.length).toBeLessThanOrEqual(limit);
      expect(current.messages.every((m) => m.parentId === null)).toBe(true);
      const seqs = current.messages.map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      seen.unshift(...current.messages.map((m) => m.id));
      if (!current.hasMore) break;
      current = await page(`limit=${limit}&before=${current.messages[0]!.seq}`);
    }
    expect(seen).toEqual(topLevel);
  }
});

it('starts a backward page at any cursor, across the run of replies', async () => {
  const topLevel = posted.filter((p) => !p.reply);
  for (const before of [1, 2, 50, 51, 100, 101, 150, 200, 230, 260, posted.at(-1)!.seq + 1, 1_000_000_000]) {
    const expected = topLevel
      .filter((p) => p.seq < before)
      .slice(-20)
      .map((p) => p.id);
    const got = await page(`limit=20&before=${before}`);
    expect(got.messages.map((m) => m.id)).toEqual(expected);
    expect(got.hasMore).toBe(topLevel.filter((p) => p.seq < before).length > 20);
  }
});

it('pages every message, replies too, forwards from any cursor', async () => {
  for (const after of [0, 49, 50, 120, 300]) {
    const expected = posted.filter((p) => p.seq > after).map((p) => p.id);
    const seen: string[] = [];
    let cursor = after;
    for (;;) {
      const got = await page(`limit=100&after=${cursor}`);
      seen.push(...got.messages.map((m) => m.id));
      if (!got.hasMore) break;
      cursor = got.messages.at(-1)!.seq;
    }
    expect(seen).toEqual(expected);
  }
});
