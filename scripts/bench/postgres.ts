/**
 * A throw-away PostgreSQL for the bench: Debian's PostgreSQL 15 binaries, its own data folder and
 * port, run as the unprivileged `postgres` user (PostgreSQL refuses to run as root), trust auth on
 * loopback only. Started and stopped by the bench.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const PG_BIN = process.env.BENCH_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const PG_USER = process.env.BENCH_PG_USER ?? 'postgres';

export interface BenchPostgres {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Run a command as the PostgreSQL user (we may be root; PostgreSQL refuses that). setpriv execs in
 * place, so the pid we hold is PostgreSQL's own and signals reach it.
 */
function asPgUser(cmd: string, args: string[]): string[] {
  return process.getuid?.() === 0 ? ['setpriv', `--reuid=${PG_USER}`, `--regid=${PG_USER}`, '--init-groups', cmd, ...args] : [cmd, ...args];
}

export async function startPostgres(dir: string, cpus?: string): Promise<BenchPostgres> {
  if (!existsSync(path.join(PG_BIN, 'postgres'))) throw new Error(`PostgreSQL not found in ${PG_BIN} (set BENCH_PG_BIN)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const ids = process.getuid?.() === 0 ? execFileSync('id', ['-u', PG_USER], { encoding: 'utf8' }).trim() : null;
  const gid = ids ? execFileSync('id', ['-g', PG_USER], { encoding: 'utf8' }).trim() : null;
  if (ids && gid) chownSync(dir, Number(ids), Number(gid));
  const data = path.join(dir, 'data');
  const [initCmd, ...initArgs] = asPgUser(path.join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-locale',
  ]);
  execFileSync(initCmd!, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const pgArgs = [
    '-D',
    data,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-k',
    dir,
    '-c',
    'shared_buffers=256MB',
    '-c',
    'max_connections=200',
  ];
  const [cmd, ...args] = asPgUser(path.join(PG_BIN, 'postgres'), pgArgs);
  const pinned = cpus ? ['taskset', '-c', cpus, cmd!, ...args] : [cmd!, ...args];
  const child = spawn(pinned[0]!, pinned.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  const log: string[] = [];
  child.stderr!.on('data', (b: Buffer) => log.push(b.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const [c, ...a] = asPgUser(path.join(PG_BIN, 'psql'), [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        '-d',
        'postgres',
        '-qc',
        'CREATE DATABASE council',
      ]);
      execFileSync(c!, a, { stdio: 'ignore' });
      break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`PostgreSQL did not start:\n${log.join('')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/council`,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        // SIGINT is PostgreSQL's "fast" shutdown.
        child.kill('SIGINT');
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(force);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
