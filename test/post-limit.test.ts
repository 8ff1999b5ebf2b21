/** The per-person posting limit: REST and sockets share it; others are not affected. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ack, newClientId, openSocket, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ POSTS_PER_MINUTE: '5' });
});
afterAll(() => server.close());

it('refuses the sixth post in a minute with 429 / a rate_limited ack, and only for that person', async () => {
  const [dev, dev2] = await server.signInAll('dev@demo.example', 'dev2@demo.example');
  const { thread } = await startThread(dev); // 1
  const socket = await openSocket(dev);
  for (let i = 0; i < 3; i++) expect((await ack(socket, 'message.send', { threadId: thread.id, clientId: newClientId(), body: `${i}` })).ok).toBe(true); // 2–4
  expect((await dev.post(`/api/threads/${thread.id}/messages`, { clientId: newClientId(), body: 'five' })).status).toBe(201); // 5
  const refused = await dev.post(`/api/threads/${thread.id}/messages`, { clientId: newClientId(), body: 'six' });
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await ack(socket, 'message.send', { threadId: thread.id, clientId: newClientId(), body: 'six' })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  expect((await dev2.post(`/api/threads/${thread.id}/messages`, { clientId: newClientId(), body: 'someone else' })).status).toBe(201);
  socket.close();
});
