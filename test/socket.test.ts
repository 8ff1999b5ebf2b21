import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, type CouncilClientSocket } from './support/client';
import { emitWithAck as emitAny } from './support/forum';
import { startTestServer, type TestServer } from './support/server';
import type { Me } from './support/json';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const emitWithAck = <T>(socket: CouncilClientSocket, event: string, payload: unknown) => emitAny<T>(socket, event, payload, 2_000);

describe('Socket.IO handshake', () => {
  it('refuses a socket without a signed-in session', async () => {
    const socket = io(server.baseUrl, { transports: ['websocket'], reconnection: false, forceNew: true });
    await expect(connected(socket)).rejects.toThrow();
    socket.close();
    const polling = io(server.baseUrl, { transports: ['polling'], reconnection: false, forceNew: true });
    await expect(connected(polling)).rejects.toThrow();
    polling.close();
  });

  it('refuses a socket from a foreign Origin even with a valid session', async () => {
    const client = await server.signIn('dev@demo.example');
    const socket = client.socket({ origin: 'https://evil.example' });
    await expect(connected(socket)).rejects.toThrow();
    socket.close();
  });

  it('accepts a signed-in socket as that user, over websocket and over polling', async () => {
    const client = await server.signIn('dev@demo.example');
    const me = (await client.get<Me>('/api/me')).body;
    const socket = client.socket({ origin: server.baseUrl });
    await connected(socket);
    const ack = await emitWithAck<{ ok: boolean; userId: string }>(socket, 'session.ping', {});
    expect(ack).toMatchObject({ ok: true, userId: me.id });
    socket.close();

    const polling = io(server.baseUrl, {
      transports: ['polling'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie: client.cookieHeader },
    });
    await connected(polling);
    expect(await emitWithAck(polling as CouncilClientSocket, 'session.ping', { at: 1 })).toMatchObject({ ok: true, userId: me.id });
    polling.close();
  });

  it('refuses a socket once the session is signed out, and disconnects the live one', async () => {
    const client = await server.signIn('support@demo.example');
    const socket = client.socket();
    await connected(socket);
    const ended = new Promise((resolve) => socket.once('session.ended', resolve));
    const cookie = client.cookieHeader;
    await client.post('/api/auth/logout');
    expect(await ended).toEqual({ reason: 'logout' });
    const replay = io(server.baseUrl, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
    await expect(connected(replay)).rejects.toThrow();
    replay.close();
  });
});

describe('socket events', () => {
  it('answers malformed payloads and unknown events with error acks and keeps serving', async () => {
    const client = await server.signIn('dev2@demo.example');
    const socket = client.socket();
    await connected(socket);
    const bad = [null, 'text', 42, [], { at: 'yesterday' }, { at: -1 }, { unknown: true }, { at: 1, extra: 'x'.repeat(100_000) }];
    for (const payload of bad) {
      const ack = await emitWithAck<{ ok: boolean; error?: { code: string; message: string } }>(socket, 'session.ping', payload);
      expect(ack.ok, JSON.stringify(payload)?.slice(0, 40)).toBe(false);
      expect(ack.error?.code).toBe('bad_request');
    }
    const unknown = await emitWithAck<{ ok: boolean; error: { message: string } }>(socket, 'room.takeover', { room: 'org:all' });
    expect(unknown.ok).toBe(false);
    expect(unknown.error.message).toMatch(/unknown event/);
    expect(await emitWithAck(socket, 'session.ping', {})).toMatchObject({ ok: true });
    expect(socket.connected).toBe(true);
    socket.close();
  });

  it('disconnects a client that sends a frame over the size limit, and the server keeps serving', async () => {
    const client = await server.signIn('dev2@demo.example');
    const socket = client.socket();
    await connected(socket);
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('session.ping', { at: 1, pad: 'x'.repeat(2_000_000) } as never, () => undefined);
    expect(await gone).toMatch(/transport close|transport error/);
    const next = client.socket();
    await connected(next);
    expect(await emitWithAck(next, 'session.ping', {})).toMatchObject({ ok: true });
    next.close();
  });
});
