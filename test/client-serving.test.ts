/**
 * The server serves the built web client on the API's port: the shell for every client route, and
 * the hashed assets compressed at build time and cached for good. See server/http/webClient.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp, type CouncilApp } from '../server/app';
import { loadConfig } from '../server/config';
import { connectDatabase, disconnectDatabase } from '../server/db/connection';
import { version as pdfjsVersion } from 'pdfjs-dist/package.json';
import { IMMUTABLE, PDF_VIEWER_CSP, REVALIDATE } from '../server/http/webClient';
import { buildClient, clientChunks } from './support/clientBuild';

const outDir = mkdtempSync(path.join(tmpdir(), 'council-client-'));
let council: CouncilApp;
let base: string;

beforeAll(async () => {
  await buildClient(outDir);
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

/** A GET with exactly these headers, its body as sent (fetch would ask for and undo compression itself). */
function get(
  pathname: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(base + pathname, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** The shell's own script and stylesheet, as the browser is told to fetch them. */
async function shellAssets(): Promise<{ script: string; stylesheet: string }> {
  const html = (await get('/')).body.toString();
  return {
    script: /<script type="module" crossorigin src="([^"]+)"/.exec(html)![1]!,
    stylesheet: /<link rel="stylesheet" crossorigin href="([^"]+)"/.exec(html)![1]!,
  };
}

describe('the web client', () => {
  it('is served at / and at every client route, in Japanese, under the CSP, revalidated on every use', async () => {
    for (const route of ['/', '/login', '/organizations', '/accounts?org=1', '/threads/abc']) {
      const res = await fetch(base + route);
      expect(res.status, route).toBe(200);
      const html = await res.text();
      expect(html).toContain('<html lang="ja"');
      expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
      expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script: the CSP forbids it
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(res.headers.get('cache-control'), route).toBe(REVALIDATE);
    }
  });

  it('sends each hashed asset in brotli, gzip or as it is, as the browser accepts, always the same bytes, cached for a year', async () => {
    const { script, stylesheet } = await shellAssets();
    for (const [asset, type] of [
      // (charset values are case-insensitive: `UTF-8` on the compressed copies, `utf-8` on the originals)
      [script, /^text\/javascript; charset=utf-8$/i],
      [stylesheet, /^text\/css; charset=utf-8$/i],
    ] as const) {
      const original = readFileSync(path.join(outDir, asset));
      const cases = [
        { accept: 'gzip, deflate, br, zstd', encoding: 'br' }, // Chromium's: both weigh the same, brotli is preferred
        { accept: 'br', encoding: 'br' },
        { accept: 'gzip, deflate', encoding: 'gzip' },
        { accept: 'br;q=0, gzip', encoding: 'gzip' },
        { accept: 'identity', encoding: undefined },
        { accept: undefined, encoding: undefined },
      ];
      for (const { accept, encoding } of cases) {
        const res = await get(asset, accept === undefined ? {} : { 'accept-encoding': accept });
        const what = `${asset} with Accept-Encoding: ${accept ?? '(none)'}`;
        expect(res.status, what).toBe(200);
        expect(res.headers['content-encoding'], what).toBe(encoding);
        expect(res.headers['content-type'], what).toMatch(type);
        expect(res.headers.vary, what).toMatch(/accept-encoding/i);
        expect(res.headers['cache-control'], what).toBe(IMMUTABLE);
        expect(Number(res.headers['content-length']), what).toBe(res.body.length);
        const decoded = encoding === 'br' ? brotliDecompressSync(res.body) : encoding === 'gzip' ? gunzipSync(res.body) : res.body;
        expect(decoded.equals(original), `${what}: decodes to the built file`).toBe(true);
        if (encoding) expect(res.body.length, what).toBeLessThan(original.length / 2);
      }
    }
  });

  it('answers a missing asset with 404, never the shell, and does not serve the build’s manifest', async () => {
    const missing = await get('/assets/index-gone1234.js', { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).not.toMatch(/html/);
    const manifest = await get('/.vite/manifest.json');
    expect(manifest.body.toString()).not.toContain('"isEntry"');
  });

  it('loads the sign-in page without the signed-in shell or any page behind it', () => {
    const { initial, signedIn } = clientChunks(outDir);
    expect(initial.size).toBeGreaterThan(1);
    expect([...signedIn.values()]).toEqual(
      expect.arrayContaining([
        'src/components/SignedInLayout.tsx',
        'src/pages/register/list/RegisterListPage.tsx',
        'src/pages/meetings/minutes/MinutesEditorPage.tsx',
        'src/pages/register/dashboard/DashboardPage.tsx',
      ]),
    );
    expect([...initial].filter((file) => signedIn.has(file)).map((file) => signedIn.get(file))).toEqual([]);
  });

  it('serves the PDF viewer under its own CSP: framed by the app alone, sandboxed, no eval, its worker from blob:', async () => {
    const res = await get('/pdf-viewer.html');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe(REVALIDATE);
    const csp = res.headers['content-security-policy'];
    expect(csp).toBe(PDF_VIEWER_CSP);
    expect(csp).toMatch(/(^|; )sandbox allow-scripts(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/worker-src 'self' blob:/);
    expect(csp).not.toMatch(/eval|unsafe-inline|\*/);
    // The app's own pages may still be framed by nobody.
    expect((await get('/threads')).headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);

    // The viewer's opaque origin loads its script, pdf.js's worker and data files with CORS.
    const html = res.body.toString();
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const resources = `/assets/pdfjs-${pdfjsVersion}/`;
    for (const asset of [
      script,
      `${resources}cmaps/UniJIS-UCS2-H.bcmap`, // Japanese text in fonts that are not embedded
      `${resources}standard_fonts/LiberationSans-Regular.ttf`,
      `${resources}wasm/openjpeg_nowasm_fallback.js`,
    ]) {
      const got = await get(asset, { origin: 'null', 'accept-encoding': 'br' });
      expect(got.status, asset).toBe(200);
      expect(got.headers['access-control-allow-origin'], asset).toBe('*');
      expect(got.headers['cache-control'], asset).toBe(IMMUTABLE);
    }
  });

  it('keeps pdf.js out of the sign-in page and every page of the app', () => {
    const { initial, signedIn } = clientChunks(outDir);
    const isPdfjs = (file: string) => readFileSync(path.join(outDir, file)).includes('Invalid `workerSrc` type');
    const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string }>;
    expect(isPdfjs(manifest['pdf-viewer.html']!.file)).toBe(true);
    expect([...initial, ...signedIn.keys()].filter(isPdfjs)).toEqual([]);
  });

  it('does not answer unknown API paths with the shell', async () => {
    const res = await fetch(base + '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });
});
