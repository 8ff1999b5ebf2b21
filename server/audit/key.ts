/**
 * The audit log's key: 32 random bytes (hex) in `DATA_DIR/audit-key`, mode 0600, never in the
 * database. Entries are hashed with HMAC-SHA256 under it (chain.ts), so someone who can write the
 * database but cannot read this file cannot forge a hash for an entry they changed. Created at the
 * first start, like the development session secret (sessionSecret.ts); every app process writing
 * the same database needs the same file (docs/RELIABILITY.md, "The audit log").
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const AUDIT_KEY_FILE = 'audit-key';

function parseKey(text: string, file: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file}: not an audit key (64 hexadecimal digits)`);
  return Buffer.from(hex, 'hex');
}

/** The key, or null when the data directory has none (verification never creates one). */
export function readAuditKey(dataDir: string): Buffer | null {
  const file = path.resolve(dataDir, AUDIT_KEY_FILE);
  try {
    return parseKey(readFileSync(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The key, created when the data directory has none yet. */
export function ensureAuditKey(dataDir: string): Buffer {
  const existing = readAuditKey(dataDir);
  if (existing) return existing;
  const file = path.resolve(dataDir, AUDIT_KEY_FILE);
  mkdirSync(path.dirname(file), { recursive: true });
  // Written whole under another name, then linked into place: of two processes starting at once on
  // one data directory, one key wins and neither reads a half-written file.
  const written = `${file}.${randomBytes(6).toString('hex')}.new`;
  writeFileSync(written, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(written, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(written);
  }
  return readAuditKey(dataDir)!;
}
