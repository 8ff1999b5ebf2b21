/**
 * Official answers drafted before they are published (issue 21, item 3): the routed ministry (or the
 * secretariat) saves, previews and comes back to its organisation's draft; publishing it is the
 * answer itself (comments.ts `addAnswer`, which discards the draft). The secretariat sees every
 * organisation's draft of an issue for its routing work; nobody else sees another's.
 */
import type { Actor } from '@shared/domain';
import { issueVerdicts } from '@shared/policies/issue';
import type { AnswerDraft, AnswerDrafts } from '@shared/schemas/issues';
import { enforce } from '../http/authorize';
import { personOf, presentPerson } from '../users/person';
import type { UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { readableIssue } from './access';
import { IssueAnswerDraftModel } from './model';
import { issueFacts } from './presenter';

const draftId = (issueId: unknown, organizationId: string) => `${String(issueId)}:${organizationId}`;

function presentDraft(d: { issueId: unknown; body: string; by: Parameters<typeof presentPerson>[0]; at: Date }): AnswerDraft {
  const by = presentPerson(d.by);
  return { issueId: String(d.issueId), organization: by.organization, body: d.body, by, at: d.at.toISOString() };
}

/** The drafts the reader may see: their organisation's, and (the secretariat) everyone's. */
export async function answerDrafts(actor: Actor, issueId: string): Promise<AnswerDrafts> {
  const issue = await readableIssue(actor, issueId);
  const verdicts = issueVerdicts(actor, issueFacts(issue));
  if (verdicts.readAnswerDrafts.allowed) {
    const drafts = await IssueAnswerDraftModel.find({ issueId: issue._id }).sort({ at: -1 }).lean();
    return { drafts: drafts.map(presentDraft) };
  }
  enforce(verdicts.answer);
  const own = await IssueAnswerDraftModel.findById(draftId(issue._id, actor.organization.id)).lean();
  return { drafts: own ? [presentDraft(own)] : [] };
}

/** Save the reader's organisation's draft (whoever may answer the issue now). */
export async function saveAnswerDraft(input: { user: UserWithOrganization; issueId: string; body: string }): Promise<AnswerDraft> {
  const actor = toActor(input.user);
  const issue = await readableIssue(actor, input.issueId);
  enforce(issueVerdicts(actor, issueFacts(issue)).answer);
  const draft = { issueId: issue._id, body: input.body, by: personOf(input.user), at: new Date() };
  // One document per issue and organisation, replaced whole: the last save wins, nothing is merged.
  await IssueAnswerDraftModel.replaceOne({ _id: draftId(issue._id, actor.organization.id) }, draft, { upsert: true });
  return presentDraft(draft);
}

/** Throw away the reader's organisation's draft (also done by publishing it). */
export async function discardAnswerDraft(input: { actor: Actor; issueId: string }): Promise<{ discarded: boolean }> {
  const issue = await readableIssue(input.actor, input.issueId);
  enforce(issueVerdicts(input.actor, issueFacts(issue)).answer);
  const { deletedCount } = await IssueAnswerDraftModel.deleteOne({ _id: draftId(issue._id, input.actor.organization.id) });
  return { discarded: deletedCount === 1 };
}

/** After an answer is published: its organisation's draft has become the answer. */
export async function answerPublished(issueId: unknown, organizationId: string): Promise<void> {
  await IssueAnswerDraftModel.deleteOne({ _id: draftId(issueId, organizationId) });
}
