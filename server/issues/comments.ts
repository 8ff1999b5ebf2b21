/**
 * Discussion comments, and official answers: an answer is written by the secretariat or by the
 * ministry the issue is routed to, and publishing one moves an open issue to 回答済.
 */
import { answerEditVerdict, issueVerdicts } from '@shared/policies/issue';
import type { IssueComment } from '@shared/schemas/issues';
import type { IssueStatus } from '@shared/register/rules';
import { recordAudit } from '../audit/log';
import { enforce } from '../http/authorize';
import { notFound } from '../http/errors';
import type { UserWithOrganization } from '../users/model';
import { personOf } from '../users/person';
import { toActor } from '../users/presenter';
import { presentStored, readableIssue, recount, reloadIssue } from './access';
import type { RegisterBroadcast } from './broadcast';
import { followIssue } from './follows';
import { recordHistory } from './history';
import { answerPublished } from './answerDrafts';
import { IssueCommentModel } from './model';
import { commentWithAbilities, issueFacts, presentComment } from './presenter';
import { setStatus } from './workflow';

export async function addComment(input: {
  user: UserWithOrganization;
  issueId: string;
  body: string;
  broadcast: RegisterBroadcast;
}): Promise<IssueComment> {
  const { user, broadcast } = input;
  const actor = toActor(user);
  const issue = await readableIssue(actor, input.issueId);
  enforce(issueVerdicts(actor, issueFacts(issue)).comment);
  const comment = await IssueCommentModel.create({ issueId: issue._id, kind: 'comment', author: personOf(user), body: input.body });
  await recount(issue._id, 'commentCount', () => IssueCommentModel.countDocuments({ issueId: issue._id, kind: 'comment' }));
  await recordHistory(broadcast, { issueId: issue._id, type: 'comment', by: personOf(user) });
  await followIssue(String(issue._id), actor.id);
  const presented = presentComment(comment);
  broadcast.comment(presented, issueFacts(issue));
  broadcast.updated(await presentStored(await reloadIssue(issue._id)));
  return commentWithAbilities(presented, actor, issueFacts(issue));
}

export async function addAnswer(input: {
  user: UserWithOrganization;
  issueId: string;
  body: string;
  broadcast: RegisterBroadcast;
}): Promise<IssueComment> {
  const { user, broadcast } = input;
  const actor = toActor(user);
  const issue = await readableIssue(actor, input.issueId);
  enforce(issueVerdicts(actor, issueFacts(issue)).answer);
  const status = issue.status as IssueStatus;
  const by = personOf(user);
  const answer = await IssueCommentModel.create({ issueId: issue._id, kind: 'answer', author: by, body: input.body });
  await recount(issue._id, 'answerCount', () => IssueCommentModel.countDocuments({ issueId: issue._id, kind: 'answer' }));
  await recordHistory(broadcast, { issueId: issue._id, type: 'answer', by });
  const presented = presentComment(answer);
  broadcast.comment(presented, issueFacts(issue));
  await answerPublished(issue._id, actor.organization.id);
  let updated = await reloadIssue(issue._id);
  if (!updated.answeredAt) updated.answeredAt = new Date();
  if (status !== 'answered') {
    updated = await setStatus(updated, 'answered', { answeredAt: updated.answeredAt }, by, broadcast, 'official answer published');
  } else {
    await updated.save();
  }
  broadcast.updated(await presentStored(updated));
  // Every official answer is on the audit record, however it came (the API, or a meeting's decision).
  await recordAudit({
    actor: user,
    action: 'issue.answered',
    target: { kind: 'issue', id: String(issue._id), label: issue.number },
    detail: { answerId: presented.id },
  });
  return commentWithAbilities(presented, actor, issueFacts(issue));
}

/** Edit one's own official answer (the secretariat's, or the routed ministry's). */
export async function editAnswer(input: {
  user: UserWithOrganization;
  commentId: string;
  body: string;
  broadcast: RegisterBroadcast;
}): Promise<IssueComment> {
  const { user, broadcast } = input;
  const actor = toActor(user);
  const answer = await IssueCommentModel.findById(input.commentId);
  if (!answer) throw notFound('comment');
  const issue = await readableIssue(actor, answer.issueId);
  enforce(answerEditVerdict(actor, issueFacts(issue), { kind: answer.kind, authorId: String(answer.author.id) }));
  const before = answer.body;
  answer.body = input.body;
  answer.editedAt = new Date();
  await answer.save();
  await recordHistory(broadcast, {
    issueId: issue._id,
    type: 'answerEdited',
    by: personOf(user),
    changes: [{ field: 'answer', from: before, to: input.body }],
  });
  const presented = presentComment(answer);
  broadcast.comment(presented, issueFacts(issue));
  return commentWithAbilities(presented, actor, issueFacts(issue));
}
