/** Links between an issue and threads (and, once they exist, meetings), readable from both ends. */
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { IssueLink } from '@shared/schemas/issues';
import { can } from '@shared/permissions';
import { ignoringDuplicate } from '../db/keys';
import { forbidden, notFound } from '../http/errors';
import { readableThread } from '../threads/access';
import type { UserWithOrganization } from '../users/model';
import { personOf } from '../users/person';
import { toActor } from '../users/presenter';
import { readableIssue } from './access';
import type { RegisterBroadcast } from './broadcast';
import { recordHistory } from './history';
import { IssueLinkModel, IssueModel } from './model';
import { linksOf } from './service';

/** Anyone who may comment on the issue and read the thread may link them. */
export async function setLink(input: { user: UserWithOrganization; issueId: string; kind: 'thread' | 'meeting'; targetId: string; on: boolean; broadcast: RegisterBroadcast }): Promise<IssueLink[]> {
  const { user, kind, targetId, on, broadcast } = input;
  const actor = toActor(user);
  const issue = await readableIssue(actor, input.issueId);
  if (!can(actor, 'issue.comment')) throw forbidden('you may not link issues');
  if (kind === 'meeting') throw notFound('meeting'); // meetings arrive with the meetings feature
  const thread = await readableThread(actor, targetId);
  const _id = `${String(issue._id)}:${kind}:${targetId}`;
  if (on) {
    if (await ignoringDuplicate(IssueLinkModel.create({ _id, issueId: issue._id, kind, targetId, by: actor.id, at: new Date() }))) {
      await recordHistory(broadcast, { issueId: issue._id, type: 'link', by: personOf(user), changes: [{ field: kind, from: null, to: thread.title }] });
    }
  } else if ((await IssueLinkModel.deleteOne({ _id })).deletedCount === 1) {
    await recordHistory(broadcast, { issueId: issue._id, type: 'unlink', by: personOf(user), changes: [{ field: kind, from: thread.title, to: null }] });
  }
  return linksOf(actor, issue._id);
}

/** The issues linked to a thread, for the thread's page. */
export async function issuesLinkedTo(actor: Actor, kind: 'thread' | 'meeting', targetId: string) {
  if (kind === 'thread') await readableThread(actor, targetId);
  const links = await IssueLinkModel.find({ kind, targetId }).lean();
  if (!links.length) return [];
  const issues = await IssueModel.find({ _id: trusted({ $in: links.map((l) => l.issueId) }) }, { number: 1, title: 1, status: 1 }).sort({ fiscalYear: 1, seq: 1 }).lean();
  return issues.map((i) => ({ id: String(i._id), number: i.number, title: i.title, status: i.status }));
}
