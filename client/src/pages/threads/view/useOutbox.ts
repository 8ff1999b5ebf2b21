import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '@client/api';
import { useQueryClient } from '@tanstack/react-query';
import { storeMessages } from '@client/queries/threadMessages';
import { sendMessage } from '@client/realtime/threadCommands';
import type { Draft } from '../composer/Composer';

export interface PendingMessage extends Draft {
  clientId: string;
  status: 'sending' | 'failed';
  error: unknown;
  /** Failed attempts so far. */
  tries: number;
}

/** Automatic retries after a lost connection, a busy server (503) or the posting pace (429). */
const AUTO_RETRIES = 5;
const isRetryable = (error: unknown) => isApiError(error) && (error.status === 0 || error.status === 503 || error.status === 429);
function retryDelayMs(error: unknown, tries: number): number {
  const hinted = isApiError(error) ? error.retryAfterSeconds : undefined;
  return hinted ? hinted * 1_000 : Math.min(1_000 * 2 ** (tries - 1), 16_000);
}

/**
 * Messages sent but not yet acknowledged. Each shows at once (greyed); the ack replaces it with
 * the stored message, and a refusal or timeout marks it failed. A retry sends the SAME clientId,
 * so if the first attempt did reach the server, it answers with that message instead of a copy.
 * Failures that pass (no connection, 503, 429) are retried by themselves a few times, backing off.
 */
export function useOutbox(threadId: string) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const scheduled = timers.current;
    return () => scheduled.forEach((timer) => clearTimeout(timer));
  }, []);

  const attempt = useCallback(
    async (item: PendingMessage): Promise<void> => {
      clearTimeout(timers.current.get(item.clientId));
      timers.current.delete(item.clientId);
      const sending: PendingMessage = { ...item, status: 'sending', error: null };
      setPending((list) => (list.some((p) => p.clientId === item.clientId) ? list.map((p) => (p.clientId === item.clientId ? sending : p)) : [...list, sending]));
      try {
        const { message } = await sendMessage({
          threadId,
          clientId: item.clientId,
          body: item.body,
          parentId: item.parentId ?? undefined,
          attachmentIds: item.attachments.map((a) => a.id),
        });
        storeMessages(queryClient, threadId, [message]);
        setPending((list) => list.filter((p) => p.clientId !== item.clientId));
      } catch (error) {
        const failed: PendingMessage = { ...item, status: 'failed', error, tries: item.tries + 1 };
        setPending((list) => list.map((p) => (p.clientId === item.clientId ? failed : p)));
        if (isRetryable(error) && failed.tries < AUTO_RETRIES) {
          timers.current.set(item.clientId, setTimeout(() => void attempt(failed), retryDelayMs(error, failed.tries)));
        }
      }
    },
    [queryClient, threadId],
  );

  return {
    pending,
    send: (draft: Draft) => void attempt({ ...draft, clientId: crypto.randomUUID(), status: 'sending', error: null, tries: 0 }),
    retry: (item: PendingMessage) => void attempt({ ...item, tries: 0 }),
    discard: (clientId: string) => {
      clearTimeout(timers.current.get(clientId));
      timers.current.delete(clientId);
      setPending((list) => list.filter((p) => p.clientId !== clientId));
    },
  };
}

export type Outbox = ReturnType<typeof useOutbox>;
