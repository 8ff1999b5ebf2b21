import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { storeMessages } from '@client/queries/threadMessages';
import { sendMessage } from '@client/realtime/threadCommands';
import { useOutbox as useItemOutbox, type Pending } from '@client/realtime/useOutbox';
import type { Draft } from '../composer/Composer';

export interface PendingMessage extends Draft, Pending {}

/** The thread's messages sent but not yet acknowledged; the ack stores the message where the timeline reads it. */
export function useOutbox(threadId: string) {
  const queryClient = useQueryClient();
  const deliver = useCallback(
    async (item: PendingMessage) => {
      const { message } = await sendMessage({
        threadId,
        clientId: item.clientId,
        body: item.body,
        parentId: item.parentId ?? undefined,
        attachmentIds: item.attachments.map((a) => a.id),
      });
      storeMessages(queryClient, threadId, [message]);
    },
    [queryClient, threadId],
  );
  const outbox = useItemOutbox<PendingMessage>(deliver);
  return { ...outbox, send: (draft: Draft) => outbox.add(draft) };
}

export type Outbox = ReturnType<typeof useOutbox>;
