/**
 * Following and muting issues, per person (`<issueId>:<userId>`, collection `issue_follows`): the
 * register's "following" filter reads a person's by `userId` (indexed). Raising, supporting or
 * commenting on an issue follows it, unless the person muted it.
 */
import type { Actor } from '@shared/domain';
import type { IssueFollow } from '@shared/schemas/issues';
import type { SubscriptionState } from '@shared/threads/rules';
import { personalFollows } from '../follows/personalFollows';
import { readableIssue } from './access';
import { IssueFollowModel } from './model';

const follows = personalFollows(IssueFollowModel, 'issueId');

/** One's own choice for an issue one may read. */
export async function setIssueFollow(input: { actor: Actor; issueId: string; state: SubscriptionState }): Promise<IssueFollow> {
  const { actor, state } = input;
  const issue = await readableIssue(actor, input.issueId);
  const issueId = String(issue._id);
  await follows.choose(actor.id, issueId, state);
  return { issueId, state };
}

export const issueFollowOf = (userId: string, issueId: string) => follows.stateOf(userId, issueId);
/** Who follows or muted an issue (notifications). */
export const issueFollowersOf = (issueId: string) => follows.peopleOf(issueId);
export const issueFollowsOf = (userId: string) => follows.allOf(userId);
/** The person took part (raised, supported, commented): they follow it now, unless they muted it. */
export const followIssue = (issueId: string, userId: string) => follows.followAutomatically(issueId, [userId]);
