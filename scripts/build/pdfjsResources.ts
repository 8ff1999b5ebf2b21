/**
 * A Vite plugin that puts the data files pdf.js fetches while it reads a PDF beside the build's assets,
 * under `/assets/pdfjs-<version>/` (the version in the path, so they can be cached for good like the
 * hashed assets and an upgrade never meets an old copy):
 *
 * - `cmaps/`: the character maps of PDFs whose fonts are not embedded — Japanese ones among them
 *   (Adobe-Japan1, the `90ms-RKSJ` and `UniJIS` encodings); without them their text is not drawn.
 * - `standard_fonts/`: the 14 standard fonts (Helvetica, Times…) PDFs name without embedding.
 * - `wasm/`: only the JavaScript decoders for JPEG 2000 and JBIG2 images, which pdf.js uses when it
 *   does not use WebAssembly. It does not here: compiling WebAssembly would need `'wasm-unsafe-eval'`
 *   in the viewer's CSP (client/src/pdfViewer/frame.ts).
 *
 * In development the same paths are answered from node_modules.
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const PACKAGE_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));
const VERSION = (JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;

/** Where the files are served, as client/src/pdfViewer/frame.ts asks for them. */
export const PDFJS_RESOURCES = `/assets/pdfjs-${VERSION}/`;

const WANTED: Record<string, (name: string) => boolean> = {
  cmaps: (name) => name.endsWith('.bcmap') || name === 'LICENSE',
  standard_fonts: (name) => /\.(pfb|ttf)$/.test(name) || name.startsWith('LICENSE'),
  wasm: (name) => name.endsWith('_nowasm_fallback.js') || /^LICENSE_(PDFJS_)?(OPENJPEG|JBIG2)$/.test(name),
};

/** Every file to publish: its path below PDFJS_RESOURCES and where it is in the package. */
function resources(): Array<{ name: string; file: string }> {
  return Object.entries(WANTED).flatMap(([dir, wanted]) =>
    readdirSync(path.join(PACKAGE_DIR, dir))
      .filter(wanted)
      .map((name) => ({ name: `${dir}/${name}`, file: path.join(PACKAGE_DIR, dir, name) })),
  );
}

export function pdfjsResources(): Plugin {
  return {
    name: 'council:pdfjs-resources',
    generateBundle() {
      for (const { name, file } of resources()) {
        this.emitFile({ type: 'asset', fileName: `${PDFJS_RESOURCES.slice(1)}${name}`, source: readFileSync(file) });
      }
    },
    configureServer(server) {
      const known = new Map(resources().map((r) => [r.name, r.file]));
      server.middlewares.use(PDFJS_RESOURCES, (req, res, next) => {
        const file = known.get(decodeURIComponent((req.url ?? '').split('?')[0]!.replace(/^\//, '')));
        if (!file || !existsSync(file)) return next();
        res.setHeader('Content-Type', file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
  };
}
