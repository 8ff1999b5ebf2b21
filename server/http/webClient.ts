/**
 * The built web client (dist/client, see vite.config.ts), on the API's port.
 *
 * - `/assets/*` are the build's hashed files: a changed file gets a new name, so browsers and
 *   proxies keep them a year without asking again (`immutable`). The build writes a brotli and a
 *   gzip copy beside each script and stylesheet (scripts/build/precompress.ts); a browser gets the
 *   brotli one if it accepts `br`, else the gzip one if it accepts `gzip`, else the original, with
 *   the original's Content-Type, the Content-Encoding and `Vary: Accept-Encoding`. An asset that is
 *   not there is a 404, never the app shell (a page left open across a deploy asking for a chunk
 *   that no longer exists must fail to load it, not run HTML as a script).
 * - Every other GET outside /api and /socket.io is a client route and gets the app shell,
 *   index.html, which the browser revalidates each time (`no-cache`) so a deploy is picked up at once.
 *
 * express-static-gzip does the choosing between the copies: it is express.static (serve-static)
 * with that one thing added, kept up, and brings no package express does not already have.
 */
import path from 'node:path';
import express, { Router } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** A hashed asset: the same name always means the same bytes. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The app shell: kept, but checked with the server before each use. */
export const REVALIDATE = 'no-cache';

export function webClient(clientDir: string): Router {
  const client = Router();
  client.use(
    '/assets',
    expressStaticGzip(path.join(clientDir, 'assets'), {
      enableBrotli: true,
      // Browsers list gzip first and give both the same weight; brotli is the smaller.
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { immutable: true, maxAge: '1y', fallthrough: true },
    }),
    (_req: express.Request, res: express.Response) => void res.status(404).type('text/plain').send('Not found'),
  );
  // Files the build puts beside index.html (none today; a favicon, robots.txt). Dotfiles, such as the
  // build's manifest in .vite/, are not served.
  client.use(express.static(clientDir, { index: false, cacheControl: false, setHeaders: (res) => res.setHeader('Cache-Control', REVALIDATE) }));
  client.get(/^(?!\/(api|socket\.io)\/).*/, (_req, res) => res.sendFile(path.join(clientDir, 'index.html'), { headers: { 'Cache-Control': REVALIDATE } }));
  return client;
}
