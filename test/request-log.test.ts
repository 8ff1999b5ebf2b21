/**
 * Request ids and the request log, on the real app with its own FerretDB (stopped at the end, for a
 * real server failure). Every answer names its request id; each request logs one line by its route
 * pattern, without cookies or e-mail addresses; a failure answered 5xx — a REST body or a socket
 * ack — carries the id its log lines have, so a person's quoted reference finds them.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type CouncilApp } from '../server/app';
import { openAuditLog } from '../server/audit/log';
import { loadConfig } from '../server/config';
import { connectDatabase, disconnectDatabase } from '../server/db/connection';
import { startEmbeddedFerretDB, type EmbeddedDatabase } from '../server/db/ferretdb';
import { createLogger, setLogLevel } from '../server/log';
import { seedCouncil } from '../server/seed/seed';
import { ApiClient } from './support/client';
import { emitWithAck, newClientId, openSocket, startThread } from './support/forum';
import type { Ack } from '../shared/socketEvents';
import type { Me } from './support/json';
import { LogLines } from './support/logLines';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const EMAIL = 'dev@demo.example';

const dataDir = mkdtempSync(path.join(tmpdir(), 'council-request-log-'));
const log = new LogLines();
let database: EmbeddedDatabase;
let council: CouncilApp;
let audit: { close(): Promise<void> };
let base: string;

beforeAll(async () => {
  setLogLevel('error');
  database = await startEmbeddedFerretDB({ dataDir });
  await connectDatabase(database.uri, { dbName: 'request_log' });
  await seedCouncil({ demo: true });
  audit = openAuditLog({ dataDir });
  council = createApp({
    config: loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }),
    sessionSecret: randomBytes(32).toString('hex'),
    serveClient: false,
    logger: createLogger({ destination: log, level: 'debug' }),
  });
  await new Promise<void>((resolve) => council.server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(council.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await council.close({ drainMs: 1_000 });
  await audit.close().catch(() => undefined);
  await disconnectDatabase().catch(() => undefined);
  await database.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(): Promise<{ client: ApiClient; me: Me }> {
  const client = new ApiClient(base);
  const res = await client.post('/api/auth/login', { email: EMAIL, password: 'council-demo' });
  expect(res.status).toBe(200);
  return { client, me: (await client.get<Me>('/api/me')).body };
}

/** The request's one completion line (written as the response finishes, so looked for until it is there). */
async function requestLine(requestId: string) {
  await expect.poll(() => log.of(requestId).filter((line) => line.msg.startsWith('request '))).toHaveLength(1);
  return log.of(requestId).find((line) => line.msg.startsWith('request '))!;
}

describe('request ids', () => {
  it('names every answer, refusals too, with a new id in X-Request-Id', async () => {
    const client = new ApiClient(base);
    const answers = [
      await client.get('/api/health'),
      await client.get('/api/nowhere'),
      await client.get('/api/me'),
      await client.post('/api/threads', {}),
    ];
    expect(answers.map((res) => res.status)).toEqual([200, 404, 401, 401]);
    const ids = answers.map((res) => res.headers.get('X-Request-Id'));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps a caller's well-formed id (a proxy's) and replaces anything else", async () => {
    const client = new ApiClient(base);
    const kept = await client.get('/api/health', { 'X-Request-Id': 'lb-7f3a.91_c2' });
    expect(kept.headers.get('X-Request-Id')).toBe('lb-7f3a.91_c2');
    expect((await requestLine('lb-7f3a.91_c2')).status).toBe(200);

    for (const offered of ['short', 'x'.repeat(65), 'two words here', '../../etc/passwd', '{"level":"fatal"}', 'id\twith\ttabs']) {
      const res = await client.get('/api/health', { 'X-Request-Id': offered });
      expect(res.headers.get('X-Request-Id'), offered).toMatch(UUID);
      expect(log.of(offered)).toEqual([]);
    }
  });
});

describe('the request log', () => {
  it('logs each request once: method, route pattern, person, status and time, no ids in the path, no cookies or e-mail', async () => {
    const { client, me } = await signIn();
    const { thread } = await startThread(client);
    const read = await client.get(`/api/threads/${thread.id}`, { 'X-Request-Id': 'read-thread-0001' });
    expect(read.status).toBe(200);

    const line = await requestLine('read-thread-0001');
    expect(line).toEqual({
      level: 'info',
      time: expect.any(String),
      pid: process.pid,
      hostname: expect.any(String),
      requestId: 'read-thread-0001',
      method: 'GET',
      route: '/api/threads/:id',
      userId: me.id,
      status: 200,
      responseTime: expect.any(Number),
      msg: 'request completed',
    });
    const everything = JSON.stringify(log.lines);
    expect(everything).not.toContain(EMAIL);
    expect(everything).not.toContain(client.sessionCookie()!);
    expect(everything).not.toContain(`/api/threads/${thread.id}`);
  });

  it('logs health checks at debug, and a request no route matches by its path without the query', async () => {
    const client = new ApiClient(base);
    const health = await client.get('/api/health');
    expect(await requestLine(health.headers.get('X-Request-Id')!)).toMatchObject({ level: 'debug', route: '/api/health', status: 200 });
    const missing = await client.get('/api/nowhere?token=secret');
    const line = await requestLine(missing.headers.get('X-Request-Id')!);
    expect(line).toMatchObject({ level: 'info', method: 'GET', path: '/api/nowhere', status: 404 });
    expect(line).not.toHaveProperty('userId');
    expect(JSON.stringify(log.lines)).not.toContain('secret');
  });
});

describe('a server failure (the database stopped)', () => {
  it('answers 5xx with the request id, over REST and sockets, and logs it on lines carrying that id', async () => {
    const { client, me } = await signIn();
    const { thread } = await startThread(client);
    const socket = await openSocket(client);
    await database.stop();

    // REST: the session cannot be read; the answer and the log say so under one id.
    const res = await client.get<{ error: { code: string; message: string; requestId?: string } }>(`/api/threads/${thread.id}`);
    expect(res.status).toBe(503);
    const requestId = res.headers.get('X-Request-Id')!;
    expect(requestId).toMatch(UUID);
    expect(res.body.error).toEqual({ code: 'unavailable', message: expect.any(String), requestId });
    await requestLine(requestId);
    expect(log.of(requestId)).toEqual([
      expect.objectContaining({ level: 'warn', status: 503, msg: res.body.error.message }),
      // Refused at the session read: named by its route all the same; the person is not known.
      expect.objectContaining({ level: 'warn', method: 'GET', route: '/api/threads/:id', status: 503, msg: 'request failed' }),
    ]);
    expect(log.of(requestId)[1]).not.toHaveProperty('userId');

    // A socket event: its ack carries its own request id, and its failure line names the event.
    // The driver gives up on the database after 5 s (serverSelectionTimeoutMS).
    const refused = await emitWithAck<Ack>(
      socket,
      'message.send',
      { threadId: thread.id, clientId: newClientId(), body: '停止中の送信' },
      15_000,
    );
    if (refused.ok) throw new Error('a send while the database is stopped was acknowledged as stored');
    const { error } = refused;
    expect(error).toEqual({ code: 'unavailable', message: expect.any(String), requestId: expect.stringMatching(UUID) });
    expect(log.of(error.requestId!)).toEqual([
      expect.objectContaining({ level: 'warn', event: 'message.send', userId: me.id, socketId: socket.id, msg: error.message }),
      expect.objectContaining({ level: 'debug', event: 'message.send', code: 'unavailable', msg: 'event handled' }),
    ]);
    socket.close();
  }, 60_000);
});
