/**
 * A live socket follows its session and its person (issue 16, findings 1–3): a password change ends
 * the sockets of the person's other sessions; a change of what an organisation's members may read
 * drops their sockets, which come back with what the new rules allow; and a socket whose session
 * has ended by time or elsewhere can write nothing and is dropped.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from './support/json';
import { connected } from './support/client';
import { ack, newClientId, nextEvent, openSocket, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const disconnectedFrom = (socket: { once(e: 'disconnect', f: () => void): unknown }) =>
  new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));

it('a password change ends the sockets of the other sessions at once, and keeps the one it was made in', async () => {
  const [here, elsewhere] = await Promise.all([server.signIn('dev2@demo.example'), server.signIn('dev2@demo.example')]);
  const [mine, other] = await Promise.all([openSocket(here), openSocket(elsewhere)]);
  const ended = nextEvent<{ reason: string }>(other, 'session.ended');
  const dropped = disconnectedFrom(other);

  expect((await here.post('/api/me/password', { currentPassword: 'council-demo', newPassword: 'council-new-password-2026' })).status).toBe(
    204,
  );
  expect(await ended).toEqual({ reason: 'passwordChanged' });
  await dropped;
  // The other session cannot come back over a socket; this one goes on.
  const again = elsewhere.socket();
  await expect(connected(again)).rejects.toThrow();
  again.close();
  expect(await ack(mine, 'session.ping', { at: 1 })).toMatchObject({ ok: true });
  mine.close();
});

it('a vendor type changed from development to support drops its members’ sockets; back, they cannot join development threads', async () => {
  const [dev, secretariat] = await Promise.all([server.signIn('dev@demo.example'), server.signIn('secretariat@demo.example')]);
  const { thread } = await startThread(dev, { visibility: 'development', title: '開発事業者限定の相談' });
  const socket = await openSocket(dev);
  expect(await ack(socket, 'thread.join', { threadId: thread.id })).toMatchObject({ ok: true });
  const updated = nextEvent<{ reason: string }>(socket, 'session.updated');
  const dropped = disconnectedFrom(socket);

  const org = (await dev.get<Me>('/api/me')).body.organization;
  expect((await secretariat.patch(`/api/organizations/${org.id}`, { vendorType: 'support' })).status).toBe(200);
  expect(await updated).toEqual({ reason: 'organizationChanged' });
  await dropped;
  socket.close();

  const back = await openSocket(dev);
  const refused = await ack(back, 'thread.join', { threadId: thread.id });
  expect(refused.ok).toBe(false);
  back.close();
  // Names only change nothing about reading: sockets stay.
  const kept = await openSocket(dev);
  let droppedAgain = false;
  kept.once('disconnect', () => (droppedAgain = true));
  expect((await secretariat.patch(`/api/organizations/${org.id}`, { nameEn: 'Renamed Vendor' })).status).toBe(200);
  expect(await ack(kept, 'session.ping', { at: 2 })).toMatchObject({ ok: true });
  expect(droppedAgain).toBe(false);
  kept.close();
});

describe('a socket whose session ended by time or elsewhere', () => {
  let short: TestServer;
  beforeAll(async () => {
    // Idle sockets are looked at every 300 ms here (60 s by default).
    short = await startTestServer({ SOCKET_SESSION_CHECK_MS: '300' });
  });
  afterAll(() => short.close());
  const sessions = () => mongoose.connection.db!.collection<{ _id: string; expires: Date }>('sessions');
  const sessionIdOf = (client: { cookieHeader: string }) => /council\.sid=s:([^.;]+)/.exec(decodeURIComponent(client.cookieHeader))![1]!;

  it('refuses a write at once, and is dropped, once its session has expired', async () => {
    const dev = await short.signIn('dev@demo.example');
    const { thread } = await startThread(dev);
    const socket = await openSocket(dev);
    const ended = nextEvent<{ reason: string }>(socket, 'session.ended');
    // Its idle timeout passed (as if nobody had used it for two hours).
    await sessions().updateOne({ _id: sessionIdOf(dev) }, { $set: { expires: new Date(Date.now() - 1000) } });
    const sent = await ack(socket, 'message.send', { threadId: thread.id, clientId: newClientId(), body: '期限切れのセッションから' });
    expect(sent).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await ended).toEqual({ reason: 'expired' });
    const page = await (
      await short.signIn('secretariat@demo.example')
    ).get<{ messages: Array<{ body: string }> }>(`/api/threads/${thread.id}/messages`);
    expect(page.body.messages.map((m) => m.body)).not.toContain('期限切れのセッションから');
  });

  it('drops an idle socket whose session was deleted elsewhere (the sweeper, another app process), and keeps the others', async () => {
    const [mhlw, support] = await Promise.all([short.signIn('mhlw@demo.example'), short.signIn('support@demo.example')]);
    const kept = await openSocket(mhlw);
    let keptDropped = false;
    kept.once('disconnect', () => (keptDropped = true));
    const socket = await openSocket(support);
    const ended = nextEvent<{ reason: string }>(socket, 'session.ended');
    await sessions().deleteOne({ _id: sessionIdOf(support) });
    expect(await ended).toEqual({ reason: 'expired' });
    // The sweep that dropped it looked at the earlier socket too, and kept it.
    expect(keptDropped).toBe(false);
    expect(await ack(kept, 'session.ping', { at: 1 })).toMatchObject({ ok: true });
    kept.close();
  });
});
