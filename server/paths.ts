import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, whichever folder the process was started from. */
export const PROJECT_ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
export const TOOLS_BIN = path.join(PROJECT_ROOT, '.tools', 'bin');
export const CLIENT_DIST = path.join(PROJECT_ROOT, 'dist', 'client');
