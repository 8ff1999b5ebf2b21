/** /api/health tells the truth about the database: a real FerretDB is stopped under a running app. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { connectDatabase, disconnectDatabase } from '../server/db/connection';
import { startEmbeddedFerretDB } from '../server/db/ferretdb';
import { setLogLevel } from '../server/log';

const dataDir = mkdtempSync(path.join(tmpdir(), 'council-health-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('/api/health', () => {
  it('answers 200 {db: "up"}, then 503 {db: "down"} when the database goes away, and the app keeps serving', async () => {
    setLogLevel('error');
    const database = await startEmbeddedFerretDB({ dataDir });
    await connectDatabase(database.uri, { dbName: 'health' });
    const council = createApp({ config: loadConfig({ NODE_ENV: 'test' }), sessionSecret: 'y'.repeat(32), serveClient: false });
    await new Promise<void>((resolve) => council.server.listen(0, '127.0.0.1', () => resolve()));
    const base = `http://127.0.0.1:${(council.server.address() as AddressInfo).port}`;
    try {
      const up = await fetch(`${base}/api/health`);
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ db: 'up', demo: true, redis: 'off' });

      await database.stop();
      const down = await fetch(`${base}/api/health`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ db: 'down' });

      // A request that needs the database gets a clear 503 (or 401: no session can be read), not a 500.
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@b.jp', password: 'x' }),
      });
      expect(login.status).toBe(503);
      expect(((await login.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    } finally {
      await council.close();
      await disconnectDatabase().catch(() => undefined);
      await database.stop();
    }
  }, 60_000);
});
