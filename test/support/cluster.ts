/**
 * Several app nodes sharing their rooms through Redis (issue 22), as real processes on loopback ports: Redis
 * (`redis-server`, nothing saved), N nodes (`server/main.ts`, one database and one DATA_DIR between them), and
 * nginx with the shipped configuration (deploy/nginx/, its `# @listen` and `# @upstream` lines rendered with these
 * ports). Every process started here is stopped by `stopAll()` (call it in afterAll) and, should the test process
 * die first, killed with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { inject } from 'vitest';

/** Every process started here and what it is (they are stopped in that order: nginx, the nodes, Redis). */
type Kind = 'nginx' | 'node' | 'redis';
const running = new Map<ChildProcess, Kind>();
const dirs: string[] = [];
process.once('exit', () => running.forEach((_, child) => child.kill('SIGKILL')));

/** Debian's nginx is in /usr/sbin, which a user's PATH may lack. */
const NGINX = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

function track(child: ChildProcess, kind: Kind): ChildProcess {
  running.set(child, kind);
  child.once('exit', () => running.delete(child));
  return child;
}

export const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `council-mn-${name}-`));
  dirs.push(dir);
  return dir;
};

const bindable = (port: number) =>
  new Promise<number | null>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(null));
    probe.listen(port, '127.0.0.1', () => {
      const { port: bound } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(bound));
    });
  });

/** A port free now, of the kernel's choosing (one that nothing needs to know before it is listened on). */
export const freePort = async () => (await bindable(0))!;

/**
 * A port free now and outside the kernel's ephemeral range, for one that must be known before it is listened on, or
 * listened on again after a while (nginx's, named in PUBLIC_ORIGIN before the nodes start; Redis's, restarted):
 * a port from that range may meanwhile become some outgoing connection's own (the nodes open many).
 */
export async function fixedPort(): Promise<number> {
  const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  if (!low || low < 12_000) return freePort();
  for (let tries = 0; tries < 50; tries++) {
    const port = await bindable(10_000 + Math.floor(Math.random() * (low - 10_000)));
    if (port) return port;
  }
  throw new Error('no free port below the ephemeral range');
}

interface Started {
  child: ChildProcess;
  /** stdout and stderr, line by line. */
  output: string[];
}

/** Spawn a process and resolve once a line of its output matches `ready` (rejects on exit or after `ms`). */
function startProcess(
  kind: Kind,
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string },
  ready: RegExp,
  ms = 60_000,
) {
  const child = track(spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] }), kind);
  const output: string[] = [];
  return new Promise<Started & { match: RegExpExecArray }>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${command} ${why}:\n${output.slice(-40).join('\n')}`));
    };
    const timer = setTimeout(() => fail(`not ready within ${ms} ms`), ms);
    const onLine = (line: string) => {
      output.push(line);
      const match = ready.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ child, output, match });
      }
    };
    readline.createInterface({ input: child.stdout! }).on('line', onLine);
    readline.createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('error', (err) => fail(`failed to start (${err.message})`));
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal})`));
  });
}

/** Stop a process with `signal` and resolve with its exit code (null when a signal ended it). */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

/** Poll `check` every `interval` ms until it returns true; throws `describe()` after `timeout` ms. */
export async function until(check: () => Promise<boolean> | boolean, describe: () => string, timeout = 20_000, interval = 100) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms: ${describe()}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

// --- Redis -------------------------------------------------------------------------------------------------------

export interface RedisServer {
  port: number;
  url: string;
  child: ChildProcess;
  /** Start it (again) on its port. */
  start(): Promise<void>;
  /** SIGTERM, as a service manager stops it. */
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const dir = tempDir('redis');
  const port = await fixedPort();
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    child: null as unknown as ChildProcess,
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
      server.child = (await startProcess('redis', 'redis-server', args, { cwd: dir }, /Ready to accept connections/, 20_000)).child;
    },
    async stop() {
      await stopProcess(server.child);
    },
  };
  await server.start();
  return server;
}

// --- App nodes ---------------------------------------------------------------------------------------------------

export interface AppNode {
  name: string;
  port: number;
  baseUrl: string;
  child: ChildProcess;
  output: string[];
}

/** What every node of one cluster shares: the secret, the database, the data directory, Redis. */
export interface NodeSettings {
  redisUrl: string;
  mongoUri: string;
  dataDir: string;
  sessionSecret: string;
  publicOrigin: string;
  env: Record<string, string>;
}

/** The database of this test file on the run's FerretDB: `<uri>/mn_<hex>`. */
export function ownDatabaseUri(): string {
  const uri = new URL(inject('mongoUri'));
  uri.pathname = `/mn_${randomBytes(6).toString('hex')}`;
  return uri.toString();
}

export async function startNode(name: string, settings: NodeSettings, extra: Record<string, string> = {}): Promise<AppNode> {
  const env = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    MONGODB_URI: settings.mongoUri,
    REDIS_URL: settings.redisUrl,
    SESSION_SECRET: settings.sessionSecret,
    DATA_DIR: settings.dataDir,
    PUBLIC_ORIGIN: settings.publicOrigin,
    TRUST_PROXY: 'loopback',
    SEED_DEMO: 'true',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    // Each node's mail catcher on a port of the kernel's choosing, never a fixed one three nodes would share.
    MAIL_CATCHER_PORT: '',
    ...settings.env,
    ...extra,
  };
  const { child, output, match } = await startProcess(
    'node',
    process.execPath,
    ['--import', 'tsx', 'server/main.ts'],
    { env },
    /(http:\/\/127\.0\.0\.1:(\d+))\//,
  );
  return { name, port: Number(match[2]), baseUrl: match[1]!, child, output };
}

// --- nginx -------------------------------------------------------------------------------------------------------

export interface Nginx {
  port: number;
  baseUrl: string;
  /** Its access log (deploy/nginx/common.conf's `council` format). */
  accessLog: string;
  child: ChildProcess;
}

const SHIPPED = path.resolve(import.meta.dirname, '../../deploy/nginx');

/** Replace the directives marked `; # <marker>` by `lines` (at the first one's place); throws when none is marked. */
function replaceMarked(text: string, marker: string, lines: (template: string) => string[]): string {
  const all = text.split('\n');
  const isMarked = (line: string) => new RegExp(`;\\s*#\\s*${marker}\\s*$`).test(line);
  const at = all.findIndex(isMarked);
  if (at < 0) throw new Error(`no directive marked "# ${marker}" in the shipped nginx configuration`);
  return [...all.slice(0, at), ...lines(all[at]!), ...all.slice(at).filter((l) => !isMarked(l))].join('\n');
}

/**
 * The shipped configuration for these ports: deploy/nginx's council-http.conf (plain HTTP) and the files it
 * includes, under `<dir>/council/`, with `listen` and the upstream `server` lines rendered; a top-level nginx.conf
 * of the test's own (temporary paths, no `user`) includes it as the shipped nginx.conf includes council.conf.
 */
export function renderNginx(dir: string, listenPort: number, nodePorts: number[]): string {
  const council = path.join(dir, 'council');
  mkdirSync(council, { recursive: true });
  for (const file of ['common.conf', 'locations.conf']) writeFileSync(path.join(council, file), readFileSync(path.join(SHIPPED, file)));
  const upstream = replaceMarked(readFileSync(path.join(SHIPPED, 'upstream.conf'), 'utf8'), '@upstream', (template) =>
    nodePorts.map((port) => template.replace(/server\s+\S+/, `server 127.0.0.1:${port}`)),
  );
  writeFileSync(path.join(council, 'upstream.conf'), upstream);
  const server = replaceMarked(readFileSync(path.join(SHIPPED, 'council-http.conf'), 'utf8'), '@listen', (template) => [
    template.replace(/listen\s+[^;]+;/, `listen 127.0.0.1:${listenPort};`),
  ]);
  writeFileSync(path.join(council, 'council-http.conf'), server);
  mkdirSync(path.join(dir, 'tmp'));
  const accessLog = path.join(dir, 'access.log');
  const main = path.join(dir, 'nginx.conf');
  writeFileSync(
    main,
    [
      'worker_processes 1;',
      `error_log ${path.join(dir, 'error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '    default_type application/octet-stream;',
      // Debian's nginx keeps these under /var/lib/nginx: here, in the test's folder (a user without root can write it).
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${path.join(dir, 'tmp', t)};`),
      '    keepalive_timeout 65s;',
      '    include council/council-http.conf;',
      `    access_log ${accessLog} council;`,
      '}',
      '',
    ].join('\n'),
  );
  return main;
}

export async function startNginx(listenPort: number, nodePorts: number[]): Promise<Nginx> {
  const dir = tempDir('nginx');
  // Run as root, nginx's workers are `nobody`: they must reach the temporary folders nginx makes in here.
  chmodSync(dir, 0o755);
  const config = renderNginx(dir, listenPort, nodePorts);
  const args = ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', config, '-g', `daemon off; pid ${path.join(dir, 'nginx.pid')};`];
  const child = track(spawn(NGINX, args, { stdio: ['ignore', 'pipe', 'pipe'] }), 'nginx');
  const output: string[] = [];
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const baseUrl = `http://127.0.0.1:${listenPort}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`nginx exited ${code}: ${output.join('')}`))),
  );
  await Promise.race([
    exited,
    until(
      async () => (await fetch(`${baseUrl}/api/health`)).status === 200,
      () => `nginx on ${baseUrl}: ${output.join('')}${readFileSync(path.join(dir, 'error.log'), 'utf8').slice(-2000)}`,
    ),
  ]);
  exited.catch(() => undefined);
  return { port: listenPort, baseUrl, accessLog: path.join(dir, 'access.log'), child };
}

/** The node that answered each logged request of the browser holding `lb` (its `council_lb` cookie), oldest first. */
export function answeredBy(nginx: Nginx, lb: string): string[] {
  return readFileSync(nginx.accessLog, 'utf8')
    .split('\n')
    .filter((line) => line.endsWith(` lb=${lb}`))
    .map((line) => /upstream=(\S+(?:, \S+)*) ustatus=/.exec(line)?.[1]?.split(', ').at(-1) ?? '');
}

// --- A cluster ---------------------------------------------------------------------------------------------------

export interface Cluster {
  redis: RedisServer;
  nodes: AppNode[];
  nginx: Nginx | null;
  settings: NodeSettings;
}

/**
 * Redis, `count` nodes on one new database and DATA_DIR (the first seeds it before the others start), and, with
 * `nginx`, nginx in front of them. `env` is every node's.
 */
export async function startCluster(options: { count: number; nginx?: boolean; env?: Record<string, string> }): Promise<Cluster> {
  const redis = await startRedis();
  const nginxPort = await fixedPort();
  const settings: NodeSettings = {
    redisUrl: redis.url,
    mongoUri: ownDatabaseUri(),
    dataDir: tempDir('data'),
    sessionSecret: randomBytes(32).toString('hex'),
    publicOrigin: `http://127.0.0.1:${nginxPort}`,
    env: options.env ?? {},
  };
  const first = await startNode('node1', settings);
  const rest = await Promise.all(Array.from({ length: options.count - 1 }, (_, i) => startNode(`node${i + 2}`, settings)));
  const nodes = [first, ...rest];
  const nginx = options.nginx
    ? await startNginx(
        nginxPort,
        nodes.map((n) => n.port),
      )
    : null;
  return { redis, nodes, nginx, settings };
}

/**
 * Stop everything this file started — nginx, then the nodes (SIGTERM: they drain and leave Redis), then Redis —
 * SIGKILLing what is still there after 10 s, and remove its folders.
 */
export async function stopAll(): Promise<void> {
  const stop = async (child: ChildProcess) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await stopProcess(child);
    clearTimeout(killer);
  };
  for (const stage of ['nginx', 'node', 'redis'] as const)
    await Promise.all([...running].filter(([, kind]) => kind === stage).map(([child]) => stop(child)));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
