/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./client'),
  plugins: [react()],
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
    // The vendor chunk (React, router, TanStack Query, i18next, zod, socket.io-client) is ~540 kB,
    // 165 kB gzipped, cached across deploys; the app's own chunk is small.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: a chunk of their own stays cached across deploys.
        advancedChunks: {
          groups: [
            // Markdown rendering and charts are large and change rarely: chunks of their own.
            { name: 'markdown', test: /node_modules[\\/](react-markdown|remark-|micromark|mdast-|hast-|unist-|unified|vfile|property-information|space-separated|comma-separated|decode-named|character-|html-url|devlop|bail|trough|is-plain-obj|zwitch|longest-streak|markdown-table|ccount|escape-string|trim-lines|estree-util|style-to|inline-style)/, priority: 2 },
            // Charts (recharts, d3) are left out of the vendor chunk: they load with the register dashboard only.
            { name: 'vendor', test: /node_modules[\\/](?!recharts|d3-|victory-vendor|decimal\.js|internmap)/, priority: 1 },
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
