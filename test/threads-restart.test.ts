/**
 * Catch-up across a server restart: the reader's socket dies with the process, messages are posted
 * before and after the restart, and on reconnecting the reader gets every one, in order, once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Message } from '../shared/schemas/threads';
import { ApiClient } from './support/client';
import { newClientId, ok, openSocket } from './support/forum';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/process';

const dataDir = mkdtempSync(path.join(tmpdir(), 'council-restart-'));
let running: ServerProcess | null = null;
afterAll(async () => {
  if (running) await stopServerProcess(running.child);
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(baseUrl: string, email: string) {
  const client = new ApiClient(baseUrl);
  expect((await client.post('/api/auth/login', { email, password: 'council-demo' })).status).toBe(200);
  return client;
}
/** The same session (cookie) against the restarted server's new address. */
function moved(client: ApiClient, baseUrl: string): ApiClient {
  const next = new ApiClient(baseUrl);
  (next as unknown as { cookies: Map<string, string> }).cookies = new Map([['council.sid', client.sessionCookie()!]]);
  return next;
}

it('a reader catches up with all 50 messages, in order, after the server process restarts', async () => {
  running = await startServerProcess(dataDir, { POSTS_PER_MINUTE: '1000' });
  const writer = await signIn(running.baseUrl, 'dev@demo.example');
  const reader = await signIn(running.baseUrl, 'dev2@demo.example');
  const created = await writer.post<{ thread: { id: string } }>('/api/threads', {
    clientId: newClientId(),
    title: '再起動',
    body: '開始',
    visibility: 'council',
  });
  const threadId = created.body.thread.id;
  const readerSocket = await openSocket(reader);
  const joined = await ok(readerSocket, 'thread.join', { threadId });
  const lastSeen = joined.thread.lastSeq;
  const live: Message[] = [];
  readerSocket.on('message.created', (m) => live.push(m));

  const writerSocket = await openSocket(writer);
  for (let i = 1; i <= 25; i++) await ok(writerSocket, 'message.send', { threadId, clientId: newClientId(), body: `再起動前 ${i}` });
  const gone = new Promise((resolve) => readerSocket.once('disconnect', resolve));
  expect(await stopServerProcess(running.child)).toBe(0);
  await gone;

  running = await startServerProcess(dataDir, { POSTS_PER_MINUTE: '1000' });
  const writerAgain = await openSocket(moved(writer, running.baseUrl));
  for (let i = 1; i <= 25; i++) await ok(writerAgain, 'message.send', { threadId, clientId: newClientId(), body: `再起動後 ${i}` });

  // The reader resumes from the last number it holds.
  const held = Math.max(lastSeen, ...live.map((m) => m.seq));
  const back = await openSocket(moved(reader, running.baseUrl));
  const caughtUp = await ok(back, 'thread.join', { threadId, afterSeq: held });
  const all = [...live, ...caughtUp.missed];
  expect(all.map((m) => m.body)).toEqual([
    ...Array.from({ length: 25 }, (_, i) => `再起動前 ${i + 1}`),
    ...Array.from({ length: 25 }, (_, i) => `再起動後 ${i + 1}`),
  ]);
  expect(all.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => lastSeen + i + 1));
  back.close();
  writerAgain.close();
  writerSocket.close();
}, 120_000);
