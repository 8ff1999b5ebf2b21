/** The server serves the built web client on the API's port: the shell for every client route. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp, type CouncilApp } from '../server/app';
import { loadConfig } from '../server/config';
import { connectDatabase, disconnectDatabase } from '../server/db/connection';

const outDir = mkdtempSync(path.join(tmpdir(), 'council-client-'));
let council: CouncilApp;
let base: string;

beforeAll(async () => {
  await build({ configFile: path.resolve('vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } });
  await connectDatabase(inject('mongoUri'), { dbName: 'client_serving' });
  council = createApp({ config: loadConfig({ NODE_ENV: 'test' }), sessionSecret: 's'.repeat(32), clientDir: outDir });
  await new Promise<void>((resolve) => council.server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(council.server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await council.close();
  await disconnectDatabase();
  rmSync(outDir, { recursive: true, force: true });
});

describe('the web client', () => {
  it('is served at / and at every client route, in Japanese, under the CSP', async () => {
    for (const route of ['/', '/organizations', '/accounts?org=1', '/threads/abc']) {
      const res = await fetch(base + route);
      expect(res.status, route).toBe(200);
      const html = await res.text();
      expect(html).toContain('<html lang="ja"');
      expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
      expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script: the CSP forbids it
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    }
  });

  it('serves the hashed assets as immutable', async () => {
    const html = await (await fetch(base + '/')).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const res = await fetch(base + script);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('does not answer unknown API paths with the shell', async () => {
    const res = await fetch(base + '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });
});
