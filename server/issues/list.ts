/** The register view: filters (all in the URL on the client), sorting, pages, and text search. */
import { trusted, type QueryFilter } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { IssueExportQuery, IssueList, IssueListQuery } from '@shared/schemas/issues';
import { OPEN_STATUSES, type IssueStatus } from '@shared/register/rules';
import { normalizeForSearch, queryGrams } from '@shared/search/grams';
import { escapeRegex } from '../db/keys';
import { authorize } from '../http/authorize';
import { IssueModel, type IssueDocument, type IssueRecord } from './model';
import { todayInJapan } from '@shared/japanDates';
import { personalConditions, personalTest, splitPersonal } from './personalFilters';
import { presentIssue } from './presenter';
import { issuesInOrder, matching, type RegisterSort } from './registerView';

const UNANSWERED_OPEN: IssueStatus[] = ['new', 'accepted', 'reviewing'];

/** One value is an equality (which FerretDB hands to its storage, and PostgreSQL to an index); several are `$in`. */
const oneOf = <T>(values: readonly T[]) => (values.length === 1 ? values[0] : trusted({ $in: values }));

/**
 * Conditions on distinct fields as one plain object: FerretDB pushes only top-level equalities down
 * to its storage (and its indexes), never those inside `$and`. Conditions on a field already taken,
 * and operators such as `$or`, go into `$and` beside them; the meaning is the same on every engine.
 */
function allOf<T>(conditions: readonly QueryFilter<T>[]): QueryFilter<T> {
  const plain: Record<string, unknown> = {};
  const rest: QueryFilter<T>[] = [];
  for (const condition of conditions) {
    const entries = Object.entries(condition);
    if (entries.some(([key]) => key.startsWith('$') || key in plain)) rest.push(condition);
    else for (const [key, value] of entries) plain[key] = value;
  }
  return (rest.length ? { ...plain, $and: rest } : plain) as QueryFilter<T>;
}

/** The register's filters as a query; `extra` are further conditions (the personal ones: personalFilters.ts). */
export function issueFilter(query: IssueExportQuery, now = new Date(), extra: QueryFilter<IssueRecord>[] = []): QueryFilter<IssueRecord> {
  const today = todayInJapan(now);
  const and: QueryFilter<IssueRecord>[] = [...extra];
  if (query.status?.length) and.push({ status: oneOf(query.status) });
  if (query.businessArea?.length) and.push({ businessAreas: oneOf(query.businessArea) });
  if (query.category?.length) and.push({ category: oneOf(query.category) });
  if (query.reason?.length) and.push({ specialReason: oneOf(query.reason) });
  if (query.ministry?.length) and.push({ ministry: oneOf(query.ministry) });
  if (query.organization) and.push({ 'raisedBy.organization.id': query.organization });
  if (query.assignee) and.push(query.assignee === 'none' ? { assignee: null } : { 'assignee.id': query.assignee });
  if (query.open !== undefined) and.push({ status: trusted(query.open ? { $in: OPEN_STATUSES } : { $nin: OPEN_STATUSES }) });
  if (query.hasAnswer !== undefined) and.push({ answerCount: query.hasAnswer ? trusted({ $gt: 0 }) : 0 });
  const overdue: QueryFilter<IssueRecord> = { dueDate: trusted({ $lt: today }), status: trusted({ $in: UNANSWERED_OPEN }) };
  if (query.overdue === true) and.push(overdue);
  if (query.overdue === false) and.push({ $nor: [overdue] });
  // Lead time under 365 days: published after the deadline, or still unpublished past it.
  const short: QueryFilter<IssueRecord> = {
    $or: [{ publishedLate: true }, { specPublishedDate: null, specDeadline: trusted({ $ne: null, $lt: today }) }],
  };
  if (query.leadTimeShort === true) and.push(short);
  if (query.leadTimeShort === false) and.push({ $nor: [short] });
  if (query.q) {
    const grams = queryGrams(query.q);
    if (grams.length) and.push({ grams: trusted({ $all: grams }) });
    // Grams narrow with the index; the normalised text confirms each word really occurs.
    for (const word of query.q.split(/\s+/u).filter(Boolean)) {
      and.push({ searchText: trusted({ $regex: escapeRegex(normalizeForSearch(word)) }) });
    }
  }
  return allOf(and);
}

/** `assignee=me` is the asker's id. */
const withMe = <Q extends IssueExportQuery>(actor: Actor, query: Q): Q =>
  query.assignee === 'me' ? { ...query, assignee: actor.id } : query;

export const SORTS: Record<IssueListQuery['sort'], RegisterSort> = {
  number: { fiscalYear: 1, seq: 1 },
  '-number': { fiscalYear: -1, seq: -1 },
  updated: { updatedAt: 1, _id: 1 },
  '-updated': { updatedAt: -1, _id: -1 },
  support: { supportCount: 1, fiscalYear: 1, seq: 1 },
  '-support': { supportCount: -1, fiscalYear: -1, seq: -1 },
  due: { dueDate: 1, fiscalYear: 1, seq: 1 },
  '-due': { dueDate: -1, fiscalYear: -1, seq: -1 },
};

/** A page of the register, from the in-memory view (registerView.ts): no read of the whole collection. */
export async function listIssues(actor: Actor, query: IssueListQuery, now = new Date()): Promise<IssueList> {
  authorize(actor, 'issue.read');
  const { rows, ordered } = await issuesInOrder(SORTS[query.sort]);
  const today = todayInJapan(now);
  const { personal, shared } = splitPersonal(withMe(actor, query));
  const [everyone, mine] = [matching(ordered, shared, today), await personalTest(actor, personal)];
  const matched = mine ? everyone.filter(mine) : everyone;
  const page = matched.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const issues = page.map((r) => {
    const target = r.duplicateOf ? rows.get(String(r.duplicateOf)) : undefined;
    return presentIssue(r, target ? { id: String(target._id), number: target.number, title: target.title } : null, now);
  });
  return { issues, total: matched.length, page: query.page, pageSize: query.pageSize };
}

/** The same page computed by the database (the view's check in tests, and the bench's baseline). */
export async function listIssuesFromDatabase(query: IssueListQuery): Promise<IssueList> {
  const filter = issueFilter(query);
  const [issues, total] = await Promise.all([
    IssueModel.find(filter)
      .sort(SORTS[query.sort])
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize),
    IssueModel.countDocuments(filter),
  ]);
  return { issues: await presentWithDuplicates(issues), total, page: query.page, pageSize: query.pageSize };
}

/** Every issue matching the filters, for an export (bounded). */
export async function issuesForExport(actor: Actor, query: IssueExportQuery, max: number): Promise<IssueDocument[]> {
  authorize(actor, 'issue.read');
  const { personal, shared } = splitPersonal(withMe(actor, query));
  return IssueModel.find(issueFilter(shared, new Date(), await personalConditions(actor, personal)))
    .sort(SORTS[query.sort])
    .limit(max);
}

export async function presentWithDuplicates(issues: IssueDocument[]) {
  const targetIds = issues.flatMap((i) => (i.duplicateOf ? [i.duplicateOf] : []));
  const targets = targetIds.length ? await IssueModel.find({ _id: trusted({ $in: targetIds }) }, { number: 1, title: 1 }).lean() : [];
  const byId = new Map(targets.map((t) => [String(t._id), { id: String(t._id), number: t.number, title: t.title }]));
  return issues.map((i) => presentIssue(i, i.duplicateOf ? (byId.get(String(i.duplicateOf)) ?? null) : null));
}
