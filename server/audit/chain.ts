/**
 * The hash chain of the audit log. Each entry's hash covers its content and the previous entry's
 * hash (RFC 8785 canonical JSON), so editing, removing or reordering any stored entry breaks every
 * link after it. The hash is an HMAC-SHA256 under a key kept outside the database (key.ts): without
 * it, nobody can re-hash the entries after one they changed. Entries written before the chain was
 * keyed keep their plain SHA-256 and are checked by it; the anchors (anchors.ts) cover those too,
 * and any rewrite that passes keyed entries off as old ones.
 *
 * Pure functions: the app, the verify script and tests share them.
 */
import { createHash, createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEntry } from '@shared/schemas/audit';
import type { Anchor } from './anchors';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditContent = Omit<AuditEntry, 'hash'>;

function canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('audit entry cannot be canonicalised');
  return text;
}

/** The hash of an entry by its own scheme; null for a keyed entry when there is no key. */
export function hashEntry(content: AuditContent, key: Buffer | null): string | null {
  const { alg, seq, at, actor, action, target, detail, origin, prevHash } = content;
  if (alg === 'sha256')
    return createHash('sha256').update(canonical({ seq, at, actor, action, target, detail, origin, prevHash })).digest('hex');
  // The scheme is part of what is keyed, so an entry cannot be relabelled as another kind.
  return key
    ? createHmac('sha256', key).update(canonical({ alg, seq, at, actor, action, target, detail, origin, prevHash })).digest('hex')
    : null;
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  brokenAt: number | null;
  problem: string | null;
  /** The last intact entry. */
  head: { seq: number; hash: string } | null;
  /** The newest anchor the chain was checked against. */
  anchor: { seq: number; at: string } | null;
}

/**
 * Walk entries in sequence order and report the first one that does not fit the chain, its key or
 * its anchors; then check that the chain reaches the newest anchor (nothing was cut off its end).
 */
export async function verifyChain(
  entries: AsyncIterable<AuditEntry> | Iterable<AuditEntry>,
  { key, anchors }: { key: Buffer | null; anchors: readonly Anchor[] },
): Promise<ChainCheck> {
  const anchored = new Map<number, Anchor[]>();
  for (const a of anchors) anchored.set(a.seq, [...(anchored.get(a.seq) ?? []), a]);
  const newest = anchors.reduce<Anchor | null>((found, a) => (!found || a.seq > found.seq ? a : found), null);
  const anchor = newest && { seq: newest.seq, at: newest.at };

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let head: ChainCheck['head'] = null;
  let firstKeyed: number | null = null;
  const broken = (seq: number, problem: string): ChainCheck => ({ ok: false, entries: count, brokenAt: seq, problem, head, anchor });
  for await (const entry of entries) {
    const { seq } = entry;
    if (seq !== expectedSeq) return broken(expectedSeq, `entry ${expectedSeq} is missing (found ${seq} next)`);
    if (entry.prevHash !== prevHash) return broken(seq, `entry ${seq} does not link to entry ${seq - 1}`);
    if (entry.alg === 'sha256' && firstKeyed !== null) {
      return broken(seq, `entry ${seq} is not keyed though entry ${firstKeyed} before it is: it was written again without the key`);
    }
    const hash = hashEntry(entry, key);
    if (hash === null) return broken(seq, `entry ${seq} is keyed and the data directory has no audit key to check it with`);
    if (hash !== entry.hash) return broken(seq, `entry ${seq} was changed after it was written`);
    const other = anchored.get(seq)?.find((a) => a.hash !== entry.hash);
    if (other) return broken(seq, `entry ${seq} is not the one anchored at ${other.at}: the log was rewritten up to here`);
    if (entry.alg === 'hmac-sha256') firstKeyed ??= seq;
    prevHash = entry.hash;
    head = { seq, hash: entry.hash };
    expectedSeq += 1;
    count += 1;
  }
  if (newest && newest.seq >= expectedSeq) {
    return broken(
      expectedSeq,
      `entries ${expectedSeq} to ${newest.seq} are missing: the anchor of ${newest.at} names entry ${newest.seq}, so the log was cut short`,
    );
  }
  return { ok: true, entries: count, brokenAt: null, problem: null, head, anchor };
}
