/**
 * Our one-pass decoding of FerretDB's stored documents (scripts/ferretdb/README.md, "Decoding in one
 * pass") against upstream's: the Go test beside it, run on FerretDB's module as we build it (the
 * module from Go's module cache, our files over it, our patch applied).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { FERRETDB_VERSION } from '../server/db/ferretdb';
import { PROJECT_ROOT } from '../server/paths';

const SOURCE = path.join(PROJECT_ROOT, 'scripts', 'ferretdb');
const PACKAGE = 'internal/handler/sjson';
const work = mkdtempSync(path.join(tmpdir(), 'council-sjson-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function go(args: string[], cwd: string) {
  const result = spawnSync('go', args, { cwd, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** Every file under `dir`, writable (the module cache's are read-only). */
function makeWritable(dir: string): void {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    chmodSync(full, statSync(full).isDirectory() ? 0o755 : 0o644);
    if (statSync(full).isDirectory()) makeWritable(full);
  }
}

it('decodes every stored document as upstream does, and leaves what it does not know to upstream', () => {
  // The module as the build fetched it (`go mod download` puts it in the cache if it is not there yet).
  const fetched = go(['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`], SOURCE);
  expect(fetched.ok, fetched.output).toBe(true);
  const moduleDir = (JSON.parse(fetched.output) as { Dir: string }).Dir;
  const copy = path.join(work, 'FerretDB');
  cpSync(moduleDir, copy, { recursive: true });
  makeWritable(copy);

  // Only our test of the package (upstream's tests would bring its whole test tooling to compile).
  const pkg = path.join(copy, PACKAGE);
  for (const name of readdirSync(pkg)) if (name.endsWith('_test.go')) rmSync(path.join(pkg, name));
  cpSync(path.join(SOURCE, 'overlay', PACKAGE), pkg, { recursive: true });
  const patched = spawnSync('patch', ['-p1', '--forward', '--batch', '--input', path.join(SOURCE, 'sjson-one-pass.patch')], {
    cwd: copy,
    encoding: 'utf8',
  });
  expect(patched.status, `${patched.stdout}${patched.stderr}`).toBe(0);
  const required = go(['get', 'github.com/valyala/fastjson@v1.6.10'], copy);
  expect(required.ok, required.output).toBe(true);

  const tested = go(['test', '-count=1', '-run', 'TestUnmarshalFastAgreesWithUpstream', '-v', `./${PACKAGE}/`], copy);
  expect(tested.ok, tested.output).toBe(true);
  expect(tested.output).toContain('--- PASS: TestUnmarshalFastAgreesWithUpstream');
}, 300_000);
