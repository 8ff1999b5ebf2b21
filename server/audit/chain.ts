/**
 * The hash chain of the audit log. Each entry's hash covers its content and the previous entry's
 * hash (RFC 8785 canonical JSON, SHA-256), so editing, removing or reordering any stored entry
 * breaks every link after it. Pure functions: the app, the verify script and tests share them.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEntry } from '@shared/schemas/audit';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditContent = Omit<AuditEntry, 'hash'>;

export function hashEntry(content: AuditContent): string {
  const { seq, at, actor, action, target, detail, origin, prevHash } = content;
  const text = canonicalize({ seq, at, actor, action, target, detail, origin, prevHash });
  if (text === undefined) throw new Error('audit entry cannot be canonicalised');
  return createHash('sha256').update(text).digest('hex');
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  brokenAt: number | null;
  problem: string | null;
  /** The last intact entry. A chain cannot show entries cut from its end: compare the head with one noted earlier. */
  head: { seq: number; hash: string } | null;
}

/** Walk entries in sequence order and report the first one that does not fit the chain. */
export async function verifyChain(entries: AsyncIterable<AuditEntry> | Iterable<AuditEntry>): Promise<ChainCheck> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let head: ChainCheck['head'] = null;
  const broken = (seq: number, problem: string): ChainCheck => ({ ok: false, entries: count, brokenAt: seq, problem, head });
  for await (const entry of entries) {
    if (entry.seq !== expectedSeq) return broken(expectedSeq, `entry ${expectedSeq} is missing (found ${entry.seq} next)`);
    if (entry.prevHash !== prevHash) return broken(entry.seq, `entry ${entry.seq} does not link to entry ${entry.seq - 1}`);
    if (hashEntry(entry) !== entry.hash) return broken(entry.seq, `entry ${entry.seq} was changed after it was written`);
    prevHash = entry.hash;
    head = { seq: entry.seq, hash: entry.hash };
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, entries: count, brokenAt: null, problem: null, head };
}
