/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/build/precompress.ts';
import { pdfjsResources } from './scripts/build/pdfjsResources.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./client'),
  plugins: [react(), pdfjsResources(), precompress()],
  resolve: {
    alias: {
      '@shared': here('./shared'),
      '@client': here('./client/src'),
      '@server': here('./server'),
    },
  },
  build: {
    outDir: here('./dist/client'),
    emptyOutDir: true,
    sourcemap: true,
    // Which chunk holds which page (.vite/manifest.json, never served): the first-visit test reads
    // it to check that the sign-in page loads none of the signed-in pages.
    manifest: true,
    // The libraries every first page needs (React, React Router, TanStack Query, i18next, zod) are
    // ~510 kB, ~135 kB as sent (brotli); the charts (~430 kB) come with the dashboard only.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // Two pages: the app, and the PDF viewer shown in a sandboxed frame (client/src/pdfViewer/frame.ts),
      // which brings pdf.js (~500 kB) and nothing of the app's.
      input: { index: here('./client/index.html'), 'pdf-viewer': here('./client/pdf-viewer.html') },
      output: {
        codeSplitting: {
          groups: [
            // The libraries the first page (sign-in, or the shell) needs change less often than the
            // app: a chunk of their own stays cached across deploys. Libraries only some pages use
            // (charts, socket.io, date formatting) come with those pages' chunks.
            // zod's configuration goes with zod, so it is set before any chunk builds a schema (client/src/zodConfig.ts).
            // pdf.js is the viewer page's own (it is "initial" there too): never in the app's vendor chunk.
            { name: 'vendor', test: /node_modules(?![\\/]pdfjs-dist)|client[\\/]src[\\/]zodConfig/, tags: ['$initial'], priority: 3 },
            // The interface's messages, in both languages: needed at once, and changed apart from the code.
            { name: 'messages', test: /client[\\/]src[\\/]i18n[\\/]/, tags: ['$initial'], priority: 3 },
            // Markdown rendering is large and used by several pages: one chunk of its own.
            {
              name: 'markdown',
              test: /node_modules[\\/](react-markdown|remark-|micromark|mdast-|hast-|unist-|unified|vfile|property-information|space-separated|comma-separated|decode-named|character-|html-url|devlop|bail|trough|is-plain-obj|zwitch|longest-streak|markdown-table|ccount|escape-string|trim-lines|estree-util|style-to|inline-style)/,
              priority: 2,
            },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev:client` serves the client with hot reload and forwards the API to `npm run dev:server`.
    proxy: {
      // Host kept as the browser sent it, so the server's same-origin check sees :5173 on both sides.
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true, changeOrigin: false },
    },
  },
  test: {
    root: here('.'),
    include: ['test/**/*.test.ts', 'shared/**/*.test.ts', 'server/**/*.test.ts'],
    globalSetup: ['./test/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
