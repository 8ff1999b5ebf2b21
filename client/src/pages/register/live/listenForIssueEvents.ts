/**
 * What the server pushes about the register, written into the query cache. Each event changes
 * exactly the issue it names; what cannot be patched in place (a new issue's place in a sorted,
 * paged list, the dashboard's figures) is refetched, at most once per burst of events.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { IssueAbilities, IssueDetail } from '@shared/schemas/issues';
import type { ServerToClientEvents } from '@shared/socketEvents';
import { markRegisterStale, storeComment, storeHistory, storeIssue, storeSupport } from '@client/queries/issues';
import { issueKeys } from '@client/queries/keys';
import type { CouncilSocket } from '@client/realtime/socket';

type Handler<E extends keyof ServerToClientEvents> = ServerToClientEvents[E];

/** A burst (a secretariat working through the list, a merge moving supporters) settles within this. */
const SETTLE_MS = 1_500;

/** Run `task` once, SETTLE_MS after the last call. */
function settled(task: () => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(task, SETTLE_MS);
    },
    cancel: () => clearTimeout(timer),
  };
}

/** What this reader may do with an issue changed (its status, its routing): the server says what, per reader. */
export function storeIssueAbilities(queryClient: QueryClient, issueId: string, abilities: IssueAbilities): void {
  queryClient.setQueryData<IssueDetail>(issueKeys.detail(issueId), (detail) => detail && { ...detail, abilities });
}

/** Start writing issue events into `queryClient`; returns the function that stops it. */
export function listenForIssueEvents(socket: CouncilSocket, queryClient: QueryClient): () => void {
  const refreshStats = settled(() => void queryClient.invalidateQueries({ queryKey: issueKeys.stats }));
  const refreshShownLists = settled(() => void queryClient.refetchQueries({ queryKey: issueKeys.lists, type: 'active', stale: true }));
  const refreshAll = settled(() => markRegisterStale(queryClient));

  const onCreated: Handler<'issue.created'> = () => refreshAll.schedule();
  const onUpdated: Handler<'issue.updated'> = (issue) => {
    if (storeIssue(queryClient, issue)) refreshShownLists.schedule();
    refreshStats.schedule();
  };
  const onComment: Handler<'issue.comment'> = (comment) => storeComment(queryClient, comment);
  const onHistory: Handler<'issue.history'> = ({ issueId, entry }) => storeHistory(queryClient, issueId, entry);
  const onSupport: Handler<'issue.support'> = (result) => storeSupport(queryClient, result);
  const onAbilities: Handler<'issue.abilities'> = ({ issueId, abilities }) => storeIssueAbilities(queryClient, issueId, abilities);

  // Whatever happened while the connection was down was not pushed: fetch the lists and figures
  // again (an open issue catches up by joining its room again, see useIssueRoom).
  let connectedBefore = socket.connected;
  const onConnect = () => {
    if (connectedBefore) refreshAll.schedule();
    connectedBefore = true;
  };

  socket.on('issue.created', onCreated);
  socket.on('issue.updated', onUpdated);
  socket.on('issue.comment', onComment);
  socket.on('issue.history', onHistory);
  socket.on('issue.support', onSupport);
  socket.on('issue.abilities', onAbilities);
  socket.on('connect', onConnect);

  return () => {
    refreshStats.cancel();
    refreshShownLists.cancel();
    refreshAll.cancel();
    socket.off('issue.created', onCreated);
    socket.off('issue.updated', onUpdated);
    socket.off('issue.comment', onComment);
    socket.off('issue.history', onHistory);
    socket.off('issue.support', onSupport);
    socket.off('issue.abilities', onAbilities);
    socket.off('connect', onConnect);
  };
}
