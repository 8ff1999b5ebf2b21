/** Changing one message; each writes the stored result into the cache that holds it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Message } from '@shared/schemas/threads';
import type { ReactionKey } from '@shared/threads/rules';
import { threadKeys } from '@client/queries/keys';
import { storeMessages, storeReactions } from '@client/queries/threadMessages';
import { deleteMessage, editMessage, hideMessage, restoreMessage, setReaction } from '@client/realtime/threadCommands';

function useStore(threadId: string) {
  const queryClient = useQueryClient();
  return {
    message: (message: Message) => storeMessages(queryClient, threadId, [message]),
    /** Hiding and restoring are recorded in the thread's moderation log. */
    moderated: () => void queryClient.invalidateQueries({ queryKey: threadKeys.moderation(threadId), exact: true }),
    queryClient,
  };
}

export function useEditMessage(threadId: string) {
  const store = useStore(threadId);
  return useMutation({
    mutationFn: ({ messageId, body, version }: { messageId: string; body: string; version: number }) =>
      editMessage(messageId, body, version),
    onSuccess: store.message,
  });
}

export function useDeleteMessage(threadId: string) {
  const store = useStore(threadId);
  return useMutation({ mutationFn: (messageId: string) => deleteMessage(messageId), onSuccess: store.message });
}

export function useHideMessage(threadId: string) {
  const store = useStore(threadId);
  return useMutation({
    mutationFn: ({ messageId, reason }: { messageId: string; reason: string }) => hideMessage(messageId, reason),
    onSuccess: (message) => {
      store.message(message);
      store.moderated();
    },
  });
}

export function useRestoreMessage(threadId: string) {
  const store = useStore(threadId);
  return useMutation({
    mutationFn: (messageId: string) => restoreMessage(messageId),
    onSuccess: (message) => {
      store.message(message);
      store.moderated();
    },
  });
}

export function useSetReaction(threadId: string) {
  const store = useStore(threadId);
  return useMutation({
    mutationFn: ({ messageId, key, on }: { messageId: string; key: ReactionKey; on: boolean }) => setReaction(messageId, key, on),
    onSuccess: ({ messageId, reactions }) => storeReactions(store.queryClient, threadId, messageId, reactions),
  });
}
