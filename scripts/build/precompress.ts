/**
 * A Vite plugin that writes a brotli (`.br`) and a gzip (`.gz`) copy beside each script, stylesheet
 * and SVG of the built client, once, at build time, so the server sends them as they are
 * (server/http/webClient.ts) and no request pays for compressing. Both at their best level: brotli
 * 11 is slow to write, but a build writes each file once and every visitor reads it.
 *
 * node:zlib rather than a plugin from the registry: the one that is kept up
 * (vite-plugin-compression2) replaces process.stdout.write and wraps Vite's own manifest plugin
 * during a build; this is the part of it we need.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * What is worth compressing: text. Source maps are left alone (only developer tools fetch them), and
 * so is index.html (about 1 kB, sent for every client route by the server as it is).
 */
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt)$/;
/** Below this, the saving is smaller than the headers that announce it. */
const MIN_BYTES = 1024;

async function compressFile(file: string): Promise<void> {
  const original = await readFile(file);
  if (original.length < MIN_BYTES) return;
  const [br, gz] = await Promise.all([
    brotli(original, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: original.length,
      },
    }),
    gzipped(original, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  // A copy that saves nothing is not written: the server then sends the original.
  await Promise.all([
    br.length < original.length && writeFile(`${file}.br`, br),
    gz.length < original.length && writeFile(`${file}.gz`, gz),
  ]);
}

export function precompress(): Plugin {
  return {
    name: 'council:precompress',
    apply: 'build',
    // After the files are on disk: what is compressed is byte for byte what would be sent.
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) return;
      // Not the build's own notes (.vite/manifest.json), which are never served.
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name) && !name.startsWith('.'));
      await Promise.all(files.map((name) => compressFile(path.join(dir, name))));
    },
  };
}
