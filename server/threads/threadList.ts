/**
 * The thread list as one reader sees it, from the in-memory thread view (threadView.ts): their tabs
 * (inListView), filters, unread counts, how they follow each thread and which are new to them.
 */
import type { Actor } from '@shared/domain';
import type { ThreadList, ThreadListQuery, UnreadState } from '@shared/schemas/threads';
import { inListView, isNewThread, readableVisibilities, type SubscriptionState } from '@shared/threads/rules';
import { badRequest } from '../http/errors';
import type { ThreadRow } from './model';
import { presentThread } from './presenter';
import { allReadSeqs, readSeqs } from './readCursors';
import { subscriptionsOf } from './subscriptions';
import { threadsByActivity, threadView } from './threadView';

interface ListCursor {
  pinned: boolean;
  at: number;
  id: string;
}
const encodeCursor = (t: ThreadRow) =>
  Buffer.from(JSON.stringify([t.pinned ? 1 : 0, t.lastActivityAt.getTime(), String(t._id)])).toString('base64url');
function decodeCursor(cursor: string): ListCursor {
  try {
    const [pinned, at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, number, string];
    if (typeof at !== 'number' || !/^[0-9a-f]{24}$/.test(id)) throw new Error('shape');
    return { pinned: pinned === 1, at, id };
  } catch {
    throw badRequest('query.cursor: malformed cursor', 'query.cursor');
  }
}

/** After the cursor in (pinned desc, lastActivityAt desc, _id desc) order. */
function isAfter(t: ThreadRow, c: ListCursor): boolean {
  if (t.pinned !== c.pinned) return c.pinned;
  const at = t.lastActivityAt.getTime();
  return at !== c.at ? at < c.at : String(t._id) < c.id;
}

/** A page of the thread list: the tab's threads (query.view) matching the filters, after the cursor. */
export async function listThreads(actor: Actor, query: ThreadListQuery): Promise<ThreadList> {
  const readable = readableVisibilities(actor).filter((v) => !query.visibility || v === query.visibility);
  if (!readable.length) return { threads: [], nextCursor: null };
  const view = query.view ?? 'all';
  // Every cursor of the reader only when the tab or filter depends on threads beyond the page (by `userId`, indexed).
  const needsCursors = query.unread || view === 'new' || view === 'unread';
  const [{ ordered }, subscriptions, cursors] = await Promise.all([
    threadsByActivity(),
    subscriptionsOf(actor.id),
    needsCursors ? allReadSeqs(actor.id) : null,
  ]);
  const now = Date.now();
  const factsOf = (t: ThreadRow, seqs: ReadonlyMap<string, number>) => {
    const id = String(t._id);
    const readSeq = seqs.get(id);
    const subscription: SubscriptionState = subscriptions.get(id) ?? 'normal';
    return {
      readSeq: readSeq ?? 0,
      subscription,
      opened: readSeq !== undefined,
      unread: Math.max(0, t.lastSeq - (readSeq ?? 0)),
      isNew: isNewThread(t, readSeq !== undefined, now),
    };
  };
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const found: ThreadRow[] = [];
  for (const t of ordered) {
    if (!readable.includes(t.visibility)) continue;
    if (query.businessArea && !t.businessAreas.includes(query.businessArea)) continue;
    if (query.resolved !== undefined && t.resolved !== query.resolved) continue;
    if (query.mine && !t.participants.some((p) => String(p) === actor.id)) continue;
    if (cursors) {
      const facts = factsOf(t, cursors);
      if (query.unread && facts.unread === 0) continue;
      if (!inListView(view, facts)) continue;
    } else if (!inListView(view, { subscription: subscriptions.get(String(t._id)) ?? 'normal', opened: false, unread: 0, isNew: false })) {
      continue; // all, following, muted: decided by the subscription alone
    }
    if (after && !isAfter(t, after)) continue;
    found.push(t);
    if (found.length > query.limit) break;
  }
  const page = found.slice(0, query.limit);
  const seqs =
    cursors ??
    (await readSeqs(
      actor.id,
      page.map((t) => String(t._id)),
    ));
  return {
    threads: page.map((t) => {
      const { readSeq, unread, subscription, isNew } = factsOf(t, seqs);
      return { ...presentThread(t), readSeq, unread, subscription, isNew, tookPart: t.participants.some((p) => String(p) === actor.id) };
    }),
    nextCursor: found.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}

/** The reader's position in every thread they may read, and which they muted (the menu's unread badge starts from this). */
export async function unreadState(actor: Actor): Promise<UnreadState> {
  const readable = readableVisibilities(actor);
  const [rows, cursors, subscriptions] = await Promise.all([threadView.current(), allReadSeqs(actor.id), subscriptionsOf(actor.id)]);
  const threads = [...rows.values()].filter((t) => readable.includes(t.visibility));
  return {
    threads: threads.map((t) => {
      const id = String(t._id);
      return { id, lastSeq: t.lastSeq, readSeq: cursors.get(id) ?? 0, muted: subscriptions.get(id) === 'muted' };
    }),
  };
}
