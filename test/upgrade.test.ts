/** Messages stored before buckets and reply sequences are upgraded once at start-up, and go on counting right. */
import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Message } from '../shared/schemas/threads';
import { runOnce } from '../server/db/migrations';
import { upgradeStoredMessages } from '../server/threads/backfill';
import type { ApiClient } from './support/client';
import { newClientId, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  dev = await server.signIn('dev@demo.example');
});
afterAll(() => server.close());

it('files old messages in buckets and carries reply counts on, once per database', async () => {
  const { thread, message } = await startThread(dev);
  const messages = mongoose.connection.db!.collection('messages');
  // As an older version stored it: no bucket, and three replies counted before the reply sequence existed.
  await messages.updateOne({ _id: new mongoose.Types.ObjectId(message.id) }, { $unset: { bucket: '' }, $set: { replyCount: 3 } });

  let ran = 0;
  const upgrade = () =>
    runOnce('test upgrade', async () => {
      ran += 1;
      await upgradeStoredMessages();
    });
  expect(await upgrade()).toBe(true);
  expect(await upgrade()).toBe(false);
  expect(ran).toBe(1);
  expect((await messages.findOne({ _id: new mongoose.Types.ObjectId(message.id) }))?.bucket).toBe(0);

  const reply = await dev.post<Message>(`/api/threads/${thread.id}/messages`, { clientId: newClientId(), body: '4件目の返信', parentId: message.id });
  expect(reply.status).toBe(201);
  const page = await dev.get<{ messages: Message[] }>(`/api/threads/${thread.id}/messages`);
  expect(page.body.messages.find((m) => m.id === message.id)?.replyCount).toBe(4);
});
