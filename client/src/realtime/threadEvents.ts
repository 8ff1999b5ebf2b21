/**
 * What the server pushes about threads, written into the query cache: lists and details
 * (thread.created / thread.updated / thread.read) and the messages of any thread this client
 * holds. Each handler changes exactly the entity it names; nothing is refetched wholesale.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Message, ThreadAbilities, ThreadDetail } from '@shared/schemas/threads';
import type { ServerToClientEvents } from '@shared/socketEvents';
import { threadKeys } from '@client/queries/keys';
import { storeCreatedThread, storeReadState, storeSubscription, storeThread } from '@client/queries/threads';
import { storeMessages, storeReactions, storeReplyCount } from '@client/queries/threadMessages';
import { storeUnreadActivity, storeUnreadRead } from '@client/queries/unread';
import type { CouncilSocket } from './socket';

type Handler<E extends keyof ServerToClientEvents> = ServerToClientEvents[E];

export function storeThreadAbilities(queryClient: QueryClient, threadId: string, abilities: ThreadAbilities): void {
  queryClient.setQueryData<ThreadDetail>(threadKeys.detail(threadId), (detail) => detail && { ...detail, abilities });
}

/** Start writing thread events into `queryClient`; returns the function that stops it. */
export function listenForThreadEvents(socket: CouncilSocket, queryClient: QueryClient): () => void {
  const onMessage = (message: Message) => storeMessages(queryClient, message.threadId, [message]);
  const onReplies: Handler<'message.replies'> = ({ threadId, ...change }) => storeReplyCount(queryClient, threadId, change);
  const onReaction: Handler<'reaction.changed'> = ({ threadId, messageId, reactions }) =>
    storeReactions(queryClient, threadId, messageId, reactions);
  const onCreated: Handler<'thread.created'> = (thread) => {
    storeCreatedThread(queryClient, thread);
    storeUnreadActivity(queryClient, thread);
  };
  const onUpdated: Handler<'thread.updated'> = (thread) => {
    storeThread(queryClient, thread);
    storeUnreadActivity(queryClient, thread);
  };
  // What this reader may do changed (a lock): the thread's abilities, and every held message's, which the server computes.
  const onAbilities: Handler<'thread.abilities'> = ({ threadId, abilities }) => {
    storeThreadAbilities(queryClient, threadId, abilities);
    void queryClient.invalidateQueries({ queryKey: threadKeys.timeline(threadId) });
    void queryClient.invalidateQueries({ queryKey: threadKeys.replies(threadId) });
  };
  const onSubscription: Handler<'thread.subscription'> = (subscription) => storeSubscription(queryClient, subscription);
  const onRead: Handler<'thread.read'> = (state) => {
    storeReadState(queryClient, state);
    storeUnreadRead(queryClient, state);
  };

  // While disconnected, events were missed. An open thread catches up by re-joining its room;
  // lists and open reply panels, which have no catch-up, are fetched again (only those on screen).
  let connectedBefore = socket.connected;
  const onConnect = () => {
    if (connectedBefore) {
      void queryClient.invalidateQueries({ queryKey: threadKeys.lists });
      void queryClient.invalidateQueries({ queryKey: threadKeys.allReplies });
      void queryClient.invalidateQueries({ queryKey: threadKeys.unread });
    }
    connectedBefore = true;
  };

  const messageEvents = ['message.created', 'message.edited', 'message.deleted', 'message.hidden', 'message.restored'] as const;
  for (const event of messageEvents) socket.on(event, onMessage);
  socket.on('message.replies', onReplies);
  socket.on('reaction.changed', onReaction);
  socket.on('thread.created', onCreated);
  socket.on('thread.updated', onUpdated);
  socket.on('thread.read', onRead);
  socket.on('thread.subscription', onSubscription);
  socket.on('thread.abilities', onAbilities);
  socket.on('connect', onConnect);

  return () => {
    for (const event of messageEvents) socket.off(event, onMessage);
    socket.off('message.replies', onReplies);
    socket.off('reaction.changed', onReaction);
    socket.off('thread.created', onCreated);
    socket.off('thread.updated', onUpdated);
    socket.off('thread.read', onRead);
    socket.off('thread.subscription', onSubscription);
    socket.off('thread.abilities', onAbilities);
    socket.off('connect', onConnect);
  };
}
