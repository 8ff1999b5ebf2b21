/**
 * `npm run bench -- cluster`: the shared mode (issue 22; docs/PERFORMANCE.md, "Scale-out"). The bench starts a
 * redis-server and two more app nodes, A and B, with `REDIS_URL` on the same database (main.ts, `stack.cluster()`),
 * pinned to the server core beside the single app and the database engine, so every configuration below has the
 * same core to spend. In one run:
 *
 * 1. **The plenary** at the `plenary` scenario's sizes (clients, rate, senders, duration), in a fresh live meeting
 *    each time, three ways, one after the other in each round: the single app without Redis (today's `plenary`
 *    figure; the baseline), the room on node A alone in the shared mode (every socket on A: what Redis costs a node
 *    by itself), and the room spread over A and B (sockets round robin, so half the room and half the senders on
 *    each: every post crosses Redis to reach the other half). The generator times each delivery from the post's
 *    scheduled instant; the CPU time every process on the server core used during the paced posting is read from
 *    /proc. Before the first round, each configuration takes a short warm-up run (at most 200 clients, 1 s), so the
 *    freshly started nodes are not charged with their first compilations.
 * 2. **Idle sockets over two nodes**: `clusterConnections` signed-in sockets (20,000), round robin over A and B
 *    (fresh node processes unless `--smoke`), held for `connectionsHoldMs`; each node's memory after a full
 *    collection before and while they are held (collectOnSignal.ts), per socket it holds; Redis's resident memory
 *    beside it. One node holding `connections` sockets is the `connections` scenario's figure when the same run
 *    measured it first (`npm run bench -- connections cluster`).
 *
 * Whatever the nodes logged at warn or above meanwhile is counted and kept in the row's details.
 */
import type { Db } from 'mongodb';
import { readFileSync } from 'node:fs';
import { benchPeople, createLiveMeeting, mintSessions } from './data';
import type { Task } from './generator';
import type { Sizes } from './scenarios';
import { median } from './stats';
import { untilQuiet, type ScenarioRow } from './quiet';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** An app process under test, as main.ts started it. */
export interface BenchServer {
  url: string;
  pid: number;
  /** What it printed since it started (its log lines among them). */
  output: string[];
  /** Memory after a full collection (collectOnSignal.ts). */
  memory(): Promise<{ rss: number; heapUsed: number; collected: boolean }>;
}

/** The shared mode's processes (main.ts): Redis and two app nodes with `REDIS_URL`. */
export interface ClusterNodes {
  redisUrl: string;
  redisPid: number;
  /** The nodes now, A then B. */
  nodes(): BenchServer[];
  /** Stop both nodes and start them again (fresh processes to measure memory in); the new ones. */
  restart(): Promise<BenchServer[]>;
}

/** What the bench (main.ts) hands the scenario. */
export interface ClusterInput {
  mongo: Db;
  secret: string;
  sizes: Sizes;
  rounds: number;
  /** Restart the nodes before measuring memory (off with `--smoke`). */
  fresh: boolean;
  say: (s: string) => void;
  /** The single app, without Redis (`npm start`'s mode). */
  single: () => BenchServer;
  cluster: () => Promise<ClusterNodes>;
  databasePid: number;
  /** One node holding `connections` idle sockets, when this run measured it before (the `connections` row). */
  oneNodeConnections: { sockets: number; held: number; bytesPerSocket: number; heapBytesPerSocket: number; connectMs: number } | null;
  runGenerator: <R>(task: Task, onPhase?: (phase: Record<string, unknown>) => Promise<void | string>) => Promise<R>;
  /** CPU time a process has used so far, in ms (null when unreadable). */
  cpuMs: (pid: number) => number | null;
}

export type ClusterRow = ScenarioRow;

/**
 * Before the posting, the server core must be quiet: under SETTLE_CPU_PERCENT of it over SETTLE_WINDOW_MS. Without
 * this pause the first 3–7 posts of a round in the shared mode took 150–700 ms (every later one as usual), and they
 * alone made its p99: the nodes were still busy with the join storm. A profile showed stretches of up to a second
 * encoding join acknowledgements — each carries the whole room's presence, some 2,000 people — which come in bursts
 * in the shared mode, where the joins sharing one presence read are acknowledged together (docs/PERFORMANCE.md,
 * "Scale-out"). One window was always enough; what is measured then is the room's chat, as in `plenary`.
 */
const SETTLE_WINDOW_MS = 500;
const SETTLE_CPU_PERCENT = 15;
const SETTLE_MAX_MS = 30_000;

/** Wait until the server core is quiet; the ms it took, null when it was not within SETTLE_MAX_MS. */
const settle = (read: () => Record<string, number | null>) =>
  untilQuiet(read, { windowMs: SETTLE_WINDOW_MS, percent: SETTLE_CPU_PERCENT, maxMs: SETTLE_MAX_MS });

type Config = 'single' | 'sharedOne' | 'sharedTwo';
const CONFIGS: readonly Config[] = ['single', 'sharedOne', 'sharedTwo'];
const LABEL: Record<Config, string> = {
  single: 'one node, no Redis',
  sharedOne: 'one node, shared mode (Redis)',
  sharedTwo: 'two nodes (half the room on each)',
};

interface FanoutStep {
  rate: number;
  posts: number;
  expected: number;
  received: number;
  ackFailures: number;
  latency: { p50: number; p99: number; max: number };
  deliveriesPerSec: number;
  generatorCpuPercent: number;
}
interface FanoutResult {
  connectMs?: number;
  connectFailed?: number;
  connectFailures?: string[];
  joinMs?: number;
  joinFailures?: number;
  servers?: Record<string, number>;
  steps?: FanoutStep[];
}
type FanoutRun = FanoutResult & {
  /** How long the server core took to go quiet after the joins, before the posting (null: not within SETTLE_MAX_MS). */
  settledMs: number | null;
  /** CPU ms each server-core process used during the paced posting, and their sum per 1,000 deliveries. */
  cpu: { byProcess: Record<string, number | null>; msPer1000Deliveries: number | null };
};

interface ConnectionsResult {
  clients: number;
  connected: number;
  held: number;
  connectMs: number;
  ratePerSec: number;
  failures: string[];
  servers?: Record<string, { connected: number; held: number }>;
}

// The plenary's targets (docs/PERFORMANCE.md), with the single node as the baseline.
const P99_MS = 100;
const RATIO = 2;

const round1 = (n: number) => Math.round(n * 10) / 10;
const kB = (bytes: number) => Math.round(bytes / 102.4) / 10;
const ratioOf = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? Math.round((a / b) * 100) / 100 : null);
const thousands = (n: number) => n.toLocaleString('en-US');

/** A process's resident memory now, from /proc (null elsewhere). */
function rssOf(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** Lines logged at warn or above (pino's JSON, `"level":"warn"`), from `from` on. */
const loggedProblems = (server: BenchServer, from: number) =>
  server.output.slice(from).filter((l) => /"level":"(warn|error|fatal)"/.test(l));

export async function runCluster(input: ClusterInput): Promise<ClusterRow> {
  const { sizes, say, mongo } = input;
  const began = Date.now();
  const cluster = await input.cluster();
  const single = input.single();
  // Every process on the server core; what each logged, from now on.
  const watched = (): Record<string, BenchServer> => {
    const [a, b] = cluster.nodes();
    return { app: input.single(), 'node-a': a!, 'node-b': b! };
  };
  const logStart = new Map<BenchServer, number>(Object.values(watched()).map((s) => [s, s.output.length]));
  const problems: Record<string, string[]> = {};
  const collectProblems = () => {
    for (const [name, server] of Object.entries(watched())) {
      const found = loggedProblems(server, logStart.get(server) ?? 0);
      if (found.length) (problems[name] ??= []).push(...found);
      logStart.set(server, server.output.length);
    }
  };

  // ---- 1. the plenary, three ways -----------------------------------------------------------------------
  const plenaryPeople = await benchPeople(mongo, sizes.plenaryClients);
  const cookies = await mintSessions(mongo, plenaryPeople, input.secret);

  const cpuReader = () => {
    const [a, b] = cluster.nodes();
    const pids: Record<string, number> = {
      app: single.pid,
      'node-a': a!.pid,
      'node-b': b!.pid,
      redis: cluster.redisPid,
      database: input.databasePid,
    };
    return () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, input.cpuMs(pid)]));
  };

  const fanout = async (config: Config, clients: number, durationMs: number): Promise<FanoutRun> => {
    const [a, b] = cluster.nodes();
    const target =
      config === 'single' ? { url: single.url } : config === 'sharedOne' ? { url: a!.url } : { url: a!.url, urls: [a!.url, b!.url] };
    const read = cpuReader();
    let settledMs: number | null = null;
    let start: Record<string, number | null> = {};
    let end: Record<string, number | null> = {};
    const result = await input.runGenerator<FanoutResult>(
      {
        kind: 'fanout',
        ...target,
        cookies: cookies.slice(0, clients),
        clients,
        senders: Math.min(sizes.plenarySenders, clients),
        steps: [{ rate: sizes.plenaryRate, durationMs }],
        meetingId: await createLiveMeeting(mongo, plenaryPeople[0]!),
        phases: true,
      },
      async (phase) => {
        if (phase.name === 'paced') {
          settledMs = await settle(read);
          start = read();
        } else if (phase.name === 'pacedDone') end = read();
      },
    );
    const byProcess = Object.fromEntries(
      Object.keys(start).map((k) => [k, start[k] == null || end[k] == null ? null : Math.round(end[k]! - start[k]!)]),
    );
    const total = Object.values(byProcess).every((v) => v !== null) ? Object.values(byProcess).reduce<number>((n, v) => n + v!, 0) : null;
    const received = result.steps?.[0]?.received ?? 0;
    return {
      ...result,
      settledMs,
      cpu: { byProcess, msPer1000Deliveries: total !== null && received ? round1((total / received) * 1000) : null },
    };
  };

  say(' warm-up (each configuration, a short run, not counted):');
  for (const config of CONFIGS) await fanout(config, Math.min(200, sizes.plenaryClients), 1_000);

  const rounds: Array<Record<Config, FanoutRun>> = [];
  for (let r = 0; r < input.rounds; r++) {
    const round = {} as Record<Config, FanoutRun>;
    for (const config of CONFIGS) {
      say(` ${LABEL[config]}:`);
      const run = await fanout(config, sizes.plenaryClients, sizes.plenaryMs);
      const step = run.steps?.[0];
      say(
        `  quiet ${run.settledMs === null ? `not within ${SETTLE_MAX_MS / 1000} s` : `${round1(run.settledMs / 1000)} s`} after the joins; ` +
          `p50 ${step?.latency.p50} ms, p99 ${step?.latency.p99} ms, ${step?.received}/${step?.expected} delivered, ${step?.deliveriesPerSec} deliveries/s; ` +
          `server core ${run.cpu.msPer1000Deliveries ?? '?'} ms CPU per 1,000 deliveries ${JSON.stringify(run.cpu.byProcess)}`,
      );
      round[config] = run;
    }
    rounds.push(round);
  }
  collectProblems();
  // The next part's handshakes should not read a session store holding the plenary's sessions too.
  await mongo.collection('sessions').deleteMany({});

  const stepOf = (run: FanoutRun) => run.steps?.[0];
  const figures = (config: Config) => {
    const runs = rounds.map((x) => x[config]);
    const stat = (pick: (s: FanoutStep) => number) => median(runs.map((run) => (stepOf(run) ? pick(stepOf(run)!) : Number.NaN)));
    return {
      p50: stat((s) => s.latency.p50),
      p99: stat((s) => s.latency.p99),
      deliveriesPerSec: stat((s) => s.deliveriesPerSec),
      cpuPer1000: median(runs.map((run) => run.cpu.msPer1000Deliveries ?? Number.NaN)),
      joinMs: median(runs.map((run) => run.joinMs ?? Number.NaN)),
      joinFailures: Math.max(0, ...runs.map((run) => run.joinFailures ?? 0)),
      connectFailed: Math.max(0, ...runs.map((run) => run.connectFailed ?? 0)),
      complete: runs.every(
        (run) =>
          !run.connectFailed &&
          !run.joinFailures &&
          !!stepOf(run) &&
          stepOf(run)!.received === stepOf(run)!.expected &&
          stepOf(run)!.ackFailures === 0,
      ),
      last: stepOf(runs.at(-1)!),
    };
  };
  const plenary = { single: figures('single'), sharedOne: figures('sharedOne'), sharedTwo: figures('sharedTwo') };

  // ---- 2. idle sockets over two nodes -----------------------------------------------------------------------
  say(` ${thousands(sizes.clusterConnections)} idle sockets over two nodes:`);
  const idlePeople = await benchPeople(mongo, sizes.clusterConnections);
  const idleCookies = await mintSessions(mongo, idlePeople, input.secret);
  collectProblems();
  const nodes = input.fresh ? await cluster.restart() : cluster.nodes();
  for (const node of nodes) logStart.set(node, 0);
  const before = await Promise.all(nodes.map((n) => n.memory()));
  let after = before;
  const redisBefore = rssOf(cluster.redisPid);
  let redisAfter = redisBefore;
  // One generator process per node: a process may open fewer than 20,000 files here (`ulimit -n`), and one
  // generator holding all 20,000 sockets failed its last 24 handshakes with EMFILE ("websocket error").
  // Both connect at once; the nodes' memory is read once, when both hold every socket they opened.
  let waiting = nodes.length;
  let bothHeld!: () => void;
  const measured = new Promise<void>((resolve) => (bothHeld = resolve)).then(async () => {
    after = await Promise.all(nodes.map((n) => n.memory()));
    redisAfter = rssOf(cluster.redisPid);
  });
  const shares = await Promise.all(
    nodes.map((node, n) =>
      input.runGenerator<ConnectionsResult>(
        {
          kind: 'connections',
          url: node.url,
          clients: Math.floor(sizes.clusterConnections / nodes.length) + (n < sizes.clusterConnections % nodes.length ? 1 : 0),
          holdMs: sizes.connectionsHoldMs,
          cookies: idleCookies.filter((_, i) => i % nodes.length === n),
        },
        async () => {
          if (--waiting === 0) bothHeld();
          await measured;
        },
      ),
    ),
  );
  const idle = {
    clients: sum(shares.map((s) => s.clients)),
    connected: sum(shares.map((s) => s.connected)),
    held: sum(shares.map((s) => s.held)),
    connectMs: Math.max(...shares.map((s) => s.connectMs)),
    failures: shares.flatMap((s) => s.failures),
    servers: Object.fromEntries(nodes.map((node, n) => [node.url, { connected: shares[n]!.connected, held: shares[n]!.held }])),
  };
  const ratePerSec = Math.round(idle.connected / (idle.connectMs / 1000));
  collectProblems();
  const perNode = nodes.map((node, i) => {
    const counts = idle.servers?.[node.url] ?? { connected: 0, held: 0 };
    const per = (k: 'rss' | 'heapUsed') => (counts.connected ? Math.round((after[i]![k] - before[i]![k]) / counts.connected) : Number.NaN);
    return {
      node: i === 0 ? 'A' : 'B',
      ...counts,
      rssBefore: before[i]!.rss,
      rssAfter: after[i]!.rss,
      heapBefore: before[i]!.heapUsed,
      heapAfter: after[i]!.heapUsed,
      bytesPerSocket: per('rss'),
      heapBytesPerSocket: per('heapUsed'),
      collected: before[i]!.collected && after[i]!.collected,
    };
  });
  say(
    `  ${idle.held}/${idle.clients} held (${perNode.map((n) => `${n.node} ${n.held}/${n.connected}`).join(', ')}), connected in ${round1(idle.connectMs / 1000)} s (${ratePerSec}/s); ` +
      `per socket after a full GC: ${perNode.map((n) => `${n.node} ${kB(n.bytesPerSocket)} kB resident, ${kB(n.heapBytesPerSocket)} kB heap (RSS ${Math.round(n.rssBefore / 1e6)} → ${Math.round(n.rssAfter / 1e6)} MB)`).join('; ')}; ` +
      `Redis RSS ${redisBefore === null ? '?' : Math.round(redisBefore / 1e6)} → ${redisAfter === null ? '?' : Math.round(redisAfter / 1e6)} MB`,
  );

  const problemCount = Object.values(problems).reduce((n, l) => n + l.length, 0);
  if (problemCount)
    for (const [name, lines] of Object.entries(problems))
      say(`  ${name} logged ${lines.length} warnings or errors; the first: ${lines.slice(0, 3).join(' | ')}`);

  // ---- the row --------------------------------------------------------------------------------------------
  const { single: one, sharedOne, sharedTwo: two } = plenary;
  const ratio = ratioOf(two.p99, one.p99);
  const allHeld = idle.held === sizes.clusterConnections && perNode.every((n) => n.held === n.connected);
  const perSocketKb = perNode.map((n) => kB(n.bytesPerSocket));
  const incomplete = (f: (typeof plenary)[Config]) =>
    [
      f.connectFailed ? `${f.connectFailed} handshakes failed` : '',
      f.joinFailures ? `${f.joinFailures} joins refused` : '',
      f.last && f.last.received === f.last.expected ? '' : `${f.last?.received ?? 0}/${f.last?.expected ?? 0} delivered`,
      f.last?.ackFailures ? `${f.last.ackFailures} posts refused` : '',
    ]
      .filter(Boolean)
      .join(', ');
  const text = (f: (typeof plenary)[Config]) =>
    `p50 ${f.p50} ms, p99 ${f.p99} ms, ${thousands(f.deliveriesPerSec)} deliveries/s${f.complete ? '' : ` (incomplete: ${incomplete(f)})`}`;
  const oneNode = input.oneNodeConnections;
  return {
    figure:
      `plenary over two nodes ${text(two)}; on one node in the shared mode ${text(sharedOne)}; ` +
      `${thousands(idle.held)}/${thousands(sizes.clusterConnections)} idle sockets held over two nodes, ${perSocketKb.join(' / ')} kB/socket (A / B), connected in ${round1(idle.connectMs / 1000)} s` +
      (problemCount ? `; ${problemCount} warnings or errors logged` : ''),
    baseline:
      `one node without Redis ${text(one)}` +
      (oneNode
        ? `; one node holding ${thousands(oneNode.sockets)} (this run): ${kB(oneNode.bytesPerSocket)} kB/socket`
        : '; one node holding 10,000: 22.6–26.3 kB/socket (another run: docs/PERFORMANCE.md)'),
    ratio,
    target: `all delivered and held; two nodes p99 ≤ ${P99_MS} ms, ≤ ${RATIO}× one node`,
    met: one.complete && sharedOne.complete && two.complete && allHeld && two.p99 <= P99_MS && ratio !== null && ratio <= RATIO,
    details: {
      seconds: Math.round((Date.now() - began) / 1000),
      sizes: {
        clients: sizes.plenaryClients,
        rate: sizes.plenaryRate,
        ms: sizes.plenaryMs,
        senders: sizes.plenarySenders,
        connections: sizes.clusterConnections,
        holdMs: sizes.connectionsHoldMs,
      },
      plenary,
      rounds,
      idle: { ...idle, ratePerSec, perNode, redisRssBefore: redisBefore, redisRssAfter: redisAfter },
      oneNodeConnections: oneNode,
      logged: problems,
    },
  };
}
