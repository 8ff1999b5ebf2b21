/**
 * The chain's anchors: its head (time, last sequence number, that entry's hash) appended now and
 * then to `DATA_DIR/audit-anchors`, one line each, outside the database. An anchored hash covers
 * every entry up to it, so someone who can rewrite the database but not this file can neither
 * change an entry at or before an anchor nor cut the log shorter than the last anchor without
 * verification saying so (chain.ts). Entries after the last anchor — a few seconds' worth — are
 * protected by the key alone.
 *
 * Written after appends, at most once per `ANCHOR_INTERVAL_MS` (the newest head waiting wins), and
 * when the log is closed at shutdown. Appended only, never rewritten; at most ~100 bytes a line.
 *
 * Several app nodes sharing DATA_DIR (docs/DEPLOY.md) each append to a file of their own,
 * `audit-anchors.<node>`: appends from several hosts to one file on NFS are not atomic, and a torn line
 * would fail every later verification. Verification reads them all together.
 */
import { appendFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { log } from '../log';

export const ANCHOR_FILE = 'audit-anchors';
export const ANCHOR_INTERVAL_MS = 5_000;

export interface Anchor {
  /** When it was written (ISO 8601). */
  at: string;
  seq: number;
  hash: string;
}

/** The anchor file a node writes: `audit-anchors` alone, `audit-anchors.<node>` when one of several. */
export const anchorFilePath = (dataDir: string, node?: string) =>
  path.resolve(dataDir, node ? `${ANCHOR_FILE}.${node.replace(/[^\w.-]/g, '_')}` : ANCHOR_FILE);

const LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) ([1-9]\d*) ([0-9a-f]{64})$/;

/**
 * Every anchor of the data directory's files (`audit-anchors` and each node's `audit-anchors.<node>`), in the order
 * of their numbers; none when there is no file yet. A line that cannot be read is a problem to report, not to skip:
 * the app only ever appends whole lines. A last line without its newline is one being appended right now, and is
 * left for the next look.
 */
export async function readAnchors(dataDir: string): Promise<{ anchors: Anchor[]; problem: string | null }> {
  let names: string[];
  try {
    names = (await readdir(path.resolve(dataDir))).filter((n) => n === ANCHOR_FILE || n.startsWith(`${ANCHOR_FILE}.`)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { anchors: [], problem: null };
    throw err;
  }
  const anchors: Anchor[] = [];
  for (const name of names) {
    let text: string;
    try {
      text = await readFile(path.resolve(dataDir, name), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    for (const [index, line] of text.split('\n').slice(0, -1).entries()) {
      const match = LINE.exec(line);
      if (!match) return { anchors, problem: `line ${index + 1} of ${name} is not an anchor (time, number, hash)` };
      anchors.push({ at: match[1]!, seq: Number(match[2]), hash: match[3]! });
    }
  }
  anchors.sort((a, b) => a.seq - b.seq || a.at.localeCompare(b.at));
  return { anchors, problem: null };
}

export interface AnchorWriter {
  /** A new head was stored: anchor it soon. */
  note(head: { seq: number; hash: string }): void;
  /** Anchor the newest head noted now, if not yet done; resolves when it is on disk. */
  flush(): Promise<void>;
}

export function createAnchorWriter(file: string, intervalMs = ANCHOR_INTERVAL_MS): AnchorWriter {
  let pending: { seq: number; hash: string } | null = null;
  let highestNoted = 0;
  let lastWrittenAt = 0;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const head = pending;
    if (!head) return writing;
    pending = null;
    lastWrittenAt = Date.now();
    const line = `${new Date().toISOString()} ${head.seq} ${head.hash}\n`;
    writing = writing
      .then(() => appendFile(file, line, { mode: 0o600 }))
      .catch((err: unknown) => log.error({ file, err }, 'audit anchor could not be written'));
    return writing;
  }

  return {
    note(head) {
      // Heads only move forward: a slower write finishing late must not anchor an older head.
      if (head.seq <= highestNoted) return;
      highestNoted = head.seq;
      pending = head;
      if (timer) return;
      // The first append after a quiet spell is anchored at once; a burst, once per interval.
      timer = setTimeout(() => void flush(), Math.max(0, lastWrittenAt + intervalMs - Date.now()));
      timer.unref();
    },
    flush,
  };
}
