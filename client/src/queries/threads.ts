/**
 * Thread lists, one thread's detail, changing a thread, and how a thread pushed by the server
 * (thread.created / thread.updated / thread.read) is written into those caches in place.
 */
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ModerationLog,
  ReadState,
  Subscription,
  Thread,
  ThreadCreateBody,
  ThreadCreated,
  ThreadDetail,
  ThreadList,
  ThreadListQuery,
  ThreadSummary,
  ThreadUpdateBody,
} from '@shared/schemas/threads';
import type { Me } from '@shared/schemas/users';
import { inListView, isNewThread, type SubscriptionState } from '@shared/threads/rules';
import { api } from '@client/api';
import { getQuery } from './getQuery';
import { meKeys, threadKeys } from './keys';
import { seedTimeline } from './threadMessages';
import { storeUnreadMuted } from './unread';

/** The list filters as the URL and the cache key hold them (the cursor and page size are the query's). */
export type ThreadFilters = Omit<ThreadListQuery, 'cursor' | 'limit'>;
/** A thread as a link or an option shows it. */
export type ThreadRef = Pick<Thread, 'id' | 'title'>;
type ListData = InfiniteData<ThreadList, string | null>;

const threadPath = (id: string) => `/api/threads/${encodeURIComponent(id)}`;

function threadListPath(filters: ThreadFilters, cursor: string | null): string {
  const params = new URLSearchParams();
  if (filters.visibility) params.set('visibility', filters.visibility);
  if (filters.businessArea) params.set('businessArea', filters.businessArea);
  if (filters.resolved !== undefined) params.set('resolved', String(filters.resolved));
  if (filters.unread) params.set('unread', 'true');
  if (filters.mine) params.set('mine', 'true');
  if (filters.view) params.set('view', filters.view);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/api/threads?${query}` : '/api/threads';
}

/** The threads' reads; hooks and cache writers take their keys and fetches from here. */
export const threadQueries = {
  list: (filters: ThreadFilters) =>
    infiniteQueryOptions({
      queryKey: threadKeys.list(filters),
      queryFn: ({ pageParam, signal }) => api.get<ThreadList>(threadListPath(filters, pageParam), signal),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
  /** The 50 most recently active threads the reader may read, as id and title (the meeting form's picker). */
  recent: () =>
    queryOptions({
      queryKey: threadKeys.recent,
      queryFn: async ({ signal }): Promise<ThreadRef[]> => {
        const { threads } = await api.get<ThreadList>('/api/threads?limit=50', signal);
        return threads.map(({ id, title }) => ({ id, title }));
      },
      staleTime: 60_000,
    }),
  detail: (id: string) => getQuery<ThreadDetail>(threadKeys.detail(id), threadPath(id)),
  moderation: (threadId: string) =>
    getQuery<z.infer<typeof ModerationLog>>(threadKeys.moderation(threadId), `${threadPath(threadId)}/moderation`),
};

export const useThreadList = (filters: ThreadFilters) => useInfiniteQuery(threadQueries.list(filters));
export const useRecentThreads = () => useQuery(threadQueries.recent());
export const useThreadDetail = (id: string) => useQuery(threadQueries.detail(id));
export const useModerationLog = (threadId: string, enabled: boolean) => useQuery({ ...threadQueries.moderation(threadId), enabled });

export function useCreateThread() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ThreadCreateBody) => api.post<z.infer<typeof ThreadCreated>>('/api/threads', body),
    onSuccess({ thread, message }) {
      // The author has read their own first message; the thread view can open without a fetch.
      storeSummary(queryClient, { ...thread, readSeq: thread.lastSeq, unread: 0, tookPart: true, subscription: 'following', isNew: false });
      seedTimeline(queryClient, thread.id, [message], thread.lastSeq);
    },
  });
}

/** PATCH a thread (title, areas, resolved; pinned and locked for the secretariat, with a reason). */
export function useUpdateThread(threadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ThreadUpdateBody) => api.patch<Thread>(threadPath(threadId), changes),
    onSuccess(thread, changes) {
      storeThread(queryClient, thread);
      if (changes.pinned !== undefined || changes.locked !== undefined) {
        void queryClient.invalidateQueries({ queryKey: threadKeys.moderation(threadId), exact: true });
      }
    },
  });
}

/** Follow, leave to normal or mute (PUT /api/threads/:id/subscription). */
export function useSetSubscription(threadId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (state: SubscriptionState) => api.put<Subscription>(`${threadPath(threadId)}/subscription`, { state }),
    onSuccess: (subscription) => storeSubscription(queryClient, subscription),
  });
}

/** The reader's choice for a thread (our own PUT, or thread.subscription from another tab). */
export function storeSubscription(queryClient: QueryClient, { threadId, state }: Subscription): void {
  queryClient.setQueryData<ThreadDetail>(threadKeys.detail(threadId), (d) => d && { ...d, subscription: state });
  storeUnreadMuted(queryClient, threadId, state === 'muted');
  // Which tabs list the thread changed: the lists are fetched again when next shown.
  void queryClient.invalidateQueries({ queryKey: threadKeys.lists });
}

// ---- Writing pushed threads into the caches -------------------------------------------------

/** Pinned first, then the latest activity: the server's list order. */
function listOrder(a: Thread, b: Thread): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  return Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt);
}

function matchesFilters(thread: ThreadSummary, filters: ThreadFilters): boolean {
  return (
    (!filters.visibility || thread.visibility === filters.visibility) &&
    (!filters.businessArea || thread.businessAreas.includes(filters.businessArea)) &&
    (filters.resolved === undefined || thread.resolved === filters.resolved) &&
    (!filters.unread || thread.unread > 0) &&
    (!filters.mine || thread.tookPart) &&
    inListView(filters.view ?? 'all', { ...thread, opened: thread.readSeq > 0 })
  );
}

/**
 * Take the thread out of the loaded pages and put it back where the order says, if it still
 * matches the list's filters. A place after everything loaded belongs to a page not fetched yet.
 */
function placeInList(data: ListData, thread: ThreadSummary, filters: ThreadFilters): ListData {
  const pages = data.pages.map((page) => ({ ...page, threads: page.threads.filter((t) => t.id !== thread.id) }));
  if (matchesFilters(thread, filters)) {
    const page = pages.find((p) => p.threads.some((t) => listOrder(thread, t) < 0));
    if (page)
      page.threads.splice(
        page.threads.findIndex((t) => listOrder(thread, t) < 0),
        0,
        thread,
      );
    else if (pages.length > 0 && !pages[pages.length - 1]!.nextCursor) pages[pages.length - 1]!.threads.push(thread);
  }
  return { ...data, pages };
}

function cachedLists(queryClient: QueryClient) {
  return queryClient.getQueriesData<ListData>({ queryKey: threadKeys.lists });
}

/** What this reader's lists already say about the thread (their read cursor, whether they took part). */
function knownSummary(queryClient: QueryClient, id: string): ThreadSummary | undefined {
  for (const [, data] of cachedLists(queryClient)) {
    for (const page of data?.pages ?? []) {
      const found = page.threads.find((t) => t.id === id);
      if (found) return found;
    }
  }
  return undefined;
}

function storeSummary(queryClient: QueryClient, summary: ThreadSummary): void {
  for (const [key, data] of cachedLists(queryClient)) {
    const filters = key[2] as ThreadFilters | undefined;
    if (data && filters) queryClient.setQueryData<ListData>(key, placeInList(data, summary, filters));
  }
}

/** What the reader knows of their own relation to a thread, beside the thread itself. */
type Relation = Pick<ThreadSummary, 'readSeq' | 'tookPart' | 'subscription'>;

function withReadSeq(thread: Thread, { readSeq, tookPart, subscription }: Relation): ThreadSummary {
  const isNew = isNewThread(thread, readSeq > 0);
  return { ...thread, readSeq, tookPart, subscription, isNew, unread: Math.max(0, thread.lastSeq - readSeq) };
}

function me(queryClient: QueryClient): Me | null | undefined {
  return queryClient.getQueryData<Me | null>(meKeys.me);
}

/** A thread someone just started (thread.created). */
export function storeCreatedThread(queryClient: QueryClient, thread: Thread): void {
  const mine = thread.createdBy.id === me(queryClient)?.id;
  storeSummary(
    queryClient,
    withReadSeq(thread, { readSeq: mine ? thread.lastSeq : 0, tookPart: mine, subscription: mine ? 'following' : 'normal' }),
  );
}

/** A thread that changed or had new activity (thread.updated, or our own PATCH). */
export function storeThread(queryClient: QueryClient, thread: Thread): void {
  const detail = queryClient.setQueryData<ThreadDetail>(threadKeys.detail(thread.id), (d) => d && { ...d, thread });
  const known = knownSummary(queryClient, thread.id);
  if (known) return storeSummary(queryClient, withReadSeq(thread, known));
  if (detail) return storeSummary(queryClient, summaryFromDetail(queryClient, detail));
  // Not in any loaded page (an older thread with new activity) and never opened: only its detail
  // knows this reader's read cursor. One request for this thread, instead of refetching lists,
  // and only when a cached list could show it at all.
  const couldShow = cachedLists(queryClient).some(([key]) => {
    const filters = key[2] as ThreadFilters | undefined;
    const anyone = withReadSeq(thread, { readSeq: 0, tookPart: true, subscription: 'following' });
    return filters && matchesFilters(anyone, { ...filters, unread: undefined, mine: undefined, view: undefined });
  });
  if (!couldShow) return;
  void queryClient
    .fetchQuery(threadQueries.detail(thread.id))
    .then((fetched) => storeSummary(queryClient, summaryFromDetail(queryClient, fetched)))
    .catch(() => undefined); // Gone or no longer readable: the list simply does not show it.
}

function summaryFromDetail(queryClient: QueryClient, detail: ThreadDetail): ThreadSummary {
  const tookPart = detail.participants.some((p) => p.id === me(queryClient)?.id);
  return withReadSeq(detail.thread, { readSeq: detail.readSeq, tookPart, subscription: detail.subscription });
}

/** This reader's read cursor moved (our own thread.read ack, or another tab's). */
export function storeReadState(queryClient: QueryClient, state: ReadState): void {
  queryClient.setQueryData<ThreadDetail>(
    threadKeys.detail(state.threadId),
    (detail) => detail && { ...detail, readSeq: Math.max(detail.readSeq, state.readSeq) },
  );
  const known = knownSummary(queryClient, state.threadId);
  if (!known) return;
  const lastSeq = Math.max(known.lastSeq, state.lastSeq);
  storeSummary(queryClient, withReadSeq({ ...known, lastSeq }, { ...known, readSeq: Math.max(known.readSeq, state.readSeq) }));
}
