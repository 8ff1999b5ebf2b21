/** Loading issues and the small helpers every register write shares. */
import type { Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import { decide } from '@shared/permissions';
import { forbidden, notFound } from '../http/errors';
import { IssueModel, type IssueDocument } from './model';
import { presentIssue } from './presenter';

export async function readableIssue(actor: Actor, issueId: string | Types.ObjectId): Promise<IssueDocument> {
  const decision = decide(actor, 'issue.read');
  if (!decision.allowed) throw forbidden(decision.reason);
  const issue = await IssueModel.findById(issueId);
  if (!issue) throw notFound('issue');
  return issue;
}

/** Load an issue after an update (not findOneAndUpdate: the hidden search fields would add a projection FerretDB refuses there). */
export async function reloadIssue(issueId: Types.ObjectId): Promise<IssueDocument> {
  const issue = await IssueModel.findById(issueId);
  if (!issue) throw notFound('issue');
  return issue;
}

/**
 * Set a counter on the issue to a count of its own documents, read back, and repeat until they
 * agree: concurrent writers each finish by storing the true count, even on an engine that loses
 * concurrent updates of one document.
 */
export async function recount(
  issueId: Types.ObjectId,
  field: 'supportCount' | 'answerCount' | 'commentCount',
  count: () => Promise<number>,
): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const n = await count();
    await IssueModel.updateOne({ _id: issueId }, { $set: { [field]: n } }, { timestamps: false });
    const stored = (await IssueModel.findById(issueId, { [field]: 1 }).lean())?.[field];
    if (stored === n && (await count()) === n) return n;
    if (attempt >= 10) return n;
  }
}

export async function duplicateRef(issue: IssueDocument) {
  if (!issue.duplicateOf) return null;
  const target = await IssueModel.findById(issue.duplicateOf, { number: 1, title: 1 }).lean();
  return target ? { id: String(target._id), number: target.number, title: target.title } : null;
}

/** The issue as the API presents it, with its duplicate-of link resolved. */
export async function presentStored(issue: IssueDocument) {
  return presentIssue(issue, await duplicateRef(issue));
}
