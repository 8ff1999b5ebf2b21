/**
 * A thread's messages as this client holds them: the top-level timeline (the pages of
 * GET /threads/:id/messages, the latest first, older ones on demand) and, for each message whose
 * replies were opened, those replies. Pushed events and acknowledgements go through the shared
 * timeline reducer, so each cache stays what a fresh fetch of its endpoint would return.
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Message, MessagePage, MessageVersions, Reaction } from '@shared/schemas/threads';
import { applyTimelineEvent, emptyTimeline, mergeMessages, type Timeline, type TimelineEvent } from '@shared/threads/timeline';
import { api } from '@client/api';
import { getQuery } from './getQuery';
import { threadKeys } from './keys';

export interface ThreadTimeline extends Timeline {
  /** Older top-level messages exist on the server: scrolling up loads them. */
  hasOlder: boolean;
}

const messagesPath = (threadId: string) => `/api/threads/${encodeURIComponent(threadId)}/messages`;

/** `lastSeq` is the thread's: the timeline is current up to there, replies included. */
function fromPage(page: MessagePage): ThreadTimeline {
  const timeline = mergeMessages(emptyTimeline, page.messages);
  return { ...timeline, lastSeq: Math.max(timeline.lastSeq, page.lastSeq), hasOlder: page.hasMore };
}

function fetchLatestPage(threadId: string, signal?: AbortSignal): Promise<MessagePage> {
  return api.get<MessagePage>(messagesPath(threadId), signal);
}

// Live events keep these current, and a refetch would throw away the older pages scrolled into
// view; catching up after a disconnection is the thread room's job (thread.join with afterSeq).
const LIVE = { staleTime: Infinity, refetchOnWindowFocus: false, refetchOnReconnect: false } as const;

/** A thread's messages as reads; the hooks and the room's catch-up take their keys and fetches from here. */
export const messageQueries = {
  timeline: (threadId: string) =>
    queryOptions({
      queryKey: threadKeys.timeline(threadId),
      queryFn: async ({ signal }) => fromPage(await fetchLatestPage(threadId, signal)),
      ...LIVE,
    }),
  /** The replies of one top-level message. */
  replies: (threadId: string, parentId: string) =>
    queryOptions({
      queryKey: threadKeys.messageReplies(threadId, parentId),
      queryFn: async ({ signal }) =>
        mergeMessages(
          emptyTimeline,
          (await api.get<MessagePage>(`/api/messages/${encodeURIComponent(parentId)}/replies`, signal)).messages,
        ),
      ...LIVE,
    }),
  /** Earlier versions of an edited message (its author and the secretariat only). */
  versions: (messageId: string) =>
    getQuery<z.infer<typeof MessageVersions>>(
      threadKeys.messageVersions(messageId),
      `/api/messages/${encodeURIComponent(messageId)}/versions`,
      {
        staleTime: 0, // An edit may have added a version since the dialog was last opened.
      },
    ),
};

export const useThreadTimeline = (threadId: string) => useQuery(messageQueries.timeline(threadId));

/** Scrolling up: the page of top-level messages before the oldest one held. */
export function useLoadOlderMessages(threadId: string) {
  const queryClient = useQueryClient();
  const key = threadKeys.timeline(threadId);
  return useMutation({
    mutationFn: async () => {
      const oldest = queryClient.getQueryData<ThreadTimeline>(key)?.messages[0]?.seq;
      return oldest === undefined ? null : api.get<MessagePage>(`${messagesPath(threadId)}?before=${oldest}`);
    },
    onSuccess(page) {
      if (page) queryClient.setQueryData<ThreadTimeline>(key, (t) => t && { ...mergeMessages(t, page.messages), hasOlder: page.hasMore });
    },
  });
}

/** The replies of one top-level message; `parentId` null while no reply panel is open. */
export const useReplies = (threadId: string, parentId: string | null) =>
  useQuery({ ...messageQueries.replies(threadId, parentId ?? ''), enabled: parentId !== null });

export const useMessageVersions = (messageId: string, enabled: boolean) => useQuery({ ...messageQueries.versions(messageId), enabled });

// ---- Writing into the caches ----------------------------------------------------------------

function updateTimeline(queryClient: QueryClient, threadId: string, change: (t: ThreadTimeline) => Timeline): void {
  queryClient.setQueryData<ThreadTimeline>(threadKeys.timeline(threadId), (t) => t && { ...change(t), hasOlder: t.hasOlder });
}

/** A thread just created by this person: its timeline is known without asking. */
export function seedTimeline(queryClient: QueryClient, threadId: string, messages: Message[], lastSeq: number): void {
  const timeline = mergeMessages(emptyTimeline, messages);
  queryClient.setQueryData<ThreadTimeline>(threadKeys.timeline(threadId), { ...timeline, lastSeq, hasOlder: false });
}

/**
 * Messages from an event, an acknowledgement or a catch-up: top-level ones into the timeline,
 * replies into their parent's replies when those are held. Either way the timeline's lastSeq
 * moves on, so a later catch-up starts after them.
 */
export function storeMessages(queryClient: QueryClient, threadId: string, messages: readonly Message[]): void {
  if (messages.length === 0) return;
  const highest = Math.max(...messages.map((m) => m.seq));
  const topLevel = messages.filter((m) => m.parentId === null);
  updateTimeline(queryClient, threadId, (t) => {
    const merged = mergeMessages(t, topLevel);
    return { ...merged, lastSeq: Math.max(merged.lastSeq, highest) };
  });
  const byParent = new Map<string, Message[]>();
  for (const m of messages) if (m.parentId !== null) byParent.set(m.parentId, [...(byParent.get(m.parentId) ?? []), m]);
  for (const [parentId, replies] of byParent) {
    queryClient.setQueryData<Timeline>(threadKeys.messageReplies(threadId, parentId), (t) => t && mergeMessages(t, replies));
  }
}

/** reaction.changed, or our own reaction.set: the message may be top-level or a reply. */
export function storeReactions(queryClient: QueryClient, threadId: string, messageId: string, reactions: Reaction[]): void {
  const event: TimelineEvent = { type: 'reaction.changed', messageId, reactions };
  updateTimeline(queryClient, threadId, (t) => applyTimelineEvent(t, event));
  queryClient.setQueriesData<Timeline>({ queryKey: threadKeys.replies(threadId) }, (t) => t && applyTimelineEvent(t, event));
}

export function storeReplyCount(
  queryClient: QueryClient,
  threadId: string,
  change: { messageId: string; replyCount: number; lastReplyAt: string | null },
): void {
  updateTimeline(queryClient, threadId, (t) => applyTimelineEvent(t, { type: 'message.replies', ...change }));
}

/**
 * After time away (a dropped connection, a cached timeline reopened): catch-up brings only new
 * messages, so merge the latest page too, which carries edits, removals and reactions made to
 * recent messages meanwhile.
 */
export async function refreshLatestMessages(queryClient: QueryClient, threadId: string): Promise<void> {
  const page = await fetchLatestPage(threadId);
  updateTimeline(queryClient, threadId, (t) => mergeMessages(t, page.messages));
}
