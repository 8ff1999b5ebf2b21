/** The per-person posting limit: REST and sockets share it; others are not affected. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ack, newClientId, openSocket, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ POSTS_PER_MINUTE: '5' });
});
afterAll(() => server.close());

it('refuses the sixth write in a minute with 429 / a rate_limited ack, and only for that person', async () => {
  const [dev, dev2] = await server.signInAll('dev@demo.example', 'dev2@demo.example');
  const { thread } = await startThread(dev); // 1
  const socket = await openSocket(dev);
  for (let i = 0; i < 3; i++)
    expect((await ack(socket, 'message.send', { threadId: thread.id, clientId: newClientId(), body: `${i}` })).ok).toBe(true); // 2–4
  expect((await dev.post(`/api/threads/${thread.id}/messages`, { clientId: newClientId(), body: 'five' })).status).toBe(201); // 5
  const refused = await dev.post(`/api/threads/${thread.id}/messages`, { clientId: newClientId(), body: 'six' });
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await ack(socket, 'message.send', { threadId: thread.id, clientId: newClientId(), body: 'six' })).toMatchObject({
    ok: false,
    error: { code: 'rate_limited' },
  });
  // Everything one writes shares the pace: an issue comment and an upload are refused too.
  const issue = (
    await dev2.post<{ id: string }>('/api/issues', {
      title: '課題',
      description: '説明',
      businessAreas: ['national-pension'],
      category: 'spec',
    })
  ).body;
  expect((await dev.post(`/api/issues/${issue.id}/comments`, { body: 'コメント' })).status).toBe(429);
  expect((await dev.upload('/api/attachments?name=a.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'))).status).toBe(429);
  expect((await dev2.post(`/api/threads/${thread.id}/messages`, { clientId: newClientId(), body: 'someone else' })).status).toBe(201);
  socket.close();
});
