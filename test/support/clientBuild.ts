/**
 * Building the web client in tests, and reading what the build says about its chunks
 * (.vite/manifest.json, written by `build.manifest` in vite.config.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/paths';

/**
 * Build the client into `outDir` as `npm run build` does, without source maps. Vite takes the mode
 * from NODE_ENV, which the test runner sets to `test`: React's development build would be bundled
 * (a third larger, and slower), so NODE_ENV is `production` for the build's duration.
 */
export async function buildClient(outDir: string): Promise<void> {
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(PROJECT_ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface ClientChunks {
  /** Every script the app shell's <script> loads before anything is shown, as URL paths (`/assets/…`). */
  initial: Set<string>;
  /**
   * The scripts of what only a signed-in person sees, by URL path, each with its source: every
   * chunk loaded on demand (the signed-in shell and every page behind it) and the markdown chunk.
   */
  signedIn: Map<string, string>;
}

/** What the build in `clientDir` loads at once, and what it leaves for later. */
export function clientChunks(clientDir: string): ClientChunks {
  const manifest = JSON.parse(readFileSync(path.join(clientDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const initial = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key]!;
    if (initial.has(`/${chunk.file}`)) return;
    initial.add(`/${chunk.file}`);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('index.html');
  const signedIn = new Map<string, string>();
  for (const [key, chunk] of Object.entries(manifest)) {
    if (chunk.isDynamicEntry || chunk.name === 'markdown') signedIn.set(`/${chunk.file}`, chunk.src ?? key);
  }
  return { initial, signedIn };
}
