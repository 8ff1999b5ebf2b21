/**
 * What the server pushes about 開発状況報告: `status.changed` (a report saved, submitted or
 * returned; a round opened or closed; a reminder sent), to the secretariat and to the organisation
 * concerned. Each refetches what it makes stale of that round (refetchRound) and the rounds' list; a
 * reconnection, which may have missed some, refetches what is shown.
 */
import type { QueryClient } from '@tanstack/react-query';
import { statusKeys } from '@client/queries/keys';
import { refetchRound } from '@client/queries/statusReports';
import type { CouncilSocket } from './socket';

/** Start following the rounds' events; returns the function that stops it. */
export function listenForStatusEvents(socket: CouncilSocket, queryClient: QueryClient): () => void {
  const onChanged = (change: { roundId: string; organizationId: string | null; state: string }) => refetchRound(queryClient, change);
  let connectedBefore = socket.connected;
  const onConnect = () => {
    if (connectedBefore) void queryClient.invalidateQueries({ queryKey: statusKeys.all });
    connectedBefore = true;
  };
  socket.on('status.changed', onChanged);
  socket.on('connect', onConnect);
  return () => {
    socket.off('status.changed', onChanged);
    socket.off('connect', onConnect);
  };
}
