/**
 * The open-files limit this process runs under: every socket, and every connection to the database and Redis, is
 * one open file. At the limit a node refuses new connections without a log line (libuv closes what it cannot
 * accept), so a node started with a low limit says so at boot. Node raises its soft limit to the hard one as it
 * starts; what is read here is what it got.
 */
import { readFileSync } from 'node:fs';

/** Below this, a node says at boot how many people it can hold at most (a plenary is about 2,000). */
export const LOW_OPEN_FILES = 10_000;

/** The "Max open files" soft limit in the text of `/proc/<pid>/limits`; null when absent or unlimited. */
export function openFilesLimitIn(limits: string): number | null {
  const match = /^Max open files\s+(\d+|unlimited)\s/m.exec(limits);
  return match && match[1] !== 'unlimited' ? Number(match[1]) : null;
}

/** This process's open-files limit, null where it cannot be read (not Linux). */
export function openFilesLimit(): number | null {
  try {
    return openFilesLimitIn(readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    return null;
  }
}

/** The warning a node logs at boot when its limit is low, or null. */
export function lowOpenFilesWarning(limit: number | null): string | null {
  if (limit === null || limit >= LOW_OPEN_FILES) return null;
  return (
    `open files are limited to ${limit} for this process: it can hold fewer than ${limit} people's connections, and refuses ` +
    'more without a log line. Raise the limit (LimitNOFILE=65536 in the systemd unit, `ulimit -n` before npm start; docs/DEPLOY.md)'
  );
}
