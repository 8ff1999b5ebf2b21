import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError, type ApiError } from '@client/api';
import { storeIssue } from '@client/queries/issues';
import { issueKeys } from '@client/queries/keys';
import { emitWithAck } from '@client/realtime/emitWithAck';
import { useRealtimeSocket } from '@client/realtime/useRealtime';
import { storeIssueAbilities } from '../live/listenForIssueEvents';

/** A detail fetched this long before joining may have missed comments and history: fetch it again. */
const FRESH_MS = 5_000;

/**
 * Be in the issue's room while its page is open, so its comments, answers, history and support
 * arrive live: issue.join once the detail is loaded and again after every reconnection (what was
 * missed meanwhile is fetched once), issue.leave on the way out. Returns the server's refusal,
 * if it would not let this person in.
 */
export function useIssueRoom(issueId: string, loaded: boolean): ApiError | null {
  const socket = useRealtimeSocket();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<ApiError | null>(null);

  useEffect(() => {
    if (!socket || !loaded) return;
    const key = issueKeys.detail(issueId);
    let active = true;
    let joins = 0;

    async function join(): Promise<void> {
      if (!socket) return;
      const fetchedAt = queryClient.getQueryState(key)?.dataUpdatedAt ?? 0;
      const catchUp = joins > 0 || Date.now() - fetchedAt > FRESH_MS;
      joins += 1;
      try {
        const ack = await emitWithAck(socket, 'issue.join', { issueId });
        if (!active) return;
        setRefusal(null);
        storeIssue(queryClient, ack.issue);
        storeIssueAbilities(queryClient, issueId, ack.abilities);
        if (catchUp) await queryClient.invalidateQueries({ queryKey: key, exact: true });
      } catch (error) {
        if (!active) return;
        if (isApiError(error) && (error.status === 403 || error.status === 404)) setRefusal(error);
        // Anything else (no answer in time): the next reconnection joins again.
      }
    }

    const onConnect = () => void join();
    if (socket.connected) void join();
    socket.on('connect', onConnect);
    return () => {
      active = false;
      socket.off('connect', onConnect);
      if (socket.connected) socket.emit('issue.leave', { issueId }, () => undefined);
    };
  }, [socket, loaded, issueId, queryClient]);

  return refusal;
}
