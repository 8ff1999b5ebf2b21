/** Stored register documents → the shared API shapes. */
import type { Actor } from '@shared/domain';
import { answerEditVerdict, type IssueFacts } from '@shared/policies/issue';
import type { HistoryEntry, Issue, IssueComment, IssueCommentView } from '@shared/schemas/issues';
import { dateOnly, todayInJapan } from '@shared/japanDates';
import { isLeadTimeShort, isOpen, leadTimeDays, type IssueStatus } from '@shared/register/rules';
import { presentPerson, type PersonRecord } from '../users/person';
import type { IssueCommentDocument, IssueRow } from './model';

export type DuplicateRef = { id: string; number: string; title: string } | null;

export function presentIssue(i: IssueRow, duplicateOf: DuplicateRef = null, now = new Date()): Issue {
  const status = i.status as IssueStatus;
  const lead = leadTimeDays(i.lawEnforcementDate ?? null, i.specPublishedDate ?? null, todayInJapan(now));
  return {
    id: String(i._id),
    number: i.number,
    fiscalYear: i.fiscalYear,
    title: i.title,
    description: i.description,
    businessAreas: [...i.businessAreas],
    category: i.category,
    specialReason: i.specialReason ?? null,
    raisedBy: presentPerson(i.raisedBy),
    priority: i.priority ?? null,
    ministry: i.ministry ?? null,
    ministryOverridden: i.ministryOverridden,
    assignee: i.assignee ? presentPerson(i.assignee) : null,
    dueDate: dateOnly(i.dueDate),
    lawEnforcementDate: dateOnly(i.lawEnforcementDate),
    specPublishedDate: dateOnly(i.specPublishedDate),
    leadTimeDays: lead,
    leadTimeShort: isLeadTimeShort(lead),
    status,
    rejectionReason: i.rejectionReason ?? null,
    duplicateOf,
    supportCount: i.supportCount,
    answerCount: i.answerCount,
    commentCount: i.commentCount,
    overdue: Boolean(i.dueDate && isOpen(status) && status !== 'answered' && i.dueDate < todayInJapan(now)),
    answeredAt: i.answeredAt ? i.answeredAt.toISOString() : null,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

/** What the register rules need of a stored or presented issue. */
export const issueFacts = (i: {
  status: string;
  ministry?: string | null;
  raisedBy: { id: unknown; organization: { id: unknown } };
}): IssueFacts => ({
  status: i.status as IssueStatus,
  ministry: i.ministry ?? null,
  raisedBy: { id: String(i.raisedBy.id), organizationId: String(i.raisedBy.organization.id) },
});

/** A comment or answer as one reader sees it: with whether they may edit it. */
export function commentWithAbilities(view: IssueCommentView, actor: Actor, issue: Pick<IssueFacts, 'ministry'>): IssueComment {
  return { ...view, abilities: { edit: answerEditVerdict(actor, issue, { kind: view.kind, authorId: view.author.id }).allowed } };
}

/** A comment or answer as every reader sees it, before the reader's abilities. */
export function presentComment(c: IssueCommentDocument): IssueCommentView {
  return {
    id: String(c._id),
    issueId: String(c.issueId),
    kind: c.kind,
    author: presentPerson(c.author),
    official: c.kind === 'answer',
    body: c.body,
    editedAt: c.editedAt ? c.editedAt.toISOString() : null,
    createdAt: c.createdAt.toISOString(),
  };
}

export function presentHistory(h: {
  _id: unknown;
  type: string;
  changes: Array<{ field?: string | null; from?: unknown; to?: unknown }>;
  note?: string | null;
  by: PersonRecord;
  at: Date;
}): HistoryEntry {
  return {
    id: String(h._id),
    type: h.type as HistoryEntry['type'],
    changes: h.changes.map((c) => ({ field: c.field ?? '', from: c.from ?? null, to: c.to ?? null })),
    note: h.note ?? null,
    by: presentPerson(h.by),
    at: h.at.toISOString(),
  };
}
