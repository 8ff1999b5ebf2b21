/**
 * The embedded database: FerretDB 1.24.2 on SQLite, run as a child process.
 *
 * FerretDB is built from Go modules by `scripts/ferretdb/` (a thin wrapper over FerretDB's public
 * embeddable package; see docs/DATABASE.md for why not the upstream command) into `.tools/bin/`.
 * Each instance listens on a free loopback port chosen by the kernel and keeps its files in its own
 * folder, so tests, the dev server and benchmarks run side by side.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { PROJECT_ROOT, TOOLS_BIN } from '../paths';
import { log } from '../log';

export const FERRETDB_VERSION = 'v1.24.2';
const SOURCE_DIR = path.join(PROJECT_ROOT, 'scripts', 'ferretdb');
/** Our additions to FerretDB: new files, and patches of upstream files (every `*.patch`, in name order). */
const OVERLAY_DIR = path.join(SOURCE_DIR, 'overlay');
const patchFiles = () =>
  readdirSync(SOURCE_DIR)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((f) => path.join(SOURCE_DIR, f));
export const DEFAULT_FERRETDB_BIN = path.join(TOOLS_BIN, 'ferretdb-embedded');

export class DatabaseSetupError extends Error {}

function sourceFiles(dir = SOURCE_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : [full];
  });
}

function isStale(bin: string): boolean {
  if (!existsSync(bin)) return true;
  const built = statSync(bin).mtimeMs;
  return sourceFiles().some((f) => statSync(f).mtimeMs > built);
}

export interface EnsureOptions {
  /** An already-built binary to use as is (FERRETDB_BIN). */
  bin?: string;
  /** Where to build when no binary is given. */
  buildTo?: string;
  /** The Go command. */
  go?: string;
}

function run(command: string, args: string[], cwd: string, what: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (result.error || result.status !== 0) {
    throw new DatabaseSetupError(
      `${what} failed (${command} ${args.join(' ')}: ${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}`,
    );
  }
}

/**
 * Build the wrapper with our changes to FerretDB (scripts/ferretdb/README.md): lookup indexes and
 * filter pushdown in the SQLite backend, and updates of one collection taking turns. The module's
 * packages are vendored into a build folder, our files are copied beside upstream's, the patches
 * are applied, and the vendored tree is built.
 */
function build(go: string, buildTo: string): void {
  const work = `${buildTo}-build`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const file of ['go.mod', 'go.sum', 'main.go']) cpSync(path.join(SOURCE_DIR, file), path.join(work, file));
  run(go, ['mod', 'vendor'], work, "Fetching FerretDB's Go modules");
  const module = path.join(work, 'vendor', 'github.com', 'FerretDB', 'FerretDB');
  cpSync(OVERLAY_DIR, module, { recursive: true });
  for (const patch of patchFiles()) run('patch', ['-p1', '--forward', '--batch', '--input', patch], module, 'Patching FerretDB');
  mkdirSync(path.dirname(buildTo), { recursive: true });
  // -checklinkname=0: newer Go toolchains refuse some of FerretDB's dependencies' linkname uses.
  run(go, ['build', '-mod=vendor', '-ldflags=-checklinkname=0', '-o', buildTo, '.'], work, 'Building FerretDB');
  rmSync(work, { recursive: true, force: true });
}

/**
 * Make sure the FerretDB binary exists, building it with Go when it is missing or older than its
 * source. Returns its path.
 */
export function ensureFerretDB({ bin, buildTo = DEFAULT_FERRETDB_BIN, go = 'go' }: EnsureOptions = {}): string {
  if (bin) {
    if (!existsSync(bin)) throw new DatabaseSetupError(`FERRETDB_BIN points to ${bin}, which does not exist.`);
    return bin;
  }
  if (!isStale(buildTo)) return buildTo;
  const version = spawnSync(go, ['version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new DatabaseSetupError(
      'The embedded database (FerretDB ' +
        FERRETDB_VERSION +
        ') is not built and Go is not installed.\n' +
        "Either install Go 1.24 or newer (https://go.dev/doc/install, or your distribution's golang package) and start again,\n" +
        'or set MONGODB_URI to a MongoDB-compatible server, e.g. MONGODB_URI=mongodb://127.0.0.1:27017/council',
    );
  }
  log.info(`building FerretDB ${FERRETDB_VERSION} with ${version.stdout.trim()} (first start only; a minute or two)`);
  build(go, buildTo);
  return buildTo;
}

export interface EmbeddedDatabase {
  uri: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Folder for the SQLite files; created if missing. */
  dataDir: string;
  bin?: string;
  /** Use FerretDB's PostgreSQL backend instead of SQLite. */
  postgresqlUrl?: string;
  /** Loopback address to listen on; port 0 lets the kernel pick a free one. */
  listenAddr?: string;
}

/** Start FerretDB and resolve once it accepts connections. */
export async function startEmbeddedFerretDB(options: StartOptions): Promise<EmbeddedDatabase> {
  const bin = ensureFerretDB({ bin: options.bin });
  const sqliteDir = path.resolve(options.dataDir, 'ferretdb');
  mkdirSync(sqliteDir, { recursive: true });
  const args = [
    `--listen-addr=${options.listenAddr ?? '127.0.0.1:0'}`,
    '--exit-on-stdin-close',
    '--log-level=warn',
    ...(options.postgresqlUrl
      ? ['--handler=postgresql', `--postgresql-url=${options.postgresqlUrl}`]
      : ['--handler=sqlite', `--sqlite-url=file:${sqliteDir}/`]),
  ];
  // stdin stays a pipe that only we hold: if this process dies, even by SIGKILL, FerretDB exits.
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 50) stderr.shift();
    log.debug(`ferretdb: ${line}`);
  });

  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new DatabaseSetupError(`FerretDB did not start within 30 s:\n${stderr.join('\n')}`));
    }, 30_000);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^READY (mongodb:\/\/\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new DatabaseSetupError(`FerretDB exited before it was ready (${code ?? signal}):\n${stderr.join('\n')}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new DatabaseSetupError(`FerretDB could not be started: ${err.message}`));
    });
  });

  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  return {
    uri,
    process: child,
    async stop() {
      if (exited) return;
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await done;
      clearTimeout(timer);
    },
  };
}
