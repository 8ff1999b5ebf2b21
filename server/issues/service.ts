/** Raising, changing and reading an issue. Workflow, support, comments and lists live beside this. */
import { trusted, type Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import { can } from '@shared/permissions';
import { issueAbilities, issueVerdicts } from '@shared/policies/issue';
import type { Issue, IssueCreateBody, IssueDetail, IssueLink, IssueUpdateBody } from '@shared/schemas/issues';
import { parseDateOnly } from '@shared/japanDates';
import {
  fiscalYearOf,
  formatIssueNumber,
  responsibleMinistry,
  specDeadlineOf,
  TRANSITIONS,
  type IssueStatus,
} from '@shared/register/rules';
import { readableVisibilities } from '@shared/threads/rules';
import { recordAudit } from '../audit/log';
import { nextSequence } from '../db/sequence';
import { authorize, enforce } from '../http/authorize';
import { meetingsCiting } from '../meetings/agendaIndex';
import { ThreadModel } from '../threads/model';
import { personOf } from '../users/person';
import { UserModel, type UserWithOrganization } from '../users/model';
import { badRequest } from '../http/errors';
import { toActor } from '../users/presenter';
import { duplicateRef, presentStored, readableIssue, reloadIssue } from './access';
import type { RegisterBroadcast } from './broadcast';
import { followIssue, issueFollowOf } from './follows';
import { historyOf, recordHistory, type Change } from './history';
import { IssueCommentModel, IssueLinkModel, IssueModel, IssueSupportModel, type IssueRecord } from './model';
import { commentWithAbilities, issueFacts, presentComment, presentIssue } from './presenter';
import { searchFields } from './searchFields';

/** The law-change dates and what follows from them (see the lead-time rule in shared/register/rules.ts). */
function leadTimeFields(enforcement: Date | null, published: Date | null) {
  const specDeadline = specDeadlineOf(enforcement);
  return {
    lawEnforcementDate: enforcement,
    specPublishedDate: published,
    specDeadline,
    publishedLate: Boolean(specDeadline && published && published > specDeadline),
  };
}

export async function raiseIssue(input: {
  user: UserWithOrganization;
  body: IssueCreateBody;
  broadcast: RegisterBroadcast;
}): Promise<Issue> {
  const { user, body, broadcast } = input;
  const actor = toActor(user);
  authorize(actor, 'issue.raise');
  const fiscalYear = fiscalYearOf(new Date());
  const seq = await nextSequence(`issue:${fiscalYear}`);
  const number = formatIssueNumber(fiscalYear, seq);
  const raisedBy = personOf(user);
  const areas = [...new Set(body.businessAreas)];
  const issue = await IssueModel.create({
    fiscalYear,
    seq,
    number,
    title: body.title,
    description: body.description,
    businessAreas: areas,
    category: body.category,
    specialReason: body.specialReason,
    raisedBy,
    ministry: responsibleMinistry(areas),
    dueDate: parseDateOnly(body.dueDate),
    ...leadTimeFields(parseDateOnly(body.lawEnforcementDate), parseDateOnly(body.specPublishedDate)),
    ...searchFields(body.title, body.description, number),
  });
  // The raiser's organisation supports its own issue from the start.
  await IssueSupportModel.create({
    _id: `${String(issue._id)}:${actor.organization.id}`,
    issueId: issue._id,
    organization: raisedBy.organization,
    by: actor.id,
    at: new Date(),
  });
  await recordHistory(broadcast, { issueId: issue._id, type: 'created', by: raisedBy });
  await followIssue(String(issue._id), actor.id);
  const presented = presentIssue(issue);
  broadcast.created(presented);
  return presented;
}

const CONTENT_FIELDS = [
  'title',
  'description',
  'businessAreas',
  'category',
  'specialReason',
  'lawEnforcementDate',
  'specPublishedDate',
] as const;
const SECRETARIAT_FIELDS = ['priority', 'ministry', 'dueDate', 'assignee'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The raiser may change the content while the issue is new; the secretariat may change anything. */
export async function updateIssue(input: {
  user: UserWithOrganization;
  issueId: string;
  change: IssueUpdateBody;
  broadcast: RegisterBroadcast;
}): Promise<Issue> {
  const { user, change, broadcast } = input;
  const actor = toActor(user);
  const issue = await readableIssue(actor, input.issueId);
  const verdicts = issueVerdicts(actor, issueFacts(issue));
  const touches = (fields: readonly string[]) => fields.some((f) => f in change);
  if (touches(SECRETARIAT_FIELDS)) enforce(verdicts.manage);
  if (touches(CONTENT_FIELDS)) enforce(verdicts.editContent);

  const before = presentIssue(issue);
  const set: Partial<IssueRecord> & Record<string, unknown> = {};
  if (change.title !== undefined) set.title = change.title;
  if (change.description !== undefined) set.description = change.description;
  if (change.businessAreas !== undefined) set.businessAreas = [...new Set(change.businessAreas)];
  if (change.category !== undefined) set.category = change.category;
  if (change.specialReason !== undefined) set.specialReason = change.specialReason;
  if (change.priority !== undefined) set.priority = change.priority;
  if (change.dueDate !== undefined) set.dueDate = parseDateOnly(change.dueDate);
  if (change.ministry !== undefined) {
    set.ministryOverridden = change.ministry !== null;
    set.ministry = change.ministry ?? responsibleMinistry((set.businessAreas as IssueRecord['businessAreas']) ?? issue.businessAreas);
  } else if (set.businessAreas && !issue.ministryOverridden) {
    set.ministry = responsibleMinistry(set.businessAreas);
  }
  if (change.lawEnforcementDate !== undefined || change.specPublishedDate !== undefined) {
    const enforcement =
      change.lawEnforcementDate !== undefined ? parseDateOnly(change.lawEnforcementDate) : (issue.lawEnforcementDate ?? null);
    const published = change.specPublishedDate !== undefined ? parseDateOnly(change.specPublishedDate) : (issue.specPublishedDate ?? null);
    Object.assign(set, leadTimeFields(enforcement, published));
  }
  if (set.title !== undefined || set.description !== undefined) {
    Object.assign(set, searchFields(set.title ?? issue.title, set.description ?? issue.description, issue.number));
  }
  if (change.assignee !== undefined) set.assignee = change.assignee === null ? null : await secretariatMember(change.assignee);
  await IssueModel.updateOne({ _id: issue._id }, { $set: set });
  const updated = await reloadIssue(issue._id);
  const after = await presentStored(updated);
  const changes: Change[] = (
    [
      'title',
      'description',
      'businessAreas',
      'category',
      'specialReason',
      'priority',
      'ministry',
      'dueDate',
      'assignee',
      'lawEnforcementDate',
      'specPublishedDate',
    ] as const
  )
    .filter((f) => !same(before[f], after[f]))
    .map((field) => ({ field, from: before[field], to: after[field] }));
  if (changes.length) await recordHistory(broadcast, { issueId: issue._id, type: 'changed', by: personOf(user), changes });
  // Routing and assignment are the secretariat's acts: audited like a transition (one entry per issue, bulk or not).
  const routing = changes.filter((c) => (SECRETARIAT_FIELDS as readonly string[]).includes(c.field));
  if (routing.length) {
    await recordAudit({
      actor: user,
      action: 'issue.routed',
      target: { kind: 'issue', id: after.id, label: after.number },
      detail: { changes: routing },
    });
  }
  broadcast.updated(after);
  return after;
}

/** 担当者 must be a member of the secretariat. */
async function secretariatMember(userId: string) {
  const user = await UserModel.findById(userId).populate<Pick<UserWithOrganization, 'organization'>>('organization');
  if (!user?.organization || user.organization.kind !== 'secretariat') {
    throw badRequest('body.assignee: the assignee must be a member of the secretariat', 'body.assignee');
  }
  return personOf(user as unknown as UserWithOrganization);
}

export async function issueDetail(actor: Actor, issueId: string): Promise<IssueDetail> {
  const issue = await readableIssue(actor, issueId);
  const [supports, comments, history, links, duplicates, dup, follow] = await Promise.all([
    IssueSupportModel.find({ issueId: issue._id }).sort({ at: 1 }).lean(),
    IssueCommentModel.find({ issueId: issue._id }).sort({ createdAt: 1, _id: 1 }),
    historyOf(actor, issue._id),
    linksOf(actor, issue._id),
    IssueModel.find({ duplicateOf: issue._id }, { number: 1, title: 1 }).sort({ fiscalYear: 1, seq: 1 }).lean(),
    duplicateRef(issue),
    issueFollowOf(actor.id, String(issue._id)),
  ]);
  return {
    issue: presentIssue(issue, dup),
    supporters: supports.map((s) => ({
      id: String(s.organization.id),
      nameJa: s.organization.nameJa ?? '',
      nameEn: s.organization.nameEn ?? '',
    })),
    supportedByMe: supports.some((s) => String(s.organization.id) === actor.organization.id),
    comments: comments.map((c) => commentWithAbilities(presentComment(c), actor, issueFacts(issue))),
    history,
    links,
    duplicates: duplicates.map((d) => ({ id: String(d._id), number: d.number, title: d.title })),
    allowedTransitions: can(actor, 'issue.transition') ? [...TRANSITIONS[issue.status as IssueStatus]] : [],
    follow,
    abilities: issueAbilities(actor, issueFacts(issue)),
  };
}

/** Linked threads the reader may read (a title is not leaked across visibilities), and meetings. */
export async function linksOf(actor: Actor, issueId: Types.ObjectId): Promise<IssueLink[]> {
  const links = await IssueLinkModel.find({ issueId }).sort({ at: 1 }).lean();
  const threadIds = links.filter((l) => l.kind === 'thread').map((l) => l.targetId);
  const threads = threadIds.length
    ? await ThreadModel.find(
        { _id: trusted({ $in: threadIds }), visibility: trusted({ $in: readableVisibilities(actor) }) },
        { title: 1 },
      ).lean()
    : [];
  const titles = new Map(threads.map((t) => [String(t._id), t.title]));
  const threadLinks = links.flatMap((l) => {
    const title = titles.get(String(l.targetId));
    return title === undefined ? [] : [{ kind: l.kind, id: String(l.targetId), title }];
  });
  // Meetings link issues from their agenda.
  const meetings = await meetingsCiting(issueId);
  return [...threadLinks, ...meetings.map((m) => ({ kind: 'meeting' as const, ...m }))];
}
