/**
 * What the server pushes to the person's own sockets about their inbox, written into the query
 * cache: a new (or batched) notification on top of the loaded tabs with the bell's new count
 * (notification.new), and the count alone (notification.unread).
 */
import type { QueryClient } from '@tanstack/react-query';
import type { ServerToClientEvents } from '@shared/socketEvents';
import { notificationKeys } from '@client/queries/keys';
import { storeNewNotification, storeUnreadChange } from '@client/queries/notifications';
import type { CouncilSocket } from './socket';

type Handler<E extends keyof ServerToClientEvents> = ServerToClientEvents[E];

/** Start writing notification events into `queryClient`; returns the function that stops it. */
export function listenForNotificationEvents(socket: CouncilSocket, queryClient: QueryClient): () => void {
  const onNew: Handler<'notification.new'> = (payload) => storeNewNotification(queryClient, payload);
  const onUnread: Handler<'notification.unread'> = ({ unread }) => storeUnreadChange(queryClient, unread);

  // Events are heard only while connected: the count is fetched again at every connection (the
  // first one too, since the page's first fetch of it may have come before the socket), and after a
  // disconnection the loaded tabs too (only those on screen at once).
  let connectedBefore = socket.connected;
  const onConnect = () => {
    void queryClient.invalidateQueries({ queryKey: notificationKeys.unread });
    if (connectedBefore) void queryClient.invalidateQueries({ queryKey: notificationKeys.inboxes });
    connectedBefore = true;
  };

  socket.on('notification.new', onNew);
  socket.on('notification.unread', onUnread);
  socket.on('connect', onConnect);
  return () => {
    socket.off('notification.new', onNew);
    socket.off('notification.unread', onUnread);
    socket.off('connect', onConnect);
  };
}
