/**
 * Three app nodes behind nginx with the shipped configuration (deploy/nginx/), reached only through it, as browsers
 * do: their cookies carried (the session's and nginx's `council_lb`, which keeps a browser on one node), their
 * Origin sent. The long-polling fallback works through it; and when the node under a conversation is killed
 * (SIGKILL), its people reconnect through nginx to the others and catch up, and nothing acknowledged is lost or
 * stored twice.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { Message } from '../../shared/schemas/threads';
import { ApiClient, connected, type CouncilClientSocket } from '../support/client';
import { answeredBy, startCluster, stopAll, until, type AppNode, type Cluster, type Nginx } from '../support/cluster';
import { newClientId, nextEvent, ok } from '../support/forum';
import { freshFetch, Poster } from '../support/poster';

const METRICS_TOKEN = 'metrics-token-for-the-failover-tests-012345';
let cluster: Cluster;
let nginx: Nginx;
const closers: Array<() => void> = [];

beforeAll(async () => {
  cluster = await startCluster({
    count: 3,
    nginx: true,
    env: { POSTS_PER_MINUTE: '100000', SOCKET_EVENTS_PER_10S: '100000', METRICS_TOKEN },
  });
  nginx = cluster.nginx!;
}, 150_000); // three nodes start one after another on a busy machine
afterAll(async () => {
  closers.forEach((close) => close());
  await stopAll();
});

/** A browser's cookie. */
const cookie = (client: ApiClient, name: string) => new RegExp(`(?:^|; )${name}=([^;]*)`).exec(client.cookieHeader)?.[1];

/** A browser signed in through nginx (its page's Origin on every write, as a browser sends it). */
async function browser(email: string): Promise<ApiClient> {
  const client = new ApiClient(nginx.baseUrl);
  const res = await client.post('/api/auth/login', { email, password: 'council-demo' }, { origin: nginx.baseUrl });
  if (res.status !== 200) throw new Error(`sign-in of ${email} through nginx: ${res.status} ${JSON.stringify(res.body)}`);
  expect(cookie(client, 'council_lb'), 'nginx gave the browser its stickiness cookie').toMatch(/^[0-9a-f]{32}$/);
  return client;
}

/** The node that answers this browser's requests now (nginx's access log of one request of its own). */
async function nodeOf(client: ApiClient): Promise<AppNode> {
  const lb = cookie(client, 'council_lb')!;
  const before = answeredBy(nginx, lb).length;
  expect((await client.get('/api/me')).status).toBe(200);
  await until(
    () => answeredBy(nginx, lb).length > before,
    () => `nginx logged no request of ${lb}`,
  );
  const address = answeredBy(nginx, lb).at(-1)!;
  const node = cluster.nodes.find((n) => address === `127.0.0.1:${n.port}`);
  if (!node) throw new Error(`answered by ${address}, no node of the cluster`);
  return node;
}

it("a node's figures are read from the node, never through nginx, token or not", async () => {
  const authorization = `Bearer ${METRICS_TOKEN}`;
  const direct = await fetch(`${cluster.nodes[0]!.baseUrl}/metrics`, { headers: { authorization } });
  expect(direct.status).toBe(200);
  expect(await direct.text()).toMatch(/^council_sockets \d+$/m);
  const through = await fetch(`${nginx.baseUrl}/metrics`, { headers: { authorization } });
  expect(through.status).toBe(404);
  expect(await through.text()).not.toContain('council_');
});

it('the long-polling fallback works through nginx: the cookie keeps every poll of a browser on one node', async () => {
  const [writer, reader] = [await browser('dev@demo.example'), await browser('jlis@demo.example')];
  const created = await writer.post<{ thread: { id: string } }>(
    '/api/threads',
    { clientId: newClientId(), title: 'ロングポーリング', body: '開始', visibility: 'council' },
    { origin: nginx.baseUrl },
  );
  expect(created.status).toBe(201);
  const threadId = created.body.thread.id;
  const polling: CouncilClientSocket = io(nginx.baseUrl, {
    extraHeaders: { cookie: reader.cookieHeader, origin: nginx.baseUrl },
    transports: ['polling'],
    upgrade: false,
    reconnection: false,
    forceNew: true,
  });
  closers.push(() => polling.close());
  await connected(polling);
  await ok(polling, 'thread.join', { threadId });
  const arrives = nextEvent<Message>(polling, 'message.created', (m) => m.body === 'ポーリングへ');
  // Sent by a WebSocket through nginx, from wherever the writer's cookie places it.
  const ws = writer.socket({ baseUrl: nginx.baseUrl, origin: nginx.baseUrl });
  closers.push(() => ws.close());
  await connected(ws);
  const sent = await ok(ws, 'message.send', { threadId, clientId: newClientId(), body: 'ポーリングへ' });
  expect(await arrives).toMatchObject({ id: sent.message.id, seq: sent.message.seq });
  polling.close();
  // Every poll (a new HTTP request each) reached the one node holding the polling session.
  const lb = cookie(reader, 'council_lb')!;
  const home = await nodeOf(reader);
  await until(
    () => answeredBy(nginx, lb).length >= 4,
    () => `polls logged: ${answeredBy(nginx, lb).length}`,
  );
  expect(new Set(answeredBy(nginx, lb))).toEqual(new Set([`127.0.0.1:${home.port}`]));
});

it('SIGKILL the node under a conversation: its people reconnect through nginx to the others, catch up, and every acknowledged message is stored once, in order', async () => {
  const PER_POSTER = 30;
  // Two people in one thread, on two different nodes (nginx places each browser by its cookie).
  const a = await browser('dev@demo.example');
  const doomed = await nodeOf(a);
  let b = await browser('dev2@demo.example');
  for (let tries = 0; (await nodeOf(b)) === doomed; tries++) {
    if (tries > 20) throw new Error('nginx placed every browser on one node');
    b = await browser('dev2@demo.example');
  }
  const survivor = await nodeOf(b);
  const created = await a.post<{ thread: { id: string } }>(
    '/api/threads',
    { clientId: newClientId(), title: 'ノード停止', body: '開始', visibility: 'council' },
    { origin: nginx.baseUrl },
  );
  expect(created.status).toBe(201);
  const threadId = created.body.thread.id;
  const posters = [new Poster('a', a, nginx.baseUrl, threadId), new Poster('b', b, nginx.baseUrl, threadId)] as const;
  closers.push(...posters.map((p) => () => p.close()));
  await Promise.all(posters.map((p) => p.connect()));

  const posting = Promise.all(posters.map((p) => p.postMany(PER_POSTER, 30)));
  await Promise.all(posters.map((p) => p.whenAcked(8)));
  const killed = new Promise((resolve) => doomed.child.once('exit', resolve));
  doomed.child.kill('SIGKILL');
  await killed;
  const ackedBeforeKill = posters[0].acked.size;
  await posting;
  for (const poster of posters) await poster.settle();

  expect(ackedBeforeKill, 'the kill came in the middle of the conversation').toBeLessThan(PER_POSTER);
  expect(posters[0].reconnections, 'the person on the killed node reconnected').toBeGreaterThan(0);
  expect(posters[1].reconnections, 'the person on another node kept their socket').toBe(0);
  // a's browser is now served by another node (the same cookie, nginx's next node on the ring).
  const now = await nodeOf(a);
  expect(now).not.toBe(doomed);

  const stored = await freshFetch(await browser('jlis@demo.example'), threadId);
  const bodies = stored.map((m) => m.body);
  expect(new Set(bodies).size, 'no message is stored twice').toBe(bodies.length);
  expect(bodies).toHaveLength(1 + 2 * PER_POSTER);
  // Numbers rise without repeating; one the killed node had claimed but not stored is skipped (docs/THREADS.md).
  const seqs = stored.map((m) => m.seq);
  expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
  for (const poster of posters) {
    expect(poster.acked.size, poster.name).toBe(PER_POSTER);
    for (const [body, seq] of poster.acked) expect(stored.find((m) => m.body === body)?.seq, body).toBe(seq);
    // Each person's own sends in the order they made them.
    const own = stored.filter((m) => m.body?.startsWith(`${poster.name}-`)).map((m) => m.body);
    expect(own).toEqual(Array.from({ length: PER_POSTER }, (_, i) => `${poster.name}-${i + 1}`));
    // Each one's view (live events and catch-up, across the kill) is the fresh fetch.
    expect(
      poster.timeline.messages.map((m) => m.id),
      poster.name,
    ).toEqual(stored.map((m) => m.id));
  }
  expect(survivor.child.exitCode).toBeNull();
});
