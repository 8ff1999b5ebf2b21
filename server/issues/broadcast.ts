/**
 * Live register: `register` holds every signed-in socket allowed to read issues (list and
 * dashboard updates); `issue:<id>` holds those viewing one issue (comments, answers, history).
 */
import { answerEditVerdict, issueAbilities, type IssueFacts } from '@shared/policies/issue';
import type { HistoryEntry, Issue, IssueCommentView, SupportResult } from '@shared/schemas/issues';
import type { Visibility } from '@shared/threads/rules';
import type { CouncilServer } from '../realtime/io';
import { clusterEmit, onCluster } from '../realtime/cluster';
import { emitPerReader } from '../realtime/perReader';
import { issueFacts } from './presenter';
import type { RegisterNotifications } from '../notifications/triggers/register';

export const registerRooms = {
  register: 'register',
  issue: (id: string) => `issue:${id}`,
  /** Those in the issue's room who may read threads of a restricted visibility (history names them). */
  issueReaders: (id: string, visibility: Visibility) => `issue:${id}:reads:${visibility}`,
};

/** An entry naming a restricted thread: the named one goes to its readers, `others` to the rest of the room. */
export interface Restricted {
  visibility: Visibility;
  others: HistoryEntry;
}

export interface RegisterBroadcast {
  created(issue: Issue): void;
  updated(issue: Issue): void;
  /** To the issue's room, per reader (whether each may edit it). */
  comment(comment: IssueCommentView, issue: Pick<IssueFacts, 'ministry'>): void;
  history(issueId: string, entry: HistoryEntry, restricted?: Restricted): void;
  support(result: Omit<SupportResult, 'supportedByMe'>): void;
}

export function createRegisterBroadcast(io: CouncilServer, notifications?: RegisterNotifications): RegisterBroadcast {
  // Each node tells its own sockets, each reader their own view (realtime/perReader.ts, realtime/cluster.ts).
  onCluster(io, 'register.abilities', (issue: Issue) => {
    const facts = issueFacts(issue);
    emitPerReader(io, registerRooms.issue(issue.id), 'issue.abilities', (actor) => {
      const abilities = issueAbilities(actor, facts);
      return { key: JSON.stringify(abilities), payload: () => ({ issueId: issue.id, abilities }) };
    });
  });
  onCluster(io, 'register.comment', (comment: IssueCommentView, issue: Pick<IssueFacts, 'ministry'>) => {
    emitPerReader(io, registerRooms.issue(comment.issueId), 'issue.comment', (actor) => {
      const edit = answerEditVerdict(actor, issue, { kind: comment.kind, authorId: comment.author.id }).allowed;
      return { key: String(edit), payload: () => ({ ...comment, abilities: { edit } }) };
    });
  });
  return {
    created: (issue) => void io.to(registerRooms.register).emit('issue.created', issue),
    updated: (issue) => {
      io.to(registerRooms.register).emit('issue.updated', issue);
      // Those viewing it learn, each for themselves, what they may now do with it (issue pages).
      clusterEmit(io, 'register.abilities', issue);
    },
    comment: (comment, issue) => clusterEmit(io, 'register.comment', comment, { ministry: issue.ministry }),
    history: (issueId, entry, restricted) => {
      notifications?.history(issueId, entry);
      if (!restricted) return void io.to(registerRooms.issue(issueId)).emit('issue.history', { issueId, entry });
      const readers = registerRooms.issueReaders(issueId, restricted.visibility);
      io.to(readers).emit('issue.history', { issueId, entry });
      io.to(registerRooms.issue(issueId)).except(readers).emit('issue.history', { issueId, entry: restricted.others });
    },
    support: (result) => void io.to(registerRooms.issue(result.issueId)).emit('issue.support', result),
  };
}
