/**
 * Live register: `register` holds every signed-in socket allowed to read issues (list and
 * dashboard updates); `issue:<id>` holds those viewing one issue (comments, answers, history).
 */
import type { HistoryEntry, Issue, IssueComment, SupportResult } from '@shared/schemas/issues';
import type { CouncilServer } from '../realtime/io';

export const registerRooms = {
  register: 'register',
  issue: (id: string) => `issue:${id}`,
};

export interface RegisterBroadcast {
  created(issue: Issue): void;
  updated(issue: Issue): void;
  comment(comment: IssueComment): void;
  history(issueId: string, entry: HistoryEntry): void;
  support(result: Omit<SupportResult, 'supportedByMe'>): void;
}

export function createRegisterBroadcast(io: CouncilServer): RegisterBroadcast {
  return {
    created: (issue) => void io.to(registerRooms.register).emit('issue.created', issue),
    updated: (issue) => void io.to(registerRooms.register).emit('issue.updated', issue),
    comment: (comment) => void io.to(registerRooms.issue(comment.issueId)).emit('issue.comment', comment),
    history: (issueId, entry) => void io.to(registerRooms.issue(issueId)).emit('issue.history', { issueId, entry }),
    support: (result) => void io.to(registerRooms.issue(result.issueId)).emit('issue.support', result),
  };
}
