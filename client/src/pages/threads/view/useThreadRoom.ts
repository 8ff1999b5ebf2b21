import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Person } from '@shared/schemas/threads';
import { isApiError, type ApiError } from '@client/api';
import { threadKeys } from '@client/queries/keys';
import { storeReadState, storeThread } from '@client/queries/threads';
import { refreshLatestMessages, storeMessages, type ThreadTimeline } from '@client/queries/threadMessages';
import { emitWithAck } from '@client/realtime/emitWithAck';
import { useRealtimeSocket } from '@client/realtime/useRealtime';
import { storeThreadAbilities } from '@client/realtime/threadEvents';

/** A timeline fetched this long before joining is "from an earlier visit": its recent messages are refreshed. */
const FRESH_MS = 5_000;
const RETRY_MS = 5_000;

export interface ThreadRoom {
  /** The server would not let this person in (the thread is no longer readable, or gone). */
  refusal: ApiError | null;
  /** Who has the thread open now. */
  viewers: Person[];
}

/**
 * Be in the thread's room while the view is open: thread.join once the timeline is loaded, and
 * again after every reconnection with afterSeq = the last seq held, so what was missed arrives
 * through the same reducer as live events (no duplicates, no gaps). thread.leave on the way out.
 */
export function useThreadRoom(threadId: string, timelineLoaded: boolean): ThreadRoom {
  const socket = useRealtimeSocket();
  const queryClient = useQueryClient();
  const [viewers, setViewers] = useState<Person[]>([]);
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!socket || !timelineLoaded) return;
    const key = threadKeys.timeline(threadId);
    let active = true;
    let joins = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;

    /** `refetched`: the timeline was just fetched again because too much was missed to replay. */
    async function join(refetched = false): Promise<void> {
      if (!socket) return;
      clearTimeout(retry);
      const held = queryClient.getQueryData<ThreadTimeline>(key);
      const fetchedAt = queryClient.getQueryState(key)?.dataUpdatedAt ?? 0;
      const returning = !refetched && (joins > 0 || Date.now() - fetchedAt > FRESH_MS);
      joins += 1;
      try {
        const ack = await emitWithAck(socket, 'thread.join', { threadId, afterSeq: held?.lastSeq });
        if (!active) return;
        setRefusal(null);
        setViewers(ack.viewers);
        storeThread(queryClient, ack.thread);
        storeThreadAbilities(queryClient, threadId, ack.abilities);
        storeReadState(queryClient, { threadId, readSeq: ack.readSeq, lastSeq: ack.thread.lastSeq });
        if (ack.hasMore && !refetched) {
          // Too much was missed to replay: fetch the latest page afresh (dropping older pages), then catch up from there.
          await queryClient.refetchQueries({ queryKey: key, exact: true });
          if (active) await join(true);
          return;
        }
        storeMessages(queryClient, threadId, ack.missed);
        if (returning) await refreshLatestMessages(queryClient, threadId);
      } catch (error) {
        if (!active) return;
        if (isApiError(error) && (error.status === 403 || error.status === 404)) setRefusal(error);
        // No answer in time: try again shortly (a reconnection also joins again).
        else if (socket.connected) retry = setTimeout(() => void join(), RETRY_MS);
      }
    }

    const onConnect = () => void join();
    const onPresence = (payload: { threadId: string; viewers: Person[] }) => {
      if (payload.threadId === threadId) setViewers(payload.viewers);
    };
    if (socket.connected) void join();
    socket.on('connect', onConnect);
    socket.on('thread.presence', onPresence);
    return () => {
      active = false;
      clearTimeout(retry);
      socket.off('connect', onConnect);
      socket.off('thread.presence', onPresence);
      if (socket.connected) socket.emit('thread.leave', { threadId }, () => undefined);
    };
  }, [socket, timelineLoaded, threadId, queryClient]);

  return { refusal, viewers };
}
