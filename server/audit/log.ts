/**
 * Appending to the audit log. Entries are written one at a time per process (a promise queue), each
 * taking the next sequence number as its `_id` and the previous entry's hash. If another process
 * took that number first, the insert fails on the unique `_id` and the entry is retried on the new
 * tail, so the chain stays whole on every engine without transactions. Each entry is hashed under
 * the key of the data directory and the new head anchored there (key.ts, anchors.ts).
 *
 * Nothing here updates or deletes an entry: the log is append-only by construction.
 */
import mongoose from 'mongoose';
import type { AuditAction, AuditEntry } from '@shared/schemas/audit';
import type { ActingUser } from '../users/model';
import { isDuplicateKey } from '../db/keys';
import { log } from '../log';
import { anchorFilePath, createAnchorWriter, type AnchorWriter } from './anchors';
import { GENESIS_HASH, hashEntry } from './chain';
import { ensureAuditKey } from './key';
import { AuditEntryModel, type AuditRecord } from './model';
import { currentOrigin } from './origin';

export interface AuditInput {
  /** Who acted; null when nobody is signed in (a failed login). */
  actor: ActingUser | null;
  action: AuditAction;
  target?: { kind: string; id: string; label?: string | null } | null;
  detail?: Record<string, unknown>;
}

interface Tail {
  seq: number;
  hash: string;
}
/** The last entry written, per database (tests and tools may switch databases in one process). */
const tails = new Map<string, Tail>();
let queue: Promise<unknown> = Promise.resolve();

const databaseName = () => mongoose.connection.db?.databaseName ?? '';

/** This process's key and anchor file: one data directory per process. */
let opened: { key: Buffer; anchors: AnchorWriter } | null = null;

/**
 * Open the audit log for writing in this process, with the key and anchor file of `dataDir` (the key
 * is created there at the first start). The app's entry point, test servers and scripts that record
 * call it before recording; `close` lets entries being written finish and anchors the last head.
 */
/** `node`: this node's name when several share DATA_DIR (its anchors go to a file of its own, anchors.ts). */
export function openAuditLog({ dataDir, node }: { dataDir: string; node?: string }): { close(): Promise<void> } {
  const mine = { key: ensureAuditKey(dataDir), anchors: createAnchorWriter(anchorFilePath(dataDir, node)) };
  void opened?.anchors.flush();
  opened = mine;
  return {
    async close() {
      await queue;
      await mine.anchors.flush();
      if (opened === mine) opened = null;
    },
  };
}

async function loadTail(): Promise<Tail> {
  const last = await AuditEntryModel.findOne({}, { _id: 1, hash: 1 }).sort({ _id: -1 }).lean();
  return last ? { seq: last._id as number, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
}

export function toAuditEntry(record: AuditRecord): AuditEntry {
  return {
    seq: record._id,
    at: new Date(record.at).toISOString(),
    actor: record.actor
      ? {
          id: record.actor.id,
          displayName: record.actor.displayName ?? '',
          organization: record.actor.organization ?? '',
          role: record.actor.role ?? '',
        }
      : null,
    action: record.action as AuditAction,
    target: record.target ? { kind: record.target.kind ?? '', id: record.target.id ?? '', label: record.target.label ?? null } : null,
    detail: (record.detail ?? {}) as Record<string, unknown>,
    origin: {
      channel: (record.origin?.channel ?? 'system') as AuditEntry['origin']['channel'],
      ip: record.origin?.ip ?? null,
      userAgent: record.origin?.userAgent ?? null,
    },
    prevHash: record.prevHash,
    // Anything but the keyed scheme is checked as the plain one; it cannot follow a keyed entry (chain.ts).
    alg: record.alg === 'hmac-sha256' ? 'hmac-sha256' : 'sha256',
    hash: record.hash,
  };
}

async function append(input: AuditInput, origin: AuditEntry['origin'], at: Date): Promise<AuditEntry> {
  const trail = opened;
  if (!trail) throw new Error('audit log: not opened in this process (openAuditLog)');
  const db = databaseName();
  for (let attempt = 0; attempt < 20; attempt++) {
    const tail = tails.get(db) ?? (await loadTail());
    const content = {
      seq: tail.seq + 1,
      at: at.toISOString(),
      actor: input.actor
        ? {
            id: String(input.actor._id),
            displayName: input.actor.displayName,
            organization: input.actor.organization.nameJa,
            role: input.actor.role,
          }
        : null,
      action: input.action,
      target: input.target ? { kind: input.target.kind, id: input.target.id, label: input.target.label ?? null } : null,
      // Plain JSON only (dates as ISO strings), so the stored entry hashes the same when read back.
      detail: JSON.parse(JSON.stringify(input.detail ?? {})) as Record<string, unknown>,
      origin,
      prevHash: tail.hash,
      alg: 'hmac-sha256' as const,
    };
    const entry: AuditEntry = { ...content, hash: hashEntry(content, trail.key)! };
    try {
      const { seq, ...stored } = entry;
      await AuditEntryModel.collection.insertOne({ ...stored, _id: seq, at } as never);
      tails.set(db, { seq: entry.seq, hash: entry.hash });
      trail.anchors.note({ seq: entry.seq, hash: entry.hash });
      return entry;
    } catch (err) {
      tails.delete(db);
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new Error('audit log: could not take a place in the chain after 20 attempts');
}

/**
 * Put an act on the record. The act has already happened when this is called, so a failure to
 * write is logged loudly rather than turned into an error for the person who acted.
 */
export function recordAudit(input: AuditInput): Promise<AuditEntry | null> {
  const origin = currentOrigin();
  const at = new Date();
  const written = queue.then(() => append(input, origin, at));
  queue = written.catch(() => undefined);
  return written.catch((err: unknown) => {
    log.error({ action: input.action, err }, 'audit entry could not be written');
    return null;
  });
}
