import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { storeMessages } from '@client/queries/threadMessages';
import { sendMessage } from '@client/realtime/threadCommands';
import type { Draft } from '../composer/Composer';

export interface PendingMessage extends Draft {
  clientId: string;
  status: 'sending' | 'failed';
  error: unknown;
}

/**
 * Messages sent but not yet acknowledged. Each shows at once (greyed); the ack replaces it with
 * the stored message, and a refusal or timeout marks it failed. A retry sends the SAME clientId,
 * so if the first attempt did reach the server, it answers with that message instead of a copy.
 */
export function useOutbox(threadId: string) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PendingMessage[]>([]);

  const attempt = useCallback(
    async (item: PendingMessage) => {
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
        setPending((list) => list.map((p) => (p.clientId === item.clientId ? { ...p, status: 'failed', error } : p)));
      }
    },
    [queryClient, threadId],
  );

  return {
    pending,
    send: (draft: Draft) => void attempt({ ...draft, clientId: crypto.randomUUID(), status: 'sending', error: null }),
    retry: (item: PendingMessage) => void attempt(item),
    discard: (clientId: string) => setPending((list) => list.filter((p) => p.clientId !== clientId)),
  };
}

export type Outbox = ReturnType<typeof useOutbox>;
