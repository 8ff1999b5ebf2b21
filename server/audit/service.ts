/** Reading the audit log: the secretariat's paged view, its exports, and the chain check. */
import type { QueryFilter } from 'mongoose';
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import { endOfJapanDay, startOfJapanDay } from '@shared/japanDates';
import type { AuditEntry, AuditExportQuery, AuditListQuery, AuditPage } from '@shared/schemas/audit';
import { authorize } from '../http/authorize';
import { escapeRegex } from '../db/keys';
import { readAnchors } from './anchors';
import { verifyChain, type ChainCheck } from './chain';
import { readAuditKey } from './key';
import { toAuditEntry } from './log';
import { AuditEntryModel, type AuditRecord } from './model';

function auditFilter(query: AuditExportQuery & { before?: number }): QueryFilter<AuditRecord> {
  const filter: Record<string, unknown> = {};
  if (query.category) filter.action = trusted({ $regex: `^${escapeRegex(query.category)}\\.` });
  if (query.actorId) filter['actor.id'] = query.actorId;
  const at: Record<string, Date> = {};
  if (query.from) at.$gte = startOfJapanDay(query.from);
  if (query.to) at.$lt = endOfJapanDay(query.to);
  if (Object.keys(at).length) filter.at = trusted(at);
  if (query.before) filter._id = trusted({ $lt: query.before });
  return filter as QueryFilter<AuditRecord>;
}

export async function auditPage(actor: Actor, query: AuditListQuery): Promise<AuditPage> {
  authorize(actor, 'audit.read');
  const rows = await AuditEntryModel.find(auditFilter(query))
    .sort({ _id: -1 })
    .limit(query.limit + 1)
    .lean<AuditRecord[]>();
  const entries = rows.slice(0, query.limit).map(toAuditEntry);
  return { entries, nextBefore: rows.length > query.limit ? entries[entries.length - 1]!.seq : null };
}

const AUDIT_EXPORT_MAX_ROWS = 50_000;

export async function auditForExport(actor: Actor, query: AuditExportQuery): Promise<AuditEntry[]> {
  authorize(actor, 'audit.read');
  const rows = await AuditEntryModel.find(auditFilter(query)).sort({ _id: 1 }).limit(AUDIT_EXPORT_MAX_ROWS).lean<AuditRecord[]>();
  return rows.map(toAuditEntry);
}

/** Every entry in chain order, read in batches so a long log is never held in memory at once. */
async function* allEntries(batch = 1_000): AsyncGenerator<AuditEntry> {
  let after = 0;
  for (;;) {
    const rows = await AuditEntryModel.find({ _id: trusted({ $gt: after }) })
      .sort({ _id: 1 })
      .limit(batch)
      .lean<AuditRecord[]>();
    for (const row of rows) yield toAuditEntry(row);
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!._id;
  }
}

/**
 * Check the whole log against its chain, the key and the anchors of `dataDir` (the app's, or the
 * one the verify command is given). Only what that directory anchored is checked against (several
 * processes on one database: docs/RELIABILITY.md, "The audit log").
 */
export async function verifyAuditLog({ actor, dataDir }: { actor?: Actor; dataDir: string }): Promise<ChainCheck> {
  if (actor) authorize(actor, 'audit.read');
  // The anchors first: each names an entry stored before the walk begins, so one written meanwhile
  // cannot look like a head the chain falls short of.
  const { anchors, problem } = await readAnchors(dataDir);
  if (problem) return { ok: false, entries: 0, brokenAt: null, problem, head: null, anchor: null };
  return verifyChain(allEntries(), { key: readAuditKey(dataDir), anchors });
}
