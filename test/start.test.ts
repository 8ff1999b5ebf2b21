/**
 * `npm start`'s server process, for real: it starts the embedded FerretDB in its data folder, seeds
 * the council on first start, serves on the port it prints, keeps data and sessions across a
 * restart, and exits 0 on SIGTERM taking FerretDB with it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseSetupError, ensureFerretDB } from '../server/db/ferretdb';
import { ApiClient } from './support/client';
import { startServerProcess, stopServerProcess } from './support/process';
import type { OrganizationList } from './support/json';
import { secondFactorAnswers } from './support/secondFactor';

const dataDir = mkdtempSync(path.join(tmpdir(), 'council-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const startServer = () => startServerProcess(dataDir);
const stop = stopServerProcess;

const ferretdbRunningIn = (dir: string) => spawnSync('pgrep', ['-f', `sqlite-url=file:${dir}`]).status === 0;

describe('the server process', () => {
  it('starts on the embedded database, seeds, restarts with its data and sessions, and stops cleanly', async () => {
    const first = await startServer();
    expect(first.output.join('\n')).toMatch(/secretariat@demo\.example/);
    const client = new ApiClient(first.baseUrl);
    expect((await client.get('/api/health')).status).toBe(200);
    // The demo secretariat has the demo authenticator secret: the second step with its current code.
    expect((await client.post('/api/auth/login', { email: 'secretariat@demo.example', password: 'council-demo' })).body).toMatchObject({
      mfa: 'required',
    });
    const code = await secondFactorAnswers({ canIssueRecoveryCodes: false }).nextCode('secretariat@demo.example');
    expect((await client.post('/api/auth/login/second-factor', { code })).status).toBe(200);
    expect((await client.get<OrganizationList>('/api/organizations')).body.counts.total).toBe(192);
    expect(ferretdbRunningIn(dataDir)).toBe(true);
    expect(await stop(first.child)).toBe(0);
    expect(ferretdbRunningIn(dataDir)).toBe(false);

    const second = await startServer();
    const again = new ApiClient(second.baseUrl);
    const resumed = await fetch(`${second.baseUrl}/api/me`, { headers: { cookie: client.cookieHeader } });
    expect(resumed.status).toBe(200);
    expect((await again.post('/api/auth/login', { email: 'dev@demo.example', password: 'council-demo' })).status).toBe(200);
    expect((await again.get<OrganizationList>('/api/organizations')).body.counts.total).toBe(192);
    expect(await stop(second.child)).toBe(0);
  }, 120_000);

  it('says exactly what to do when the database engine is not built and Go is missing', () => {
    const target = path.join(dataDir, 'no-such-ferretdb');
    expect(() => ensureFerretDB({ buildTo: target, go: path.join(dataDir, 'no-go') })).toThrow(DatabaseSetupError);
    expect(() => ensureFerretDB({ buildTo: target, go: path.join(dataDir, 'no-go') })).toThrow(
      /install Go 1\.24 or newer[\s\S]*MONGODB_URI=mongodb:\/\//,
    );
    expect(() => ensureFerretDB({ bin: target })).toThrow(/FERRETDB_BIN points to/);
  });
});
