/**
 * The login throttle is kept in the database: failures arriving at once are all counted (no update
 * of one counter document to lose them), and an account locked before a restart is still locked
 * after it, in a new app on the same database and in a restarted server process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../server/app';
import { attemptLimiter, AuthFailureModel } from '../server/auth/attempts';
import { loadConfig } from '../server/config';
import { ApiClient } from './support/client';
import type { ErrorBody } from './support/json';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/process';
import { startTestServer, type TestServer } from './support/server';

const LIMITS = { LOGIN_MAX_FAILURES_PER_ACCOUNT: '10', LOGIN_MAX_ATTEMPTS_PER_IP: '100000', MFA_MAX_FAILURES_PER_ACCOUNT: '3' };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(LIMITS);
});
afterAll(() => server.close());

const wrongPassword = (email: string) => server.client().post('/api/auth/login', { email, password: 'not-the-password' });

describe('failures at once', () => {
  it('counts every one of N concurrent failures of one key', async () => {
    const limiter = attemptLimiter({ name: 'concurrency-probe', maxFailures: 40, windowMs: 60_000, lockMs: 60_000 });
    const locks = await Promise.all(Array.from({ length: 39 }, () => limiter.failed('one-key')));
    expect(locks.every((ms) => ms === 0)).toBe(true);
    expect(await limiter.lockedFor('one-key')).toBe(0);
    expect(await AuthFailureModel.countDocuments({ key: 'concurrency-probe:one-key' })).toBe(39);
    // The fortieth locks it.
    expect(await limiter.failed('one-key')).toBe(60_000);
    expect(await limiter.lockedFor('one-key')).toBeGreaterThan(59_000);
  });

  it('locks an account after exactly the limit of failed sign-ins sent at once, not before', async () => {
    const nine = await Promise.all(Array.from({ length: 9 }, () => wrongPassword('dev2@demo.example')));
    expect(nine.map((r) => r.status)).toEqual(Array(9).fill(401));
    expect((await wrongPassword('dev2@demo.example')).status).toBe(429);

    const ten = await Promise.all(Array.from({ length: 10 }, () => wrongPassword('support@demo.example')));
    // However they interleave, the last to count sees all ten and locks the account.
    expect(ten.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(1);
    const locked = await server.client().post<ErrorBody>('/api/auth/login', { email: 'support@demo.example', password: 'council-demo' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/this account/);
  });
});

describe('a restart', () => {
  it('does not unlock an account: a new app on the same database refuses it too', async () => {
    for (let i = 0; i < 9; i++) expect((await wrongPassword('mhlw@demo.example')).status).toBe(401);
    expect((await wrongPassword('mhlw@demo.example')).status).toBe(429);
    // A second app process on the same database (the one this file's server uses).
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', ...LIMITS });
    const restarted = createApp({ config, sessionSecret: 'y'.repeat(32), serveClient: false });
    await new Promise<void>((resolve) => restarted.server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const client = new ApiClient(`http://127.0.0.1:${(restarted.server.address() as AddressInfo).port}`);
      const res = await client.post<ErrorBody>('/api/auth/login', { email: 'mhlw@demo.example', password: 'council-demo' });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(60);
    } finally {
      await restarted.close({ drainMs: 0 });
    }
  });

  it('does not unlock a second factor either', async () => {
    const client = server.client();
    expect((await client.post('/api/auth/login', { email: 'secretariat@demo.example', password: 'council-demo' })).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await client.post('/api/auth/login/second-factor', { code: '000000' })).status).toBe(401);
    expect((await client.post('/api/auth/login/second-factor', { code: '000001' })).status).toBe(429);
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', ...LIMITS });
    const restarted = createApp({ config, sessionSecret: 'z'.repeat(32), serveClient: false });
    await new Promise<void>((resolve) => restarted.server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const fresh = new ApiClient(`http://127.0.0.1:${(restarted.server.address() as AddressInfo).port}`);
      expect((await fresh.post('/api/auth/login', { email: 'secretariat@demo.example', password: 'council-demo' })).status).toBe(200);
      const code = await server.secondFactor.nextCode('secretariat@demo.example');
      expect((await fresh.post('/api/auth/login/second-factor', { code })).status).toBe(429);
    } finally {
      await restarted.close({ drainMs: 0 });
    }
  });
});

describe('the server process', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'council-throttle-'));
  let running: ServerProcess | null = null;
  afterAll(async () => {
    if (running) await stopServerProcess(running.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps an account locked across a restart of `npm start` on the same database', async () => {
    const env = { MONGODB_URI: `${inject('mongoUri')}throttle_${Date.now()}`, LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' };
    running = await startServerProcess(dataDir, env);
    const first = new ApiClient(running.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await first.post('/api/auth/login', { email: 'dev@demo.example', password: 'wrong' })).status);
    expect(statuses).toEqual([401, 401, 429]);
    // SIGKILL: nothing is written on the way out.
    running.child.kill('SIGKILL');
    await new Promise((resolve) => running!.child.once('exit', resolve));

    running = await startServerProcess(dataDir, env);
    const second = new ApiClient(running.baseUrl);
    const res = await second.post<ErrorBody>('/api/auth/login', { email: 'dev@demo.example', password: 'council-demo' });
    expect(res.status).toBe(429);
    expect(res.body.error.message).toMatch(/this account/);
  }, 120_000);
});
