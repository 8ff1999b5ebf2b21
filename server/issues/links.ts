/** Links between an issue and threads (and, once they exist, meetings), readable from both ends. */
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { IssueLink } from '@shared/schemas/issues';
import { issueVerdicts } from '@shared/policies/issue';
import { mayRemoveLink } from '@shared/register/rules';
import { ignoringDuplicate } from '../db/keys';
import { enforce } from '../http/authorize';
import { forbidden, notFound } from '../http/errors';
import { readableThread } from '../threads/access';
import { UserModel, type UserWithOrganization } from '../users/model';
import { personOf } from '../users/person';
import { toActor } from '../users/presenter';
import { readableIssue } from './access';
import type { RegisterBroadcast } from './broadcast';
import { recordHistory } from './history';
import { IssueLinkModel, IssueModel } from './model';
import { issueFacts } from './presenter';
import { linksOf } from './service';

/**
 * Anyone who may comment on the issue and read the thread may link them; a link is removed by its
 * maker, their organisation's admin or the secretariat. History names the thread by id (history.ts).
 */
export async function setLink(input: {
  user: UserWithOrganization;
  issueId: string;
  kind: 'thread' | 'meeting';
  targetId: string;
  on: boolean;
  broadcast: RegisterBroadcast;
}): Promise<IssueLink[]> {
  const { user, kind, targetId, on, broadcast } = input;
  const actor = toActor(user);
  const issue = await readableIssue(actor, input.issueId);
  enforce(issueVerdicts(actor, issueFacts(issue)).link);
  if (kind === 'meeting') throw notFound('meeting'); // meetings arrive with the meetings feature
  const thread = await readableThread(actor, targetId);
  const _id = `${String(issue._id)}:${kind}:${targetId}`;
  const ref = { id: String(thread._id) };
  if (on) {
    const link = {
      _id,
      issueId: issue._id,
      kind,
      targetId: thread._id,
      by: actor.id,
      byOrganization: actor.organization.id,
      at: new Date(),
    };
    if (await ignoringDuplicate(IssueLinkModel.create(link))) {
      await recordHistory(broadcast, {
        issueId: issue._id,
        type: 'link',
        by: personOf(user),
        changes: [{ field: kind, from: null, to: ref }],
      });
    }
    return linksOf(actor, issue._id);
  }
  const link = await IssueLinkModel.findById(_id).lean();
  if (!link) return linksOf(actor, issue._id);
  // Links made before the maker's organisation was kept: it is the maker's own.
  const byOrganization = link.byOrganization ?? (await UserModel.findById(link.by, { organization: 1 }).lean())?.organization ?? null;
  if (!mayRemoveLink(actor, { by: String(link.by), byOrganization: byOrganization ? String(byOrganization) : null })) {
    throw forbidden('only the person who made this link, their organisation’s admin or the secretariat may remove it');
  }
  if ((await IssueLinkModel.deleteOne({ _id })).deletedCount === 1) {
    await recordHistory(broadcast, {
      issueId: issue._id,
      type: 'unlink',
      by: personOf(user),
      changes: [{ field: kind, from: ref, to: null }],
    });
  }
  return linksOf(actor, issue._id);
}

/** The issues linked to a thread, for the thread's page. */
export async function issuesLinkedTo(actor: Actor, kind: 'thread' | 'meeting', targetId: string) {
  if (kind === 'thread') await readableThread(actor, targetId);
  const links = await IssueLinkModel.find({ kind, targetId }).lean();
  if (!links.length) return [];
  const issues = await IssueModel.find({ _id: trusted({ $in: links.map((l) => l.issueId) }) }, { number: 1, title: 1, status: 1 })
    .sort({ fiscalYear: 1, seq: 1 })
    .lean();
  return issues.map((i) => ({ id: String(i._id), number: i.number, title: i.title, status: i.status }));
}
