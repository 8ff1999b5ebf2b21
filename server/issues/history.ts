/**
 * The issue's timeline: every change with field, old value, new value, who and when.
 *
 * A change that names a thread (a link made or removed) stores the thread's id, never its title:
 * the title is put in when the entry is shown, for readers who may read that thread, and the
 * others see only that a thread they may not read was linked (issue 16, finding 4). Live entries
 * go out the same way: the issue's room has a sub-room per restricted visibility its readers may
 * read (socketEvents.ts), which gets the named entry; the rest of the room gets the unnamed one.
 */
import { trusted, type Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { HistoryEntry } from '@shared/schemas/issues';
import { canReadVisibility, type Visibility } from '@shared/threads/rules';
import { ThreadModel } from '../threads/model';
import type { PersonRecord } from '../users/person';
import type { RegisterBroadcast } from './broadcast';
import { IssueHistoryModel } from './model';
import { presentHistory } from './presenter';

export interface Change {
  field: string;
  from: unknown;
  to: unknown;
}

/** How a thread is named in a stored change. Entries from before finding 4 hold a bare title (see upgradeHistoryLinks). */
export interface ThreadRef {
  id: string | null;
  /** Only on entries whose thread could not be found again when they were upgraded. */
  title?: string;
}

/** How a thread is shown to one reader: named, or only said to be there. */
export type ShownThread = { id: string; title: string } | { hidden: true };

interface ThreadFacts {
  title: string;
  visibility: Visibility;
}

const isThreadRef = (value: unknown): value is ThreadRef => typeof value === 'object' && value !== null && 'id' in value;

/** The thread a stored link change names (its id), from either side of the change. */
function refOf(change: { field?: string | null; from?: unknown; to?: unknown }): ThreadRef | null {
  if (change.field !== 'thread') return null;
  const value = change.to ?? change.from;
  return isThreadRef(value) ? value : null;
}

/** The narrowest audience: an unfound thread is named only to those who read every visibility. */
const UNKNOWN: ThreadFacts = { title: '', visibility: 'development' };

function show(ref: ThreadRef, facts: ThreadFacts | undefined, reader: Actor | 'everyone'): ShownThread {
  const known = facts ?? { ...UNKNOWN, title: ref.title ?? '' };
  if (!known.title || (reader !== 'everyone' && !canReadVisibility(reader, known.visibility))) return { hidden: true };
  return { id: ref.id ?? '', title: known.title };
}

type StoredHistory = Parameters<typeof presentHistory>[0];

function presentFor(entry: StoredHistory, threads: Map<string, ThreadFacts>, reader: Actor | 'everyone'): HistoryEntry {
  const presented = presentHistory(entry);
  presented.changes = entry.changes.map((c) => {
    const ref = refOf(c);
    if (!ref) return { field: c.field ?? '', from: c.from ?? null, to: c.to ?? null };
    const shown = show(ref, ref.id ? threads.get(ref.id) : undefined, reader);
    return { field: 'thread', from: c.from ? shown : null, to: c.to ? shown : null };
  });
  return presented;
}

async function threadsNamedIn(entries: readonly StoredHistory[]): Promise<Map<string, ThreadFacts>> {
  const ids = [...new Set(entries.flatMap((e) => e.changes.flatMap((c) => refOf(c)?.id ?? [])))];
  if (!ids.length) return new Map();
  const threads = await ThreadModel.find({ _id: trusted({ $in: ids }) }, { title: 1, visibility: 1 }).lean();
  return new Map(threads.map((t) => [String(t._id), { title: t.title, visibility: t.visibility as Visibility }]));
}

export async function recordHistory(
  broadcast: RegisterBroadcast,
  entry: { issueId: Types.ObjectId; type: HistoryEntry['type']; by: PersonRecord; changes?: Change[]; note?: string | null },
): Promise<HistoryEntry> {
  const stored = await IssueHistoryModel.create({ ...entry, changes: entry.changes ?? [], note: entry.note ?? null, at: new Date() });
  const threads = await threadsNamedIn([stored]);
  const restricted = [...threads.values()].find((t) => t.visibility !== 'council');
  const named = presentFor(stored, threads, 'everyone');
  if (restricted) {
    const unnamed = presentFor(stored, new Map(), 'everyone');
    broadcast.history(String(entry.issueId), named, { visibility: restricted.visibility, others: unnamed });
  } else {
    broadcast.history(String(entry.issueId), named);
  }
  return named;
}

export async function historyOf(actor: Actor, issueId: Types.ObjectId): Promise<HistoryEntry[]> {
  const rows = await IssueHistoryModel.find({ issueId }).sort({ at: 1, _id: 1 }).lean();
  const threads = await threadsNamedIn(rows);
  return rows.map((row) => presentFor(row, threads, actor));
}
