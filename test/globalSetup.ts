/**
 * Starts one real FerretDB (SQLite backend) for the whole test run, in a temporary folder. Each
 * test file then uses its own database on it, so files run in parallel without sharing state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureFerretDB, startEmbeddedFerretDB } from '../server/db/ferretdb';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

export default async function setup(project: TestProject) {
  // FERRETDB_BIN runs the suite on another build of the engine (as the app and the bench allow).
  const bin = ensureFerretDB({ bin: process.env.FERRETDB_BIN });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'council-test-'));
  const database = await startEmbeddedFerretDB({ dataDir, bin });
  project.provide('mongoUri', database.uri);
  return async () => {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
