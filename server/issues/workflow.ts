/** Status transitions (secretariat): only those in TRANSITIONS exist; a duplicate hands its supporters to the survivor. */
import type { Types } from 'mongoose';
import { trusted } from 'mongoose';
import type { Issue, TransitionBody } from '@shared/schemas/issues';
import { STATUS_LABELS, TRANSITIONS, type IssueStatus } from '@shared/register/rules';
import { recordAudit } from '../audit/log';
import { ignoringDuplicate } from '../db/keys';
import { authorize } from '../http/authorize';
import { badRequest, conflict } from '../http/errors';
import type { UserWithOrganization } from '../users/model';
import { personOf, type PersonRecord } from '../users/person';
import { toActor } from '../users/presenter';
import { presentStored, readableIssue, recount, reloadIssue } from './access';
import type { RegisterBroadcast } from './broadcast';
import { recordHistory } from './history';
import { IssueModel, IssueSupportModel, type IssueDocument } from './model';

export function refuseTransition(from: IssueStatus, to: IssueStatus): never {
  const allowed = TRANSITIONS[from];
  throw conflict(
    `to: ${STATUS_LABELS[from].en} → ${STATUS_LABELS[to].en} is not a transition; allowed from ${from}: ${allowed.join(', ') || 'none'}`,
    'to',
  );
}

/** Move the issue from `from` to `to`, only if nobody moved it meanwhile. */
export async function setStatus(
  issue: IssueDocument,
  to: IssueStatus,
  extra: Record<string, unknown>,
  by: PersonRecord,
  broadcast: RegisterBroadcast,
  note: string | null = null,
): Promise<IssueDocument> {
  const from = issue.status as IssueStatus;
  const saved = await IssueModel.updateOne({ _id: issue._id, status: from }, { $set: { status: to, ...extra } });
  if (saved.matchedCount !== 1) throw conflict('the issue changed meanwhile; reload it');
  await recordHistory(broadcast, { issueId: issue._id, type: 'transition', by, changes: [{ field: 'status', from, to }], note });
  return reloadIssue(issue._id);
}

export const supportCounter = (issueId: Types.ObjectId) => () => IssueSupportModel.countDocuments({ issueId });

/** Move the duplicate's supporting organisations to the surviving issue (each organisation once). */
async function moveSupporters(duplicate: IssueDocument, survivor: IssueDocument, by: PersonRecord, broadcast: RegisterBroadcast) {
  const supports = await IssueSupportModel.find({ issueId: duplicate._id }).lean();
  const moved: string[] = [];
  for (const s of supports) {
    // An organisation that already supports the survivor keeps its one support there.
    if (
      await ignoringDuplicate(
        IssueSupportModel.create({ ...s, _id: `${String(survivor._id)}:${String(s.organization.id)}`, issueId: survivor._id }),
      )
    ) {
      moved.push(s.organization.nameJa ?? '');
    }
  }
  await IssueSupportModel.deleteMany({ _id: trusted({ $in: supports.map((s) => s._id) }) });
  await recount(duplicate._id, 'supportCount', supportCounter(duplicate._id));
  const count = await recount(survivor._id, 'supportCount', supportCounter(survivor._id));
  await recordHistory(broadcast, {
    issueId: survivor._id,
    type: 'supportMoved',
    by,
    changes: [{ field: 'supportCount', from: survivor.supportCount, to: count }],
    note: `${duplicate.number}: ${moved.join('、') || '—'}`,
  });
  broadcast.updated(await presentStored(await reloadIssue(survivor._id)));
}

export async function transitionIssue(input: {
  user: UserWithOrganization;
  issueId: string;
  body: TransitionBody;
  broadcast: RegisterBroadcast;
}): Promise<Issue> {
  const { user, body, broadcast } = input;
  const actor = toActor(user);
  authorize(actor, 'issue.transition');
  const issue = await readableIssue(actor, input.issueId);
  const from = issue.status as IssueStatus;
  if (!TRANSITIONS[from].includes(body.to)) refuseTransition(from, body.to);
  const by = personOf(user);

  let updated: IssueDocument;
  if (body.to === 'answered') {
    if (issue.answerCount === 0) throw conflict('to: publish an official answer first; it moves the issue to answered', 'to');
    updated = await setStatus(issue, 'answered', {}, by, broadcast);
  } else if (body.to === 'rejected') {
    updated = await setStatus(issue, 'rejected', { rejectionReason: body.reason }, by, broadcast, body.reason ?? null);
  } else if (body.to === 'duplicate') {
    authorize(actor, 'issue.merge');
    if (body.duplicateOf === String(issue._id)) throw badRequest('duplicateOf: an issue cannot duplicate itself', 'duplicateOf');
    const survivor = await IssueModel.findById(body.duplicateOf);
    if (!survivor) throw badRequest('duplicateOf: no such issue', 'duplicateOf');
    if (survivor.status === 'duplicate')
      throw badRequest(`duplicateOf: ${survivor.number} is itself a duplicate; name the issue it duplicates`, 'duplicateOf');
    updated = await setStatus(issue, 'duplicate', { duplicateOf: survivor._id }, by, broadcast, `→ ${survivor.number}`);
    await moveSupporters(updated, survivor, by, broadcast);
    updated = await reloadIssue(issue._id);
  } else if (from === 'closed' || from === 'rejected' || from === 'duplicate') {
    // Reopening. Supporters moved to a survivor stay there.
    updated = await setStatus(issue, body.to, { rejectionReason: null, duplicateOf: null }, by, broadcast, 'reopened');
  } else {
    updated = await setStatus(issue, body.to, {}, by, broadcast);
  }
  const presented = await presentStored(updated);
  broadcast.updated(presented);
  await recordAudit({
    actor: user,
    action: 'issue.transitioned',
    target: { kind: 'issue', id: presented.id, label: presented.number },
    detail: { ...body },
  });
  return presented;
}
