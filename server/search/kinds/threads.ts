/**
 * Threads in "search everywhere": a thread is found by its title (its opening post is a message of its own,
 * ./messages.ts). Who may read one is the thread policy's `readVerdict`, over the in-memory thread view, as the
 * notifications' access check (server/notifications/access.ts) decides it.
 */
import mongoose from 'mongoose';
import type { Actor } from '@shared/domain';
import { readVerdict } from '@shared/policies/thread';
import { THREAD_SEARCH_FIELDS, ThreadModel, type ThreadRow } from '../../threads/model';
import { threadView } from '../../threads/threadView';
import type { FoundItem, SearchSource } from './types';

/** What a thread's entry is made of: a stored document or a lean row. */
type ThreadText = Pick<ThreadRow, '_id' | 'title'>;

/** The readable threads among `ids`, from the thread view (no database read), by id. */
export async function readableThreads(actor: Actor, ids: readonly string[]): Promise<Map<string, ThreadRow>> {
  const out = new Map<string, ThreadRow>();
  if (!actor.active) return out;
  const rows = await threadView.current();
  for (const id of ids) {
    const thread = rows.get(id);
    if (thread && readVerdict(actor, thread).allowed) out.set(id, thread);
  }
  return out;
}

/** The thread page. */
export const threadPath = (threadId: string) => `/threads/${threadId}`;

/** A thread's status for the filter `status`, which its messages and their files share. */
export const threadStatus = (thread: Pick<ThreadRow, 'resolved'>) => (thread.resolved ? 'resolved' : 'open');

export const threadSearch: SearchSource<ThreadText> = {
  kinds: ['thread'],
  fields: THREAD_SEARCH_FIELDS,
  entriesOf: (thread) => [{ kind: 'thread', id: String(thread._id), title: thread.title ?? '', body: '' }],
  async *all() {
    yield* ThreadModel.find({}, { title: 1 }).lean<ThreadText[]>().cursor({ batchSize: 500 });
  },
  async readable(actor, _kind, ids) {
    const threads = await readableThreads(
      actor,
      ids.filter((id) => mongoose.isValidObjectId(id)),
    );
    return [...threads.values()].map((thread): FoundItem => ({
      ...threadSearch.entriesOf(thread)[0]!,
      where: null,
      href: threadPath(String(thread._id)),
      who: thread.createdBy.displayName,
      at: thread.lastActivityAt,
      number: null,
      status: threadStatus(thread),
      areas: thread.businessAreas,
      organizations: [String(thread.createdBy.organization.id)],
    }));
  },
};
