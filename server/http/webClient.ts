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
 * - `/pdf-viewer.html` is the PDF viewer, shown in a sandboxed frame (client/src/pdfViewer/frame.ts),
 *   under a CSP of its own: it may be framed by the app (the app's pages may be framed by nobody),
 *   it is sandboxed even if opened on its own, and pdf.js may start its worker from a `blob:` URL
 *   (seen from the sandbox's opaque origin, our origin is another one, so pdf.js wraps the worker's
 *   URL in a `blob:` module that imports it).
 * - The assets answer any origin's CORS request (`Access-Control-Allow-Origin: *`): the viewer's
 *   opaque origin loads its modules, its worker and pdf.js's data files with CORS. They are the same
 *   public files anyone can fetch; no cookie is sent or needed.
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

/** The PDF viewer page, the second page of the build (vite.config.ts). */
export const PDF_VIEWER_PAGE = '/pdf-viewer.html';

/** The viewer's CSP: the app's, less what it does not need, plus its worker, its framing and its sandbox. */
export const PDF_VIEWER_CSP = [
  "default-src 'none'",
  // 'self' is the address's origin, ours, even in the sandbox's opaque origin.
  "script-src 'self'",
  "worker-src 'self' blob:",
  // pdf.js's character maps, fonts and image decoders (scripts/build/pdfjsResources.ts).
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  // No allow-same-origin: whatever runs here cannot act as the reader (cookies, storage, the API).
  'sandbox allow-scripts',
].join('; ');

export function webClient(clientDir: string): Router {
  const client = Router();
  client.use(
    '/assets',
    (_req: express.Request, res: express.Response, next: express.NextFunction) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      next();
    },
    expressStaticGzip(path.join(clientDir, 'assets'), {
      enableBrotli: true,
      // Browsers list gzip first and give both the same weight; brotli is the smaller.
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { immutable: true, maxAge: '1y', fallthrough: true },
    }),
    (_req: express.Request, res: express.Response) => void res.status(404).type('text/plain').send('Not found'),
  );
  client.get(PDF_VIEWER_PAGE, (_req, res) =>
    res.sendFile(path.join(clientDir, PDF_VIEWER_PAGE), {
      headers: { 'Cache-Control': REVALIDATE, 'Content-Security-Policy': PDF_VIEWER_CSP },
    }),
  );
  // Files the build puts beside index.html (none today; a favicon, robots.txt). Dotfiles, such as the
  // build's manifest in .vite/, are not served.
  client.use(
    express.static(clientDir, { index: false, cacheControl: false, setHeaders: (res) => res.setHeader('Cache-Control', REVALIDATE) }),
  );
  client.get(/^(?!\/(api|socket\.io)\/).*/, (_req, res) =>
    res.sendFile(path.join(clientDir, 'index.html'), { headers: { 'Cache-Control': REVALIDATE } }),
  );
  return client;
}
