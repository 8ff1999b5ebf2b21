/**
 * Faults survived, with real processes: the app killed outright, the database stopped and paused,
 * a graceful shutdown. Twenty (or ten) participants post steadily throughout, retrying with the
 * same client id as the web client does; afterwards every acknowledged message is stored exactly
 * once and every participant holds the same ordered list as a fresh fetch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedFerretDB, type EmbeddedDatabase } from '../server/db/ferretdb';
import { ApiClient } from './support/client';
import { ack, newClientId, openSocket, sleep } from './support/forum';
import { freshFetch, Poster } from './support/poster';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/process';

const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `council-${name}-`));
  dirs.push(dir);
  return dir;
};
let app: ServerProcess | null = null;
let database: EmbeddedDatabase | null = null;
afterEach(async () => {
  if (app) await stopServerProcess(app.child);
  app = null;
  if (database) {
    database.process.kill('SIGCONT');
    await database.stop();
  }
  database = null;
});
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

// Accounts without a second factor: twenty sessions within a minute of one account that has one
// (the demo org admin, the secretariat) would each need a code not used before.
const POSTERS = ['dev@demo.example', 'dev2@demo.example', 'support@demo.example'];
const PACE = { POSTS_PER_MINUTE: '100000', SOCKET_EVENTS_PER_10S: '100000' };

async function signIn(baseUrl: string, email: string): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  const res = await client.post('/api/auth/login', { email, password: 'council-demo' });
  if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status}`);
  return client;
}

/** `count` participants (several sessions per demo account) in one new council thread. */
async function participants(baseUrl: string, count: number) {
  // One after another: twenty password checks at once would keep a busy machine's cores from everything else.
  const clients: ApiClient[] = [];
  for (let i = 0; i < count; i++) clients.push(await signIn(baseUrl, POSTERS[i % POSTERS.length]!));
  const created = await clients[0]!.post<{ thread: { id: string } }>('/api/threads', {
    clientId: newClientId(),
    title: '障害試験',
    body: '開始',
    visibility: 'council',
  });
  expect(created.status).toBe(201);
  const threadId = created.body.thread.id;
  const posters = clients.map((client, i) => new Poster(`p${i + 1}`, client, baseUrl, threadId));
  await Promise.all(posters.map((p) => p.connect()));
  return { clients, posters, threadId };
}

/** Everything acknowledged is stored exactly once, nothing else is, and every participant holds the fresh list. */
async function expectConsistent(reader: ApiClient, threadId: string, posters: Poster[], perPoster: number) {
  // One after another: ten catch-ups of a few hundred messages at once take the embedded engine
  // longer than the request deadline, and their retries only add to the queue (9 s in turn, 35 s at once).
  for (const poster of posters) await poster.settle();
  const stored = await freshFetch(reader, threadId);
  const bodies = stored.map((m) => m.body);
  expect(new Set(bodies).size, 'no message is stored twice').toBe(bodies.length);
  for (const poster of posters) {
    expect(poster.acked.size).toBe(perPoster);
    for (const [body, seq] of poster.acked) expect(stored.find((m) => m.body === body)?.seq, body).toBe(seq);
  }
  expect(bodies).toHaveLength(1 + posters.length * perPoster);
  for (const poster of posters)
    expect(
      poster.timeline.messages.map((m) => m.id),
      poster.name,
    ).toEqual(stored.map((m) => m.id));
  return stored;
}

describe('the app process is killed (SIGKILL) while 20 participants post', () => {
  it('keeps every acknowledged message exactly once, and everyone ends with the fresh list', async () => {
    const dataDir = tempDir('kill');
    const port = String(await freePort());
    app = await startServerProcess(dataDir, { PORT: port, ...PACE });
    const { posters, threadId } = await participants(app.baseUrl, 20);

    const posting = Promise.all(posters.map((p) => p.postMany(40, 40)));
    await sleep(1_500);
    const killed = new Promise((resolve) => app!.child.once('exit', resolve));
    app.child.kill('SIGKILL');
    await killed;
    app = await startServerProcess(dataDir, { PORT: port, ...PACE });
    await posting;

    const reader = await signIn(app.baseUrl, 'jlis@demo.example');
    await expectConsistent(reader, threadId, posters, 40);
    expect(
      posters.some((p) => p.failures.length > 0),
      'the kill interrupted some sends',
    ).toBe(true);
    expect(
      posters.every((p) => p.reconnections > 0),
      'every participant reconnected',
    ).toBe(true);
    posters.forEach((p) => p.close());
  }, 120_000);
});

describe('the database fails under a running app', () => {
  /** The app on a FerretDB this test owns, so the test can stop and pause it. */
  async function appOnOwnDatabase(env: Record<string, string> = {}) {
    const dbDir = tempDir('db');
    database = await startEmbeddedFerretDB({ dataDir: dbDir, listenAddr: `127.0.0.1:${await freePort()}` });
    app = await startServerProcess(tempDir('app'), { MONGODB_URI: `${database.uri}council`, ...PACE, ...env });
    return dbDir;
  }

  it('stopped: 503 with a clear error, health says so, sends are refused (never falsely ok), and all resumes without a restart', async () => {
    const dbDir = await appOnOwnDatabase({ REQUEST_TIMEOUT_MS: '3000' });
    const appPid = app!.child.pid;
    const { clients, posters, threadId } = await participants(app!.baseUrl, 10);
    const watcher = await openSocket(clients[2]!);
    const posting = Promise.all(posters.map((p) => p.postMany(60, 100)));
    await sleep(600);

    const address = new URL(database!.uri).host;
    await database!.stop();
    // A send while the database is away is acknowledged as failed, with the reason.
    const refused = await ack(watcher, 'message.send', { threadId, clientId: newClientId(), body: '停止中の送信' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const health = await fetch(`${app!.baseUrl}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ db: 'down' });
    const write = await clients[0]!.post<{ error: { code: string; message: string } }>('/api/threads', {
      clientId: newClientId(),
      title: '停止中',
      body: '本文',
      visibility: 'council',
    });
    expect(write.status).toBe(503);
    // Either the database is named, or — once the writes already waiting on it are late — the write
    // is turned away at once as busy (admission control): both say nothing was stored.
    expect(write.body.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/database|busy/) });
    await sleep(2_500);

    database = await startEmbeddedFerretDB({ dataDir: dbDir, listenAddr: address });
    await expect
      .poll(async () => (await fetch(`${app!.baseUrl}/api/health`)).status, { timeout: 30_000, interval: 250 })
      .toBe(200)
      .catch((err: unknown) => {
        throw new Error(`${String(err)}\n${app!.output.slice(-30).join('\n')}`);
      });
    await posting;
    // The outage reached the posters as failed sends, each named for what it was, and they retried.
    const failures = posters.flatMap((p) => p.failures);
    expect(failures.length, 'sends failed during the outage').toBeGreaterThan(0);
    const unexpected = app!.output
      .filter((line) => line.includes('unhandled error'))
      .slice(-3)
      .join('\n');
    expect(new Set(failures), `failed sends say the database is unavailable\n${unexpected}`).toEqual(new Set(['unavailable']));
    await expectConsistent(clients[1]!, threadId, posters, 60);
    watcher.close();
    expect(app!.child.pid).toBe(appPid);
    expect(app!.child.exitCode).toBeNull();
    posters.forEach((p) => p.close());
  }, 120_000);

  it('paused for 2 s (SIGSTOP): requests time out cleanly with 503 and nothing is half-written', async () => {
    await appOnOwnDatabase({ REQUEST_TIMEOUT_MS: '1200' });
    const { clients, posters, threadId } = await participants(app!.baseUrl, 10);
    const watcher = await openSocket(clients[2]!);
    const posting = Promise.all(posters.map((p) => p.postMany(12, 60)));
    await sleep(600);

    database!.process.kill('SIGSTOP');
    const started = Date.now();
    const slow = await clients[0]!.get<{ error: { code: string } }>('/api/threads');
    const waited = Date.now() - started;
    expect(slow.status).toBe(503);
    expect(slow.body.error.code).toBe('unavailable');
    expect(waited).toBeLessThan(1_900);
    // A send during the pause is acknowledged as failed, with the reason.
    expect(await ack(watcher, 'message.send', { threadId, clientId: newClientId(), body: '一時停止中の送信' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
    await sleep(Math.max(0, 2_000 - (Date.now() - started)));
    database!.process.kill('SIGCONT');

    await posting;
    const stored = await expectConsistent(clients[1]!, threadId, posters, 12);
    // Whole messages only: every stored one has its author, body and number, and the thread's last number covers them.
    expect(stored.every((m) => m.author?.displayName && m.body && m.seq > 0)).toBe(true);
    const thread = await clients[1]!.get<{ thread: { lastSeq: number } }>(`/api/threads/${threadId}`);
    expect(thread.body.thread.lastSeq).toBeGreaterThanOrEqual(Math.max(...stored.map((m) => m.seq)));
    posters.forEach((p) => p.close());
    watcher.close();
  }, 120_000);

  it.each([
    ['too many writes are running', { ADMISSION_MAX_WRITES: '6', ADMISSION_LATE_MS: '60000' }],
    ['enough of the writes running are late', { ADMISSION_MAX_WRITES: '1000', ADMISSION_LATE_WRITES: '4', ADMISSION_LATE_MS: '300' }],
  ])(
    'paused under writes: once %s, new writes are turned away at once as busy; reads wait; nothing is lost',
    async (_rule, admission) => {
      await appOnOwnDatabase({ REQUEST_TIMEOUT_MS: '8000', ...admission });
      const [client] = await Promise.all([signIn(app!.baseUrl, 'dev@demo.example')]);
      const created = await client!.post<{ thread: { id: string } }>('/api/threads', {
        clientId: newClientId(),
        title: '混雑試験',
        body: '開始',
        visibility: 'council',
      });
      const threadId = created.body.thread.id;
      const socket = await openSocket(client!);

      database!.process.kill('SIGSTOP');
      const running = Array.from({ length: 6 }, (_, i) =>
        ack(socket, 'message.send', { threadId, clientId: newClientId(), body: `停止中 ${i + 1}` }),
      );
      const read = client!.get<{ error: { message: string } }>(`/api/threads/${threadId}`);
      await sleep(700); // the six are running, and older than 300 ms
      const refusedEvent = await ack(socket, 'message.send', { threadId, clientId: newClientId(), body: '混雑中の送信' });
      const refusedPost = await client!.post<{ error: { code: string; message: string } }>(`/api/threads/${threadId}/messages`, {
        clientId: newClientId(),
        body: '混雑中の投稿',
      });
      database!.process.kill('SIGCONT');

      expect(refusedEvent).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/busy/) } });
      expect(refusedPost.status).toBe(503);
      expect(refusedPost.headers.get('retry-after')).toBe('1');
      expect(refusedPost.body.error.message).toMatch(/busy/);
      // A read is never turned away: it waited for the database and got its answer.
      expect((await read).status).toBe(200);
      // The six already running finish, and writes are taken again.
      for (const reply of await Promise.all(running)) expect(reply).toMatchObject({ ok: true });
      expect(await ack(socket, 'message.send', { threadId, clientId: newClientId(), body: '再開後' })).toMatchObject({ ok: true });
      const bodies = (await freshFetch(client!, threadId)).map((m) => m.body);
      expect(bodies.sort()).toEqual(['停止中 1', '停止中 2', '停止中 3', '停止中 4', '停止中 5', '停止中 6', '再開後', '開始'].sort());
      socket.close();
    },
    60_000,
  );
});

describe('graceful shutdown (SIGTERM) while 10 participants post', () => {
  it('stops accepting, finishes the writes in flight, tells sockets to reconnect, and exits 0', async () => {
    const dataDir = tempDir('term');
    const port = String(await freePort());
    app = await startServerProcess(dataDir, { PORT: port, ...PACE });
    const { clients, posters, threadId } = await participants(app.baseUrl, 10);
    const posting = Promise.all(posters.map((p) => p.postMany(40, 40)));
    await sleep(700);

    // Requests already sent when the signal arrives are answered (a result or a 503 to retry), never
    // cut off — on connections already open (opened first) or new ones the client opens for them.
    await Promise.all(clients.map((c) => c.get('/api/me')));
    const inFlight = Array.from({ length: 10 }, (_, i) =>
      clients[i]!.post('/api/threads', { clientId: newClientId(), title: `終了直前 ${i}`, body: '本文', visibility: 'council' }).then(
        (r) => r.status,
      ),
    );
    const exited = new Promise<number | null>((resolve) => app!.child.once('exit', (code) => resolve(code)));
    await sleep(20);
    app.child.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);
    expect(
      statuses.every((s) => s === 201 || s === 503),
      statuses.join(','),
    ).toBe(true);
    expect(await exited).toBe(0);
    await expect(fetch(`${app.baseUrl}/api/health`)).rejects.toThrow();
    expect(posters.filter((p) => p.notices.includes('server.shutdown')).length).toBeGreaterThan(0);

    app = await startServerProcess(dataDir, { PORT: port, ...PACE });
    await posting;
    const reader = await signIn(app.baseUrl, 'jlis@demo.example');
    await expectConsistent(reader, threadId, posters, 40);
    posters.forEach((p) => p.close());
  }, 120_000);
});

describe('the embedded database dies under `npm start`', () => {
  it('is started again on the same address, and the app recovers by itself', async () => {
    app = await startServerProcess(tempDir('supervise'), PACE);
    const child = spawnSync('pgrep', ['-P', String(app.child.pid), '-f', 'ferretdb-embedded'], { encoding: 'utf8' }).stdout.trim();
    expect(child).toMatch(/^\d+$/);
    process.kill(Number(child), 'SIGKILL');
    // A new FerretDB process takes its place (so quickly that health may never even say 503).
    const ferretOf = () =>
      spawnSync('pgrep', ['-P', String(app!.child.pid), '-f', 'ferretdb-embedded'], { encoding: 'utf8' }).stdout.trim();
    // Another one: until the app has reaped the killed process, pgrep still finds it (a zombie).
    await expect.poll(ferretOf, { timeout: 30_000, interval: 100 }).toMatch(new RegExp(`^(?!${child}$)\\d+$`));
    await expect.poll(async () => (await fetch(`${app!.baseUrl}/api/health`)).status, { timeout: 30_000, interval: 250 }).toBe(200);
    const client = await signIn(app.baseUrl, 'dev@demo.example');
    expect((await client.get('/api/threads')).status).toBe(200);
    expect(app.child.exitCode).toBeNull();
  }, 90_000);
});
