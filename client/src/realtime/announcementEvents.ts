/**
 * What the server pushes about announcements: `announcement.changed` (published, corrected,
 * withdrawn) and `announcement.confirmed` (an organisation confirmed: a colleague, or for the
 * secretariat anyone). Each refetches exactly that announcement and what lists it (the lists, the
 * banner, the trackers); a reconnection refetches the banner, which has no other catch-up.
 */
import type { QueryClient } from '@tanstack/react-query';
import { announcementKeys } from '@client/queries/keys';
import { refetchAnnouncement } from '@client/queries/announcements';
import type { CouncilSocket } from './socket';

/** Start following announcement events; returns the function that stops it. */
export function listenForAnnouncementEvents(socket: CouncilSocket, queryClient: QueryClient): () => void {
  const onChanged = ({ announcementId }: { announcementId: string }) => refetchAnnouncement(queryClient, announcementId);
  let connectedBefore = socket.connected;
  const onConnect = () => {
    if (connectedBefore) void queryClient.invalidateQueries({ queryKey: announcementKeys.pending, exact: true });
    connectedBefore = true;
  };
  socket.on('announcement.changed', onChanged);
  socket.on('announcement.confirmed', onChanged);
  socket.on('connect', onConnect);
  return () => {
    socket.off('announcement.changed', onChanged);
    socket.off('announcement.confirmed', onChanged);
    socket.off('connect', onConnect);
  };
}
