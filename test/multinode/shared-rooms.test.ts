/**
 * Three app nodes on one database, sharing their rooms and limits through Redis (issue 22), each reached directly
 * (no load balancer here: a socket or request goes to the node the test names). What one node does reaches the
 * people on the others — a message with its number, presence in a live room, the floor, a deactivation — and the
 * posting pace and login lockout are one per person whatever node serves them. Redis restarted under the nodes:
 * health says so and the rooms recover by themselves. A node whose Redis does not answer does not start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPresenceChange } from '../../shared/meetings/presence';
import type { Meeting, RoomPresence, RoomState } from '../../shared/schemas/meetings';
import type { Message } from '../../shared/schemas/threads';
import type { UserCreated } from '../../shared/schemas/users';
import { ApiClient, connected, type CouncilClientSocket } from '../support/client';
import { freePort, startCluster, startNode, stopAll, stopProcess, until, type AppNode, type Cluster } from '../support/cluster';
import { ack, newClientId, nextEvent, ok, postMessage, startThread } from '../support/forum';
import type { Me } from '../support/json';
import { secondFactorAnswers } from '../support/secondFactor';

let cluster: Cluster;
let n1: AppNode, n2: AppNode, n3: AppNode;
const sockets: CouncilClientSocket[] = [];
const secondFactor = secondFactorAnswers({ canIssueRecoveryCodes: false });

beforeAll(async () => {
  // A small pace and lockout, to reach them across the nodes.
  cluster = await startCluster({ count: 3, env: { POSTS_PER_MINUTE: '5', LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', METRICS_TOKEN } });
  [n1, n2, n3] = cluster.nodes as [AppNode, AppNode, AppNode];
}, 150_000); // three nodes start one after another on a busy machine
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await stopAll();
});

const METRICS_TOKEN = 'metrics-token-for-the-multinode-tests-0123';

/** `council_redis_up` as `node` reports it at `GET /metrics`. */
async function redisUpGauge(node: AppNode): Promise<string | undefined> {
  const res = await fetch(`${node.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  return /^council_redis_up (\d)$/m.exec(await res.text())?.[1];
}

/** Signed in on `node` (the second step too, for the accounts that have one). */
async function signIn(node: AppNode, email: string, password = 'council-demo'): Promise<ApiClient> {
  const client = new ApiClient(node.baseUrl);
  let res = await client.post<{ mfa?: string }>('/api/auth/login', { email, password });
  if (res.status === 200 && res.body?.mfa === 'required')
    res = await client.post('/api/auth/login/second-factor', await secondFactor.next(email));
  if (res.status !== 200) throw new Error(`sign-in of ${email} on ${node.name}: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

/** The same session (cookie) against another node. */
function at(client: ApiClient, node: AppNode): ApiClient {
  const there = new ApiClient(node.baseUrl);
  (there as unknown as { cookies: Map<string, string> }).cookies = new Map([['council.sid', client.sessionCookie()!]]);
  return there;
}

/** A socket of `client`'s session straight to `node`. */
async function socketOn(client: ApiClient, node: AppNode): Promise<CouncilClientSocket> {
  const socket = client.socket({ baseUrl: node.baseUrl });
  sockets.push(socket);
  await connected(socket);
  return socket;
}

const idOf = async (client: ApiClient) => (await client.get<Me>('/api/me')).body.id;
const disconnected = (socket: CouncilClientSocket) => new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));

describe('a thread across nodes', () => {
  it('a message sent through node 1 reaches readers on nodes 2 and 3 with the same number, by socket and by REST', async () => {
    const [dev, dev2, mhlw] = await Promise.all([
      signIn(n1, 'dev@demo.example'),
      signIn(n2, 'dev2@demo.example'),
      signIn(n3, 'mhlw@demo.example'),
    ]);
    const { thread } = await startThread(dev, { title: '複数ノード' });
    const [onNode2, onNode3, sender] = await Promise.all([socketOn(dev2, n2), socketOn(mhlw, n3), socketOn(dev, n1)]);
    await ok(onNode2, 'thread.join', { threadId: thread.id });
    // Who views the thread is read across the nodes: the joiner on node 3 sees the reader on node 2.
    const joined = await ok(onNode3, 'thread.join', { threadId: thread.id });
    expect(joined.viewers.map((v) => v.id)).toContain(await idOf(dev2));
    await ok(sender, 'thread.join', { threadId: thread.id });

    const arrives = (socket: CouncilClientSocket, body: string) => nextEvent<Message>(socket, 'message.created', (m) => m.body === body);
    const bySocket = [arrives(onNode2, 'ノード1から（ソケット）'), arrives(onNode3, 'ノード1から（ソケット）')];
    const sent = await ok(sender, 'message.send', { threadId: thread.id, clientId: newClientId(), body: 'ノード1から（ソケット）' });
    for (const received of await Promise.all(bySocket)) expect(received).toMatchObject({ id: sent.message.id, seq: sent.message.seq });

    const byRest = [arrives(onNode2, 'ノード1から（REST）'), arrives(onNode3, 'ノード1から（REST）')];
    const posted = await postMessage(dev, thread.id, 'ノード1から（REST）');
    expect(posted.seq).toBe(sent.message.seq + 1);
    for (const received of await Promise.all(byRest)) expect(received).toMatchObject({ id: posted.id, seq: posted.seq });
  });
});

describe('a live room across nodes', () => {
  let meetingId: string;
  let ids: Record<'secretariat' | 'dev' | 'dev2' | 'mhlw' | 'jlis', string>;
  let secretariat: ApiClient, dev: ApiClient, dev2: ApiClient, mhlw: ApiClient, jlis: ApiClient;
  /** The secretariat's socket on node 2, and the room's presence as it keeps it from the changes it is sent. */
  let watcher: CouncilClientSocket;
  let presence: RoomPresence;
  let ministry: CouncilClientSocket;
  const join = (socket: CouncilClientSocket) => ok(socket, 'meeting.join', { meetingId }) as Promise<RoomState>;
  const people = (p: RoomPresence) => p.flatMap((g) => g.people.map((x) => x.id)).sort();
  /** Until the presence the watcher holds is `expected`: now, or after one of the changes it is sent. */
  const watched = async (expected: string[], what: string) => {
    const want = JSON.stringify([...expected].sort());
    const holds = () => JSON.stringify(people(presence)) === want;
    if (holds()) return;
    // Heard after the listener that applies the change (registered first), so `presence` is up to date here.
    await nextEvent(watcher, 'meeting.presence', holds, 20_000).catch(() => {
      throw new Error(`${what}: the watcher holds ${JSON.stringify(people(presence))}, expected ${want}`);
    });
  };

  beforeAll(async () => {
    secretariat = await signIn(n2, 'secretariat@demo.example');
    [dev, dev2, mhlw, jlis] = await Promise.all([
      signIn(n1, 'dev@demo.example'),
      signIn(n1, 'dev2@demo.example'),
      signIn(n3, 'mhlw@demo.example'),
      signIn(n1, 'jlis@demo.example'),
    ]);
    ids = {
      secretariat: await idOf(secretariat),
      dev: await idOf(dev),
      dev2: await idOf(dev2),
      mhlw: await idOf(mhlw),
      jlis: await idOf(jlis),
    };
    const startsAt = new Date(Date.now() + 86_400_000);
    const created = await secretariat.post<Meeting>('/api/meetings', {
      kind: 'plenary',
      title: '全体会議（複数ノード）',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    meetingId = created.body.id;
    for (const to of ['scheduled', 'live'])
      expect((await at(secretariat, n1).post(`/api/meetings/${meetingId}/status`, { to })).status).toBe(200);
    watcher = await socketOn(secretariat, n2);
    presence = (await join(watcher)).presence;
    watcher.on('meeting.presence', (change) => (presence = applyPresenceChange(presence, change)));
  });

  it('presence counts everyone on every node once, a person with tabs on two nodes too', async () => {
    // dev has two tabs, on nodes 1 and 3; the observer is on node 3, dev2 on node 1.
    const [devTab1, devTab3, vendor2] = await Promise.all([socketOn(dev, n1), socketOn(dev, n3), socketOn(dev2, n1)]);
    ministry = await socketOn(mhlw, n3);
    for (const socket of [devTab1, devTab3, ministry, vendor2]) await join(socket);
    await watched([ids.secretariat, ids.dev, ids.dev2, ids.mhlw], 'four joined on three nodes');
    // A joiner on node 1 is shown the whole room, each person once.
    const fresh = await join(await socketOn(jlis, n1));
    expect(people(fresh.presence)).toEqual([ids.secretariat, ids.dev, ids.dev2, ids.mhlw, ids.jlis].sort());
    await watched([ids.secretariat, ids.dev, ids.dev2, ids.mhlw, ids.jlis], 'the fifth joined');

    // One of dev's tabs closes (node 1) and dev2 leaves (node 1): dev stays in the room by the tab on node 3.
    devTab1.close();
    await ok(vendor2, 'meeting.leave', { meetingId });
    await watched([ids.secretariat, ids.dev, ids.mhlw, ids.jlis], 'dev2 left');
    expect(people((await join(await socketOn(jlis, n2))).presence)).toEqual([ids.secretariat, ids.dev, ids.mhlw, ids.jlis].sort());
    // The other tab closes too: dev is gone.
    devTab3.close();
    await watched([ids.secretariat, ids.mhlw, ids.jlis], 'dev closed the last tab');
  });

  it('a person who left through one node and comes back through another is in the room again for everyone', async () => {
    // dev left through node 3 (the test above); node 1 last told the room of a change while dev was still there.
    await join(await socketOn(dev, n1));
    await watched([ids.secretariat, ids.dev, ids.mhlw, ids.jlis], 'dev came back on node 1');
    const fresh = await join(await socketOn(jlis, n3));
    expect(people(fresh.presence)).toEqual(people(presence));
  });

  it('the floor given on node 2 reaches the observer on node 3, who may then speak there', async () => {
    // Node 3 has just read the room for a join (its snapshot, kept for the next joins): the grant on node 2 must
    // drop it, or the next joiner on node 3 is shown the room without the floor.
    const observerView = await join(ministry);
    expect(observerView.canSpeak).toBe(false);
    expect(observerView.floor).toEqual([]);
    const floorReached = nextEvent<{ meetingId: string; floor: Array<{ id: string }> }>(
      ministry,
      'meeting.floor',
      (p) => p.meetingId === meetingId,
    );
    const granted = await ok(watcher, 'meeting.floor', { meetingId, userId: ids.mhlw, on: true });
    expect(granted.floor.map((p) => p.id)).toEqual([ids.mhlw]);
    expect((await floorReached).floor.map((p) => p.id)).toEqual([ids.mhlw]);
    const again = await join(ministry);
    expect(again.floor.map((p) => p.id)).toEqual([ids.mhlw]);
    expect(again.canSpeak).toBe(true);
    const heard = nextEvent<{ body: string }>(watcher, 'meeting.chat', (m) => m.body === '厚生労働省です');
    await ok(ministry, 'meeting.chat', { meetingId, clientId: newClientId(), body: '厚生労働省です' });
    expect((await heard).body).toBe('厚生労働省です');
  });
});

describe('one person across nodes', () => {
  it('deactivated on node 1, their sockets on nodes 2 and 3 are told and dropped at once', async () => {
    const secretariat = await signIn(n1, 'secretariat@demo.example');
    const orgId = (await (await signIn(n2, 'dev@demo.example')).get<Me>('/api/me')).body.organization.id;
    const created = await secretariat.post<UserCreated>(`/api/organizations/${orgId}/users`, {
      email: 'leaving@demo.example',
      displayName: '退任 太郎',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const password = created.body.temporaryPassword;
    // Two sessions: one signed in on node 2 (with a second socket on node 3), one on node 3.
    const [first, second] = [await signIn(n2, 'leaving@demo.example', password), await signIn(n3, 'leaving@demo.example', password)];
    const doomed = await Promise.all([socketOn(first, n2), socketOn(first, n3), socketOn(second, n3)]);
    const told = doomed.map((socket) => {
      const order: string[] = [];
      socket.on('session.ended', (p) => order.push(`session.ended:${p.reason}`));
      return disconnected(socket).then(() => [...order, 'disconnect']);
    });

    expect((await secretariat.post(`/api/users/${created.body.user.id}/deactivate`)).status).toBe(200);
    const answered = Date.now();
    expect(await Promise.all(told)).toEqual(Array(3).fill(['session.ended:deactivated', 'disconnect']));
    expect(Date.now() - answered, 'dropped by the time the deactivation is answered, or just after').toBeLessThan(2_000);
    expect((await first.get('/api/me')).status).toBe(401);
    expect((await at(second, n1).get('/api/me')).status).toBe(401);
  });

  it('the posting pace is one per person: five posts spread over the three nodes, the sixth refused on any of them', async () => {
    const writer = await signIn(n1, 'support@demo.example');
    const { thread } = await startThread(writer, { title: '投稿ペース' }); // 1 (node 1)
    const onNode2 = await socketOn(writer, n2);
    await postMessage(at(writer, n3), thread.id, '2'); // node 3
    await ok(onNode2, 'message.send', { threadId: thread.id, clientId: newClientId(), body: '3' }); // node 2
    await postMessage(writer, thread.id, '4'); // node 1
    await postMessage(at(writer, n2), thread.id, '5'); // node 2
    for (const node of [n1, n2, n3]) {
      const refused = await at(writer, node).post<{ error: { code: string } }>(`/api/threads/${thread.id}/messages`, {
        clientId: newClientId(),
        body: '6',
      });
      expect(refused.status, node.name).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const onNode3 = await socketOn(writer, n3);
    expect(await ack(onNode3, 'message.send', { threadId: thread.id, clientId: newClientId(), body: '6' })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
  });

  it('the login lockout adds up failures on different nodes', async () => {
    const email = 'dev-admin@demo.example';
    const attempt = (node: AppNode, password: string) => new ApiClient(node.baseUrl).post('/api/auth/login', { email, password });
    expect((await attempt(n1, 'wrong-1')).status).toBe(401);
    expect((await attempt(n2, 'wrong-2')).status).toBe(401);
    // The third failure (LOGIN_MAX_FAILURES_PER_ACCOUNT) locks the account, wherever it lands.
    expect((await attempt(n3, 'wrong-3')).status).toBe(429);
    for (const node of [n1, n2, n3]) expect((await attempt(node, 'council-demo')).status, node.name).toBe(429);
  });
});

describe('Redis restarted under the nodes', () => {
  it('health says 503 redis down, a node still drains cleanly, health is 200 again by itself, and the rooms work across nodes again', async () => {
    const [writer, reader] = await Promise.all([signIn(n1, 'dev2@demo.example'), signIn(n2, 'jlis@demo.example')]);
    const { thread } = await startThread(writer, { title: 'Redis 再起動' });
    const listening = await socketOn(reader, n2);
    await ok(listening, 'thread.join', { threadId: thread.id });
    const health = async (node: AppNode) => {
      const res = await fetch(`${node.baseUrl}/api/health`);
      return { status: res.status, ...((await res.json()) as { db: string; redis: string }) };
    };
    const healthBecomes = async (node: AppNode, status: number) => {
      let last = await health(node);
      await until(
        async () => (last = await health(node)).status === status,
        () => `${node.name}: ${JSON.stringify(last)}`,
      );
      return last;
    };

    expect(await redisUpGauge(n1)).toBe('1');
    await cluster.redis.stop();
    for (const node of [n1, n2, n3]) expect(await healthBecomes(node, 503)).toEqual({ status: 503, db: 'up', demo: true, redis: 'down' });
    expect(await redisUpGauge(n1)).toBe('0');
    // While Redis is away a node serves what is its own alone: reads, and joins at once, with who views the thread
    // on this node (not after waiting on Redis for the request's deadline).
    expect((await writer.get(`/api/threads/${thread.id}`)).status).toBe(200);
    const onNode1 = await socketOn(writer, n1);
    const joining = Date.now();
    const alone = await ok(onNode1, 'thread.join', { threadId: thread.id });
    expect(Date.now() - joining).toBeLessThan(3_000);
    expect(alone.viewers.map((v) => v.id)).toEqual([await idOf(writer)]);
    // A node stopped for an upgrade drains and exits cleanly (it does not wait for Redis to say goodbye to it).
    const draining = Date.now();
    expect(await stopProcess(n3.child)).toBe(0);
    expect(Date.now() - draining).toBeLessThan(10_000);

    await cluster.redis.start();
    for (const node of [n1, n2]) expect(await healthBecomes(node, 200)).toEqual({ status: 200, db: 'up', demo: true, redis: 'up' });
    expect(await redisUpGauge(n2)).toBe('1');
    // The socket on node 2 that stayed through the outage gets what is sent through node 1.
    const arrives = nextEvent<Message>(listening, 'message.created', (m) => m.body === 'Redis が戻った後', 10_000);
    const posted = await postMessage(writer, thread.id, 'Redis が戻った後');
    expect(await arrives).toMatchObject({ id: posted.id, seq: posted.seq });
    // Who is in a room is read across the nodes again (once each node has subscribed anew).
    const readerId = await idOf(reader);
    let viewers: string[] = [];
    await until(
      async () => (viewers = (await ok(onNode1, 'thread.join', { threadId: thread.id })).viewers.map((v) => v.id)).includes(readerId),
      () => `viewers seen from node 1: ${JSON.stringify(viewers)}`,
    );
  });
});

describe('start-up', () => {
  it('stops with a clear message when REDIS_URL does not answer', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    const boot = startNode('no-redis', { ...cluster.settings, redisUrl: nowhere });
    await expect(boot).rejects.toThrow(/exited \(1\)/);
    await expect(boot).rejects.toThrow(new RegExp(`REDIS_URL ${nowhere}: Redis does not answer`));
    // It gives up instead of waiting for Redis (the time is the app's own start-up, longer on a busy machine).
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
