/**
 * The menu's unread badge: where the reader stands in every thread, fetched once and then kept
 * current from live events (realtime/threadEvents.ts), so a busy forum costs no request per message.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { ReadState, Thread, UnreadState } from '@shared/schemas/threads';
import { getQuery } from './getQuery';
import { threadKeys } from './keys';

export const unreadQueries = {
  state: () => getQuery<UnreadState>(threadKeys.unread, '/api/threads/unread', { staleTime: Infinity }),
};

export function useUnreadThreadCount(): number {
  const state = useQuery(unreadQueries.state());
  // A muted thread's messages never count (docs/THREADS.md, "Following and muting").
  return state.data?.threads.filter((t) => t.lastSeq > t.readSeq && !t.muted).length ?? 0;
}

type Entry = UnreadState['threads'][number];

function updateEntry(queryClient: QueryClient, id: string, change: (entry: Entry) => Entry): void {
  queryClient.setQueryData<UnreadState>(threadKeys.unread, (state) => {
    if (!state) return state;
    const held = state.threads.find((t) => t.id === id);
    const next = change(held ?? { id, lastSeq: 0, readSeq: 0, muted: false });
    return { threads: held ? state.threads.map((t) => (t.id === id ? next : t)) : [...state.threads, next] };
  });
}

/** A thread was created or gained messages (numbers only grow, so an older event changes nothing). */
export function storeUnreadActivity(queryClient: QueryClient, thread: Pick<Thread, 'id' | 'lastSeq'>): void {
  updateEntry(queryClient, thread.id, (e) => ({ ...e, lastSeq: Math.max(e.lastSeq, thread.lastSeq) }));
}

/** The reader's position moved (here or in another tab). */
export function storeUnreadRead(queryClient: QueryClient, state: ReadState): void {
  updateEntry(queryClient, state.threadId, (e) => ({
    ...e,
    lastSeq: Math.max(e.lastSeq, state.lastSeq),
    readSeq: Math.max(e.readSeq, state.readSeq),
  }));
}

/** The reader muted the thread, or stopped muting it. */
export function storeUnreadMuted(queryClient: QueryClient, threadId: string, muted: boolean): void {
  updateEntry(queryClient, threadId, (e) => ({ ...e, muted }));
}
