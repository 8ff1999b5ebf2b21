/**
 * History entries of links made before issue 16 (finding 4) stored the thread's title, shown to
 * everyone who read the issue. They are upgraded once per database at start-up (server/upgrades.ts)
 * to name the thread by id, so each reader sees its title only if they may read the thread. A title
 * that no longer finds exactly one thread keeps its words, shown to development readers only
 * (history.ts: the narrowest audience).
 */
import mongoose, { type Types } from 'mongoose';
import { ThreadModel } from '../threads/model';
import type { ThreadRef } from './history';
import { IssueHistoryModel, IssueSupportModel } from './model';

interface StoredChange {
  field?: string;
  from?: unknown;
  to?: unknown;
}

export async function upgradeHistoryLinks(): Promise<number> {
  const history = mongoose.connection.collection<{ _id: Types.ObjectId; type: string; changes?: StoredChange[] }>(
    IssueHistoryModel.collection.collectionName,
  );
  const refs = new Map<string, ThreadRef>();
  async function refFor(title: string): Promise<ThreadRef> {
    const known = refs.get(title);
    if (known) return known;
    const threads = await ThreadModel.find({ title }, { _id: 1 }).limit(2).lean();
    const ref: ThreadRef = threads.length === 1 ? { id: String(threads[0]!._id) } : { id: null, title };
    refs.set(title, ref);
    return ref;
  }
  let upgraded = 0;
  for (const type of ['link', 'unlink']) {
    for (const entry of await history.find({ type }, { projection: { changes: 1 } }).toArray()) {
      const changes = entry.changes ?? [];
      if (!changes.some((c) => c.field === 'thread' && (typeof c.from === 'string' || typeof c.to === 'string'))) continue;
      const named = await Promise.all(
        changes.map(async (c) =>
          c.field === 'thread'
            ? {
                field: 'thread',
                from: typeof c.from === 'string' ? await refFor(c.from) : (c.from ?? null),
                to: typeof c.to === 'string' ? await refFor(c.to) : (c.to ?? null),
              }
            : c,
        ),
      );
      await history.updateOne({ _id: entry._id }, { $set: { changes: named } });
      upgraded++;
    }
  }
  return upgraded;
}

/**
 * Supports stored before the register's 自組織が賛同 filter carry their organisation only inside
 * `organization`; the filter looks them up by the top-level `organizationId` (model.ts). Found once
 * by the missing field (a scan, once per database), each set by `_id`.
 */
export async function upgradeSupportOrganizations(): Promise<number> {
  const supports = mongoose.connection.collection<{
    _id: string;
    organization: { id: Types.ObjectId };
    organizationId?: Types.ObjectId | null;
  }>(IssueSupportModel.collection.collectionName);
  let upgraded = 0;
  for (const s of await supports.find({ organizationId: null }, { projection: { organization: 1 } }).toArray()) {
    await supports.updateOne({ _id: s._id }, { $set: { organizationId: s.organization.id } });
    upgraded++;
  }
  return upgraded;
}
