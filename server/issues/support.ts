/** Support (+1, 同様の課題あり): once per vendor organisation, counted from uniquely keyed documents. */
import type { Actor } from '@shared/domain';
import type { SupportResult } from '@shared/schemas/issues';
import { issueVerdicts } from '@shared/policies/issue';
import { ignoringDuplicate } from '../db/keys';
import { authorize, enforce } from '../http/authorize';
import type { UserWithOrganization } from '../users/model';
import { personOf } from '../users/person';
import { toActor } from '../users/presenter';
import { presentStored, readableIssue, recount, reloadIssue } from './access';
import type { RegisterBroadcast } from './broadcast';
import { followIssue } from './follows';
import { recordHistory } from './history';
import { IssueSupportModel } from './model';
import { issueFacts } from './presenter';
import { supportCounter } from './workflow';

export async function setSupport(input: {
  user: UserWithOrganization;
  issueId: string;
  on: boolean;
  broadcast: RegisterBroadcast;
}): Promise<SupportResult> {
  const { user, on, broadcast } = input;
  const actor = toActor(user);
  authorize(actor, 'issue.support');
  const issue = await readableIssue(actor, input.issueId);
  const verdicts = issueVerdicts(actor, issueFacts(issue));
  enforce(on ? verdicts.support : verdicts.withdrawSupport);
  const orgId = actor.organization.id;
  const _id = `${String(issue._id)}:${orgId}`;
  let changed = false;
  if (on) {
    // A colleague may already support it: once per organisation.
    changed = await ignoringDuplicate(
      IssueSupportModel.create({ _id, issueId: issue._id, organization: personOf(user).organization, by: actor.id, at: new Date() }),
    );
  } else {
    changed = (await IssueSupportModel.deleteOne({ _id })).deletedCount === 1;
  }
  if (on) await followIssue(String(issue._id), actor.id);
  const count = await recount(issue._id, 'supportCount', supportCounter(issue._id));
  if (changed) {
    await recordHistory(broadcast, {
      issueId: issue._id,
      type: on ? 'support' : 'unsupport',
      by: personOf(user),
      changes: [{ field: 'supportCount', from: issue.supportCount, to: count }],
    });
  }
  const result = await supportState(actor, String(issue._id));
  broadcast.support({ issueId: result.issueId, supportCount: result.supportCount, supporters: result.supporters });
  broadcast.updated(await presentStored(await reloadIssue(issue._id)));
  return result;
}

export async function supportState(actor: Actor, issueId: string): Promise<SupportResult> {
  const supports = await IssueSupportModel.find({ issueId }).sort({ at: 1 }).lean();
  return {
    issueId,
    supportCount: supports.length,
    supporters: supports.map((s) => ({
      id: String(s.organization.id),
      nameJa: s.organization.nameJa ?? '',
      nameEn: s.organization.nameEn ?? '',
    })),
    supportedByMe: supports.some((s) => String(s.organization.id) === actor.organization.id),
  };
}
