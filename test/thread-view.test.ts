/**
 * The thread list and unread counts come from the in-memory thread view (server/threads/threadView.ts):
 * they give what the database gives, in the list's order, page by page, and follow writes of this
 * process and of others.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Message, Thread, ThreadList, UnreadState } from '../shared/schemas/threads';
import { recordViewChange } from '../server/db/viewFeed';
import { THREADS_LOG } from '../server/threads/model';
import type { ApiClient } from './support/client';
import { newClientId, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient, dev2: ApiClient, support: ApiClient, secretariat: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  [dev, dev2, support, secretariat] = await server.signInAll(
    'dev@demo.example',
    'dev2@demo.example',
    'support@demo.example',
    'secretariat@demo.example',
  );
});
afterAll(() => server.close());

/** Every page of the list through the cursor. */
async function allPages(client: ApiClient, query: string): Promise<ThreadList['threads']> {
  const out: ThreadList['threads'] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: ThreadList } = await client.get<ThreadList>(
      `/api/threads?limit=3${query}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    out.push(...res.body.threads);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

it('lists, pages and filters as the database orders them, and follows posts, pins and other processes', async () => {
  const made: Thread[] = [];
  for (let i = 0; i < 7; i++)
    made.push(
      (
        await startThread(i % 3 === 2 ? dev2 : dev, {
          title: `ビュー確認スレッド ${i}`,
          visibility: i === 5 ? 'development' : 'council',
          businessAreas: i % 2 ? ['national-pension'] : [],
        })
      ).thread,
    );
  // Activity moves a thread up; the secretariat pins one.
  const posted = await dev2.post<Message>(`/api/threads/${made[1]!.id}/messages`, { clientId: newClientId(), body: '上げます' });
  expect(posted.status).toBe(201);
  expect((await secretariat.patch(`/api/threads/${made[3]!.id}`, { pinned: true, reason: '周知のため' })).status).toBe(200);

  const threads = mongoose.connection.db!.collection('threads');
  const stored = async (filter: Record<string, unknown>) =>
    (
      await threads
        .find(filter, { projection: { _id: 1 } })
        .sort({ pinned: -1, lastActivityAt: -1, _id: -1 })
        .toArray()
    ).map((t) => String(t._id));
  const listed = async (client: ApiClient, query = '') => (await allPages(client, query)).map((t) => t.id);

  expect(await listed(dev)).toEqual(await stored({ visibility: { $in: ['council', 'vendors', 'development'] } }));
  expect(await listed(support)).toEqual(await stored({ visibility: { $in: ['council', 'vendors'] } }));
  expect((await listed(dev)).slice(0, 2)).toEqual([made[3]!.id, made[1]!.id]);
  expect(await listed(dev, '&businessArea=national-pension')).toEqual(await stored({ businessAreas: 'national-pension' }));
  expect(await listed(dev2, '&mine=true')).toEqual(
    await stored({ participants: new mongoose.Types.ObjectId((await dev2.get<{ id: string }>('/api/me')).body.id) }),
  );

  // Unread: dev has read its own threads to the end; the reply by dev2 in thread 1 is unread for dev.
  const unread = (await dev.get<UnreadState>('/api/threads/unread')).body.threads;
  expect(unread.find((t) => t.id === made[1]!.id)).toMatchObject({ lastSeq: 2, readSeq: 1 });
  expect(await listed(dev, '&unread=true')).toEqual(expect.arrayContaining([made[1]!.id, made[2]!.id]));
  expect(await listed(dev, '&unread=true')).not.toContain(made[0]!.id);

  // Another process retitles a thread and records it: this one shows it on its next read.
  await threads.updateOne({ _id: new mongoose.Types.ObjectId(made[0]!.id) }, { $set: { title: '別プロセスで変更' } });
  await recordViewChange(mongoose.connection.db!, THREADS_LOG, made[0]!.id);
  expect((await allPages(dev, '')).find((t) => t.id === made[0]!.id)?.title).toBe('別プロセスで変更');
});
