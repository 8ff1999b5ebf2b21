/** The issue's timeline: every change with field, old value, new value, who and when. */
import type { Types } from 'mongoose';
import type { HistoryEntry } from '@shared/schemas/issues';
import type { PersonRecord } from '../users/person';
import type { RegisterBroadcast } from './broadcast';
import { IssueHistoryModel } from './model';
import { presentHistory } from './presenter';

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

export async function recordHistory(
  broadcast: RegisterBroadcast,
  entry: { issueId: Types.ObjectId; type: HistoryEntry['type']; by: PersonRecord; changes?: Change[]; note?: string | null },
): Promise<HistoryEntry> {
  const stored = await IssueHistoryModel.create({ ...entry, changes: entry.changes ?? [], note: entry.note ?? null, at: new Date() });
  const presented = presentHistory(stored);
  broadcast.history(String(entry.issueId), presented);
  return presented;
}

export async function historyOf(issueId: Types.ObjectId): Promise<HistoryEntry[]> {
  const rows = await IssueHistoryModel.find({ issueId }).sort({ at: 1, _id: 1 }).lean();
  return rows.map(presentHistory);
}
