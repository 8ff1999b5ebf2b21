/**
 * The load generator: its own process (pinned to its own core by the bench), driving either the
 * app or a baseline with the same code. Every latency is measured here, from the moment a send was
 * *scheduled* to the moment it was received, on this process's one monotonic clock — so a slow
 * server (or a slow generator) cannot hide behind a late send. Sends follow an open-loop schedule.
 *
 * Protocol: argv[2] is a task file (JSON); progress goes to stdout as JSON lines
 * ({ type: 'log' | 'phase' | 'result' }); after a `phase` line the generator waits for a line on
 * stdin before going on (the bench measures the server in between).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { BSON, MongoClient, type Document, type Sort } from 'mongodb';
import { io, type Socket } from 'socket.io-client';
import { Samples, summarize, type LatencySummary } from './stats';

export interface SocketTarget {
  url: string;
  /**
   * Several servers (the nodes of a cluster): socket i connects to `urls[i % urls.length]` (round robin), so the
   * senders of a fan-out (the first sockets) are spread over them too. Absent or empty: every socket to `url`.
   */
  urls?: string[];
  /** One session cookie per client; absent for the bare server (no sessions there). */
  cookies?: string[];
}

export type Task =
  | ({
      kind: 'fanout';
      clients: number;
      meetingId: string;
      senders: number;
      steps: Array<{ rate: number; durationMs: number }>;
      stopAboveP99Ms?: number;
      /** Say `paced` before the first step and `pacedDone` after the last (the bench reads the servers' CPU time there). */
      phases?: boolean;
    } & SocketTarget)
  | ({ kind: 'connections'; clients: number; holdMs: number } & SocketTarget)
  | ({ kind: 'joinstorm'; clients: number; meetingId: string; windowMs: number; settleMs: number } & SocketTarget)
  | ({ kind: 'burst'; threads: string[]; viewersPerThread: number; rate: number; durationMs: number; drainMs: number } & SocketTarget)
  | ({
      kind: 'bell';
      clients: number;
      /** What each socket waits for: the app's `notification.new`, or the bare server's broadcast (`meeting.chat`). */
      event: 'notification.new' | 'meeting.chat';
      /** The one to time: the notification's target id, or the chat line's clientId. */
      expect: string;
      /** The bare server: the sockets join this room first (the app puts each in `user:<id>` itself). */
      meetingId?: string;
      waitMs: number;
    } & SocketTarget)
  | {
      kind: 'rest';
      url: string;
      cookie: string;
      requests: RestRequest[];
      rate: number;
      durationMs: number;
      timeoutMs: number;
      warm?: boolean;
    }
  | { kind: 'driver'; mongoUri: string; requests: RestRequest[]; rate: number; durationMs: number; timeoutMs: number; warm?: boolean };

/** One request of a REST scenario, with the query the route runs, for the driver baseline. */
export interface RestRequest {
  path: string;
  /** EJSON text of { collection, filter, sort, skip, limit, projection, count } */
  query: string;
}

interface DriverQuery {
  collection: string;
  filter: Document;
  sort: Sort;
  skip?: number;
  limit: number;
  projection?: Document;
  /** The route also counts the matches (register total). */
  count?: boolean;
  /**
   * A thread page read as the app reads it (server/threads/messages.ts topLevelBefore): equality
   * lookups on (thread, bucket), two buckets at a time downwards, until `count` top-level messages.
   */
  bucketed?: { threadId: Document[string]; before: number; count: number; span: number; maxWindow: number };
}

const send = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const log = (message: string) => send({ type: 'log', message });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stdinLines = readline.createInterface({ input: process.stdin });
const nextStdinLine = () => new Promise<string>((resolve) => stdinLines.once('line', resolve));

/** Tell the bench a phase is reached and wait until it says go on; resolves with what it said (`go`, or a value). */
async function phase(name: string, data: object = {}): Promise<string> {
  send({ type: 'phase', name, ...data });
  return nextStdinLine();
}

/** Fire `fire(i, scheduledAt)` at `rate`/s for `durationMs`, by the schedule (open loop). */
async function paced(rate: number, durationMs: number, fire: (i: number, scheduledAt: number) => void): Promise<number> {
  const total = Math.max(1, Math.round((rate * durationMs) / 1000));
  const interval = 1000 / rate;
  const start = performance.now();
  let next = 0;
  while (next < total) {
    const now = performance.now();
    while (next < total && start + next * interval <= now) {
      fire(next, start + next * interval);
      next++;
    }
    await sleep(Math.max(0, Math.min(5, start + next * interval - performance.now())));
  }
  return total;
}

const cpuPercent = (since: NodeJS.CpuUsage, wallMs: number) => {
  const used = process.cpuUsage(since);
  return Math.round(((used.user + used.system) / 1000 / wallMs) * 100);
};

// ---- sockets ------------------------------------------------------------------------------------

type AnySocket = Socket;
interface AckResponse {
  ok: boolean;
  error?: { code: string; message: string };
  [key: string]: unknown;
}

function emitWithAck(socket: AnySocket, event: string, payload: object, timeoutMs = 60_000): Promise<AckResponse> {
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, response: AckResponse) => {
      resolve(err ? { ok: false, error: { code: 'timeout', message: err.message } } : response);
    });
  });
}

/** Requests of the lone probe of a REST scenario, after one warm-up. */
const PROBE_REQUESTS = 8;

/**
 * Engine.IO names a failed transport only ("websocket error"); its `description` holds what failed underneath
 * (EMFILE, ECONNRESET, "Unexpected server response: 503").
 */
function withCause(err: Error & { description?: unknown }): Error {
  const d = err.description as { message?: unknown; error?: { message?: unknown } } | undefined;
  const cause = d?.error?.message ?? d?.message;
  return typeof cause === 'string' && cause !== err.message ? new Error(`${err.message}: ${cause}`) : err;
}

/** Open `count` sockets, at most `inFlight` handshakes at a time. */
async function connectMany(
  target: SocketTarget,
  count: number,
  inFlight = Number(process.env.BENCH_HANDSHAKES_IN_FLIGHT ?? 20),
): Promise<{ sockets: AnySocket[]; urls: string[]; failures: string[]; failed: number; ms: number }> {
  const sockets: AnySocket[] = new Array(count);
  const urlOf = (i: number) => (target.urls?.length ? target.urls[i % target.urls.length]! : target.url);
  const failures: string[] = [];
  const started = performance.now();
  let next = 0;
  let done = 0;
  await new Promise<void>((resolve) => {
    const open = () => {
      if (next >= count) return;
      const i = next++;
      const cookie = target.cookies ? target.cookies[i % target.cookies.length] : undefined;
      const socket = io(urlOf(i), {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        timeout: 60_000,
        ...(cookie ? { extraHeaders: { cookie } } : {}),
      });
      sockets[i] = socket;
      const settle = (error?: Error) => {
        if (error) failures.push(error.message);
        done++;
        if (done % 2000 === 0) log(`  ${done} / ${count} sockets`);
        if (done === count) resolve();
        else open();
      };
      socket.once('connect', () => settle());
      socket.once('connect_error', (err) => settle(withCause(err)));
    };
    for (let k = 0; k < Math.min(inFlight, count); k++) open();
  });
  const summary = failures.slice(0, 3).concat(failures.length > 3 ? [`… ${failures.length} in all`] : []);
  if (failures.length) log(`  ${failures.length} of ${count} handshakes failed: ${summary.join('; ')}`);
  const connected = sockets.flatMap((s, i) => (s.connected ? [i] : []));
  return {
    sockets: connected.map((i) => sockets[i]!),
    /** The server each of `sockets` is connected to. */
    urls: connected.map(urlOf),
    failures: summary,
    failed: failures.length,
    ms: Math.round(performance.now() - started),
  };
}

const closeAll = (sockets: AnySocket[]) => sockets.forEach((s) => s?.close());

async function joinAll(sockets: AnySocket[], event: string, payloadOf: (i: number) => object, inFlight = 100): Promise<number> {
  let failed = 0;
  for (let i = 0; i < sockets.length; i += inFlight) {
    const results = await Promise.all(sockets.slice(i, i + inFlight).map((s, k) => emitWithAck(s, event, payloadOf(i + k))));
    failed += results.filter((r) => !r.ok).length;
    if (failed && results.some((r) => !r.ok)) log(`  ${event} refused: ${JSON.stringify(results.find((r) => !r.ok)?.error)}`);
  }
  return failed;
}

const runTag = `${process.pid.toString(36)}${Date.now().toString(36)}`;

// ---- scenarios ----------------------------------------------------------------------------------

interface FanoutStep {
  rate: number;
  posts: number;
  ackFailures: number;
  expected: number;
  received: number;
  latency: LatencySummary;
  deliveriesPerSec: number;
  generatorCpuPercent: number;
}

/** How many of `urls` (one per socket) are each server's, when there are several. */
function perServer(urls: readonly string[]): Record<string, number> | undefined {
  const counts: Record<string, number> = {};
  for (const url of urls) counts[url] = (counts[url] ?? 0) + 1;
  return Object.keys(counts).length > 1 ? counts : undefined;
}

async function fanout(task: Extract<Task, { kind: 'fanout' }>) {
  const { sockets, urls, failures, failed, ms } = await connectMany(task, task.clients);
  const joinStarted = performance.now();
  const joinFailures = await joinAll(sockets, 'meeting.join', () => ({ meetingId: task.meetingId }));
  const joinMs = Math.round(performance.now() - joinStarted);
  const servers = perServer(urls);
  log(
    `  ${sockets.length} sockets in the room (${ms} ms to connect, ${joinMs} ms to join${servers ? `; ${Object.values(servers).join(' + ')} on ${Object.keys(servers).length} servers` : ''}), ${joinFailures} join failures`,
  );
  let samples = new Samples();
  let scheduled = new Map<string, number>();
  let received = 0;
  for (const socket of sockets) {
    socket.on('meeting.chat', (m: { clientId: string }) => {
      const at = scheduled.get(m.clientId);
      if (at === undefined) return;
      samples.push(performance.now() - at);
      received++;
    });
  }
  const steps: FanoutStep[] = [];
  if (task.phases) await phase('paced');
  for (const [s, step] of task.steps.entries()) {
    samples = new Samples();
    scheduled = new Map();
    received = 0;
    let ackFailures = 0;
    let firstError: unknown;
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const posts = await paced(step.rate, step.durationMs, (i, at) => {
      const clientId = `f${runTag}s${s}n${i}`;
      scheduled.set(clientId, at);
      void emitWithAck(sockets[(i * 7919) % Math.min(task.senders, sockets.length)]!, 'meeting.chat', {
        meetingId: task.meetingId,
        clientId,
        body: `ベンチ投稿 ${i}`,
      }).then((r) => {
        if (!r.ok) {
          ackFailures++;
          firstError ??= r.error;
        }
      });
    });
    const expected = posts * sockets.length;
    const drainUntil = performance.now() + 10_000;
    while (received < expected - ackFailures * sockets.length && performance.now() < drainUntil) await sleep(20);
    const wallMs = performance.now() - wall;
    const result: FanoutStep = {
      rate: step.rate,
      posts,
      ackFailures,
      expected,
      received,
      latency: summarize(samples.view()),
      deliveriesPerSec: Math.round(received / (step.durationMs / 1000)),
      generatorCpuPercent: cpuPercent(cpu, wallMs),
    };
    if (firstError) log(`  first refusal: ${JSON.stringify(firstError)}`);
    log(
      `  ${step.rate} posts/s: p99 ${result.latency.p99} ms, ${result.received}/${expected} delivered, ${result.deliveriesPerSec} deliveries/s, generator CPU ${result.generatorCpuPercent}%`,
    );
    steps.push(result);
    if (task.stopAboveP99Ms !== undefined && (result.latency.p99 > task.stopAboveP99Ms || received < expected * 0.99)) break;
    await sleep(500);
  }
  if (task.phases) await phase('pacedDone');
  closeAll(sockets);
  return { connectMs: ms, connectFailed: failed, connectFailures: failures, joinMs, joinFailures, ...(servers ? { servers } : {}), steps };
}

async function connections(task: Extract<Task, { kind: 'connections' }>) {
  const { sockets, urls, failures, ms } = await connectMany(task, task.clients);
  const connected = sockets.filter((s) => s?.connected).length;
  log(`  ${connected} / ${task.clients} connected in ${ms} ms`);
  await sleep(task.holdMs);
  const held = sockets.filter((s) => s?.connected).length;
  await phase('held', { connected, held });
  const stillHeld = sockets.filter((s) => s?.connected).length;
  // Per server, when there are several: connected, and held through the hold and the measuring.
  const servers = perServer(urls);
  const heldOn: Record<string, number> = {};
  sockets.forEach((s, i) => {
    if (s.connected) heldOn[urls[i]!] = (heldOn[urls[i]!] ?? 0) + 1;
  });
  closeAll(sockets);
  return {
    clients: task.clients,
    connected,
    held: Math.min(held, stillHeld),
    connectMs: ms,
    ratePerSec: Math.round(connected / (ms / 1000)),
    failures,
    ...(servers
      ? { servers: Object.fromEntries(Object.entries(servers).map(([url, n]) => [url, { connected: n, held: heldOn[url] ?? 0 }])) }
      : {}),
  };
}

interface PresencePerson {
  id: string;
}

async function joinStorm(task: Extract<Task, { kind: 'joinstorm' }>) {
  const { sockets, failures, failed, ms } = await connectMany(task, task.clients + 1);
  if (sockets.length < 2) return { connectFailures: failures };
  log(`  ${sockets.length} sockets connected in ${ms} ms`);
  const [observer, ...joiners] = sockets as [AnySocket, ...AnySocket[]];
  const present = new Set<string>();
  const broadcasts: number[] = [];
  const first = await emitWithAck(observer, 'meeting.join', { meetingId: task.meetingId });
  if (!first.ok) return { observerRefused: first.error };
  for (const group of (first.presence as Array<{ people: PresencePerson[] }>) ?? []) for (const p of group.people) present.add(p.id);
  observer.on('meeting.presence', (change: { joined: PresencePerson[]; left: string[] }) => {
    broadcasts.push(performance.now());
    for (const p of change.joined) present.add(p.id);
    for (const id of change.left) present.delete(id);
  });
  await sleep(1000); // the observer's own join broadcast passes before the storm
  broadcasts.length = 0;
  const samples = new Samples();
  let ok = 0;
  let refused = 0;
  let firstError: unknown;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  await paced(joiners.length / (task.windowMs / 1000), task.windowMs, (i, at) => {
    pending.push(
      emitWithAck(joiners[i]!, 'meeting.join', { meetingId: task.meetingId }).then((r) => {
        samples.push(performance.now() - at);
        if (r.ok) ok++;
        else {
          refused++;
          firstError ??= r.error;
        }
      }),
    );
  });
  await Promise.all(pending);
  const allAckedMs = Math.round(performance.now() - started);
  await sleep(task.settleMs);
  let maxPerSecond = 0;
  for (let i = 0; i < broadcasts.length; i++) {
    let j = i;
    while (j + 1 < broadcasts.length && broadcasts[j + 1]! - broadcasts[i]! < 1000) j++;
    maxPerSecond = Math.max(maxPerSecond, j - i + 1);
  }
  closeAll(sockets);
  return {
    connectFailed: failed,
    joiners: joiners.length,
    joined: ok,
    refused,
    firstError,
    allAckedMs,
    ack: summarize(samples.view()),
    presenceBroadcasts: broadcasts.length,
    maxPresenceBroadcastsPerSecond: maxPerSecond,
    /** People the observer holds present after the storm (joiners plus the observer). */
    present: present.size,
  };
}

async function burst(task: Extract<Task, { kind: 'burst' }>) {
  const viewers = task.threads.length * task.viewersPerThread;
  const { sockets: connected, failures, failed, ms } = await connectMany(task, viewers);
  if (failed) return { connectFailures: failures, connectFailed: failed };
  const sockets = connected;
  const threadOf = (socketIndex: number) => task.threads[Math.floor(socketIndex / task.viewersPerThread)]!;
  const joinFailures = await joinAll(sockets, 'thread.join', (i) => ({ threadId: threadOf(i) }));
  log(`  ${viewers} viewers in ${task.threads.length} threads (${ms} ms to connect), ${joinFailures} join failures`);
  const receipts = new Map<string, number>();
  const deliverySamples = new Samples();
  const scheduled = new Map<string, number>();
  let duplicates = 0;
  let strays = 0;
  let created = 0;
  let otherEvents = 0;
  sockets.forEach((socket, i) => {
    const seen = new Set<string>();
    const mine = threadOf(i);
    socket.on('message.created', (m: { clientId: string; threadId: string }) => {
      created++;
      if (m.threadId !== mine) strays++;
      if (seen.has(m.clientId)) duplicates++;
      else {
        seen.add(m.clientId);
        receipts.set(m.clientId, (receipts.get(m.clientId) ?? 0) + 1);
        const at = scheduled.get(m.clientId);
        if (at !== undefined) deliverySamples.push(performance.now() - at);
      }
    });
    socket.onAny(() => otherEvents++);
  });
  const ackSamples = new Samples();
  /** Split by answer: a send stored, and a send refused (busy, deadline), each with its own percentiles. */
  const storedSamples = new Samples();
  const refusedSamples = new Samples();
  const refusals = new Map<string, number>();
  const acked = new Set<string>();
  let refused = 0;
  let firstError: unknown;
  const pending: Promise<void>[] = [];
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const posts = await paced(task.rate, task.durationMs, (i, at) => {
    const t = i % task.threads.length;
    const poster = t * task.viewersPerThread + (Math.floor(i / task.threads.length) % task.viewersPerThread);
    const clientId = `b${runTag}n${i}`;
    scheduled.set(clientId, at);
    pending.push(
      emitWithAck(sockets[poster]!, 'message.send', {
        threadId: task.threads[t]!,
        clientId,
        body: `ベンチ発言 ${i}`,
        attachmentIds: [],
      }).then((r) => {
        const ms = performance.now() - at;
        ackSamples.push(ms);
        if (r.ok) {
          acked.add(clientId);
          storedSamples.push(ms);
        } else {
          refused++;
          refusedSamples.push(ms);
          firstError ??= r.error;
          const reason = (r.error as { message?: string } | undefined)?.message?.split(/[;—]/)[0]?.trim() ?? 'unknown';
          refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
        }
      }),
    );
  });
  await Promise.all(pending);
  const expected = acked.size * task.viewersPerThread;
  const drainUntil = performance.now() + task.drainMs;
  const delivered = () => [...acked].reduce((n, id) => n + Math.min(task.viewersPerThread, receipts.get(id) ?? 0), 0);
  while (delivered() < expected && performance.now() < drainUntil) await sleep(50);
  const wallMs = performance.now() - wall;
  const lost = expected - delivered();
  const unacknowledgedButDelivered = [...receipts.keys()].filter((id) => !acked.has(id)).length;
  closeAll(sockets);
  return {
    posts,
    acked: acked.size,
    refused,
    firstError,
    ack: summarize(ackSamples.view()),
    ackStored: summarize(storedSamples.view()),
    ackRefused: summarize(refusedSamples.view()),
    refusals: Object.fromEntries(refusals),
    delivery: summarize(deliverySamples.view()),
    expectedDeliveries: expected,
    lost,
    duplicates,
    strays,
    unacknowledgedButDelivered,
    /** Everything else the viewers received meanwhile (thread.updated to the readers' room, presence…). */
    otherEvents: otherEvents - created,
    generatorCpuPercent: cpuPercent(cpu, wallMs),
  };
}

/** Wall-clock ms with sub-ms precision: the bench process gives the start instant on the same machine's clock. */
const epochNow = () => performance.timeOrigin + performance.now();

/**
 * The bell: `clients` sockets wait for one event each (an announcement's `notification.new` on the
 * app, one broadcast on the bare server). Once all are connected the bench is told (`connected`);
 * it publishes and answers with the instant it began (epoch ms). Each socket's arrival is timed
 * from that instant.
 */
async function bell(task: Extract<Task, { kind: 'bell' }>) {
  const { sockets, failures, failed, ms } = await connectMany(task, task.clients);
  const joinFailures = task.meetingId ? await joinAll(sockets, 'meeting.join', () => ({ meetingId: task.meetingId })) : 0;
  const arrivals = new Float64Array(sockets.length).fill(Number.NaN);
  let received = 0;
  let duplicates = 0;
  const unread: number[] = [];
  sockets.forEach((socket, i) => {
    socket.on(task.event, (payload: { clientId?: string; notification?: { target?: { id?: string } }; unread?: number }) => {
      const id = task.event === 'notification.new' ? payload.notification?.target?.id : payload.clientId;
      if (id !== task.expect) return;
      if (!Number.isNaN(arrivals[i]!)) return void duplicates++;
      arrivals[i] = epochNow();
      received++;
      if (typeof payload.unread === 'number') unread.push(payload.unread);
    });
  });
  log(`  ${sockets.length} sockets waiting (${ms} ms to connect)${joinFailures ? `, ${joinFailures} join failures` : ''}`);
  const startedAt = Number(await phase('connected', { connected: sockets.length, failed }));
  if (!Number.isFinite(startedAt)) throw new Error('bell: the bench gave no start instant');
  while (received < sockets.length && epochNow() < startedAt + task.waitMs) await sleep(20);
  const held = sockets.filter((s) => s.connected).length;
  closeAll(sockets);
  const latencies = Array.from(arrivals)
    .filter((a) => !Number.isNaN(a))
    .map((a) => a - startedAt);
  const summary = summarize(latencies);
  /** The bell's count each socket was told (the person's unread notifications after this one). */
  const unreadSeen = unread.length ? { min: Math.min(...unread), max: Math.max(...unread) } : null;
  return {
    clients: task.clients,
    connected: sockets.length,
    connectFailed: failed,
    connectFailures: failures,
    connectMs: ms,
    joinFailures,
    held,
    received,
    missing: sockets.length - received,
    duplicates,
    within2s: latencies.filter((l) => l <= 2000).length,
    latency: summary,
    first: latencies.length ? Math.round(Math.min(...latencies) * 100) / 100 : null,
    unread: unreadSeen,
  };
}

/** The lists the REST scenarios' pages answer with (threads, register, inbox; a round's overview and progress; search). */
const LISTS = ['messages', 'issues', 'notifications', 'areas', 'rows', 'results'] as const;

async function rest(task: Extract<Task, { kind: 'rest' }> | Extract<Task, { kind: 'driver' }>) {
  const samples = new Samples();
  const statuses: Record<string, number> = {};
  const pending: Promise<void>[] = [];
  let runQuery: (r: RestRequest) => Promise<string>;
  let close = async () => undefined as unknown;
  if (task.kind === 'driver') {
    const client = await MongoClient.connect(task.mongoUri, { maxPoolSize: 200, socketTimeoutMS: task.timeoutMs });
    const db = client.db();
    close = () => client.close();
    const queries = new Map<string, DriverQuery>();
    runQuery = async (r) => {
      let q = queries.get(r.query);
      if (!q) queries.set(r.query, (q = BSON.EJSON.parse(r.query, { relaxed: false }) as DriverQuery));
      const c = db.collection(q.collection);
      if (q.bucketed) {
        // The reads messages.ts topLevelBefore makes: the `count` numbers below the cursor, then
        // ranges sized for what replies took, one lookup per bucket a range touches.
        const { threadId, before, count, span, maxWindow } = q.bucketed;
        let found = 0;
        let to = before;
        let width = count;
        while (to > 0 && found < count) {
          const from = Math.max(0, to - width);
          const buckets: number[] = [];
          for (let b = Math.floor(from / span); b <= Math.floor((to - 1) / span); b++) buckets.push(b);
          const rows = await Promise.all(
            buckets.map((b) => c.find({ threadId, bucket: b, parentId: null, seq: { $gte: from, $lt: to } }).toArray()),
          );
          const got = rows.reduce((n, r) => n + r.length, 0);
          found += got;
          to = from;
          width = Math.min(maxWindow, got ? Math.ceil(((count - found) * width) / got) + 1 : 2 * width);
        }
        return found ? 'ok' : 'empty';
      }
      const found = c
        .find(q.filter, {
          sort: q.sort,
          ...(q.skip ? { skip: q.skip } : {}),
          limit: q.limit,
          ...(q.projection ? { projection: q.projection } : {}),
        })
        .toArray();
      const [docs] = await Promise.all([found, q.count ? c.countDocuments(q.filter) : Promise.resolve(0)]);
      return docs.length ? 'ok' : 'empty';
    };
  } else {
    runQuery = async (r) => {
      const res = await fetch(`${task.url}${r.path}`, { headers: { cookie: task.cookie }, signal: AbortSignal.timeout(task.timeoutMs) });
      const body = (await res.json()) as Partial<Record<(typeof LISTS)[number], unknown[]>>;
      // A page whose list came back empty says so; an answer without such a list (`/api/me`) counts by its status.
      const list = LISTS.map((k) => body[k]).find((l) => l !== undefined);
      return res.status === 200 && list?.length === 0 ? 'empty' : String(res.status);
    };
  }
  // Alone first: a warm-up, then a few requests one at a time. When one request alone takes longer
  // than the schedule allows (the server and its database share one core), the paced run would
  // only build a queue that takes hours to drain: report the lone latency as saturated instead.
  // Both sides take the same requests in the same order (one per filter shape and page, up to
  // PROBE_REQUESTS), however long they take: medians over different requests would compare shapes,
  // not the app with its baseline.
  // With `warm`, every request is first sent once, one at a time (their latencies are the cold figure):
  // the steady state of a server whose readers keep reading the same pages, which the app caches.
  const coldSamples = new Samples();
  if (task.warm)
    for (const r of task.requests) {
      const t = performance.now();
      const status = await runQuery(r).catch((err: Error) => `error: ${err.message.slice(0, 80)}`);
      coldSamples.push(performance.now() - t);
      if (status !== 'ok' && status !== '200') log(`  warm-up: ${status}`);
    }
  const cold = task.warm ? summarize(coldSamples.view()) : undefined;
  const probe = new Samples();
  for (let i = 0; i <= Math.min(PROBE_REQUESTS, task.requests.length); i++) {
    const t = performance.now();
    const status = await runQuery(task.requests[i % task.requests.length]!).catch((err: Error) => `error: ${err.message.slice(0, 80)}`);
    if (i > 0) probe.push(performance.now() - t);
    if (status !== 'ok' && status !== '200') log(`  probe: ${status}`);
  }
  const alone = summarize(probe.view());
  const load = ((Number.isNaN(alone.p50) ? task.timeoutMs : alone.p50) * task.rate) / 1000;
  if (load > 2) {
    log(
      `  one request alone takes p50 ${alone.p50} ms: ${task.rate} req/s would need ${Math.round(load * 10) / 10} cores; paced run skipped`,
    );
    await close();
    return { requests: 0, statuses: {}, latency: summarize([]), achievedPerSec: 0, alone, cold, saturated: true };
  }
  await phase('paced');
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const count = await paced(task.rate, task.durationMs, (i, at) => {
    pending.push(
      runQuery(task.requests[i % task.requests.length]!)
        .then((status) => {
          samples.push(performance.now() - at);
          statuses[status] = (statuses[status] ?? 0) + 1;
        })
        .catch((err: Error) => {
          const key = err.name === 'TimeoutError' || /timed out/i.test(err.message) ? 'timeout' : `error: ${err.message.slice(0, 80)}`;
          statuses[key] = (statuses[key] ?? 0) + 1;
        }),
    );
  });
  await Promise.all(pending);
  const wallMs = performance.now() - wall;
  await phase('pacedDone');
  await close();
  return {
    requests: count,
    statuses,
    latency: summarize(samples.view()),
    achievedPerSec: Math.round((samples.length / wallMs) * 1000),
    generatorCpuPercent: cpuPercent(cpu, wallMs),
    alone,
    cold,
    saturated: false,
  };
}

async function main() {
  const task = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Task;
  const result =
    task.kind === 'fanout'
      ? await fanout(task)
      : task.kind === 'connections'
        ? await connections(task)
        : task.kind === 'joinstorm'
          ? await joinStorm(task)
          : task.kind === 'burst'
            ? await burst(task)
            : task.kind === 'bell'
              ? await bell(task)
              : await rest(task);
  send({ type: 'result', result });
  stdinLines.close();
  // Sockets and pools are closed; anything left (a straggling handshake) must not keep us alive.
  setTimeout(() => process.exit(0), 200).unref();
}

main().catch((err: unknown) => {
  send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});
