/**
 * The register (課題管理表) kept in memory in each app process (server/db/collectionView.ts), so its
 * filtered, sorted pages, their totals and the dashboard never read the whole issues collection —
 * which the embedded engine would decode document by document on every request (docs/DATABASE.md).
 * Every write to an issue is recorded in the register's change log (model.ts); a reload of all can
 * be asked for with `npm run rebuild-views`. `test/register-view.test.ts` checks the view against
 * the database's own answers.
 */
import mongoose, { type SortOrder } from 'mongoose';
import type { IssueListQuery, RegisterStats } from '@shared/schemas/issues';
import { DAY_MS, endOfJapanDay } from '@shared/japanDates';
import { OPEN_STATUSES, type IssueStatus } from '@shared/register/rules';
import { normalizeForSearch } from '@shared/search/grams';
import { CollectionView } from '../db/collectionView';
import { IssueModel, REGISTER_LOG, type IssueRow } from './model';

const UNANSWERED_OPEN: readonly IssueStatus[] = ['new', 'accepted', 'reviewing'];

/** The issues, each with its search text and without its grams. */
export const registerView = new CollectionView<IssueRow>(REGISTER_LOG, (ids) =>
  IssueModel.find(ids ? { _id: mongoose.trusted({ $in: ids }) } : {})
    .select('+searchText')
    .lean<IssueRow[]>(),
);

/** The fields the register sorts by (list.ts SORTS). */
export type SortField = '_id' | 'fiscalYear' | 'seq' | 'updatedAt' | 'supportCount' | 'dueDate';
/** One of list.ts SORTS: `{ field: 1 | -1, … }`, the first field first. */
export type RegisterSort = Partial<Record<SortField, SortOrder>>;

/** Every issue in the order of one of list.ts SORTS. */
export const issuesInOrder = (sort: RegisterSort) => registerView.inOrder(JSON.stringify(sort), comparatorOf(sort));

// ---- the register's filters and sorts, over rows ---------------------------------------------------

/**
 * What the filters read of an issue, flat and of one shape: scanning 10,000 of these is several
 * times faster than reading the same fields off the stored documents.
 */
interface IssueKey {
  status: IssueStatus;
  areas: string[];
  category: string;
  reason: string | null;
  ministry: string | null;
  organization: string;
  assignee: string | null;
  answerCount: number;
  /** Milliseconds; NaN when none. */
  due: number;
  publishedLate: boolean;
  specPublished: boolean;
  specDeadline: number;
  text: string;
}

const keyOf = (r: IssueRow): IssueKey => ({
  status: r.status as IssueStatus,
  areas: r.businessAreas,
  category: r.category,
  reason: r.specialReason ?? null,
  ministry: r.ministry ?? null,
  organization: String(r.raisedBy.organization.id),
  assignee: r.assignee ? String(r.assignee.id) : null,
  answerCount: r.answerCount,
  due: r.dueDate ? r.dueDate.getTime() : Number.NaN,
  publishedLate: r.publishedLate === true,
  specPublished: Boolean(r.specPublishedDate),
  specDeadline: r.specDeadline ? r.specDeadline.getTime() : Number.NaN,
  text: r.searchText ?? '',
});

/** The keys of an ordered list of rows, made once per list (the view keeps a list until a change). */
const keyLists = new WeakMap<readonly IssueRow[], IssueKey[]>();
function keysOf(rows: readonly IssueRow[]): IssueKey[] {
  let keys = keyLists.get(rows);
  if (!keys) keyLists.set(rows, (keys = rows.map(keyOf)));
  return keys;
}

const isOverdue = (k: IssueKey, today: number) => k.due < today && UNANSWERED_OPEN.includes(k.status);
const isLeadTimeShort = (k: IssueKey, today: number) => k.publishedLate || (!k.specPublished && k.specDeadline < today);

/** The same conditions as list.ts issueFilter, as a test of a key. */
function filterOf(query: Omit<IssueListQuery, 'page' | 'pageSize' | 'sort'>, today: Date): (k: IssueKey) => boolean {
  const t = today.getTime();
  const statuses = query.status?.length ? new Set<string>(query.status) : null;
  const areas = query.businessArea?.length ? new Set<string>(query.businessArea) : null;
  const categories = query.category?.length ? new Set<string>(query.category) : null;
  const reasons = query.reason?.length ? new Set<string | null>(query.reason) : null;
  const ministries = query.ministry?.length ? new Set<string | null>(query.ministry) : null;
  const words = query.q ? query.q.split(/\s+/u).filter(Boolean).map(normalizeForSearch) : [];
  return (k) =>
    (!statuses || statuses.has(k.status)) &&
    (!areas || k.areas.some((a) => areas.has(a))) &&
    (!categories || categories.has(k.category)) &&
    (!reasons || reasons.has(k.reason)) &&
    (!ministries || ministries.has(k.ministry)) &&
    (!query.organization || k.organization === query.organization) &&
    (!query.assignee || k.assignee === (query.assignee === 'none' ? null : query.assignee)) &&
    (query.open === undefined || OPEN_STATUSES.includes(k.status) === query.open) &&
    (query.hasAnswer === undefined || k.answerCount > 0 === query.hasAnswer) &&
    (query.overdue === undefined || isOverdue(k, t) === query.overdue) &&
    (query.leadTimeShort === undefined || isLeadTimeShort(k, t) === query.leadTimeShort) &&
    words.every((w) => k.text.includes(w));
}

/** Filter results kept per ordered list (so only until the next change), for paging and repeated views. */
const MATCHES_KEPT = 32;
const matchLists = new WeakMap<readonly IssueRow[], Map<string, IssueRow[]>>();

/** The rows of `ordered` (in its order) that the register's filters in `query` keep. */
export function matching(ordered: readonly IssueRow[], query: Omit<IssueListQuery, 'page' | 'pageSize' | 'sort'>, today: Date): IssueRow[] {
  let kept = matchLists.get(ordered);
  if (!kept) matchLists.set(ordered, (kept = new Map()));
  // The day is part of the key: "overdue" and "lead time short" move with it.
  const { page: _page, pageSize: _size, sort: _sort, ...filters } = query as IssueListQuery;
  const key = JSON.stringify([filters, Math.floor(today.getTime() / DAY_MS)]);
  const known = kept.get(key);
  if (known) return known;
  const keep = filterOf(query, today);
  const keys = keysOf(ordered);
  const out: IssueRow[] = [];
  for (let i = 0; i < keys.length; i++) if (keep(keys[i]!)) out.push(ordered[i]!);
  if (kept.size >= MATCHES_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(key, out);
  return out;
}

type Sortable = number | string | Date | mongoose.Types.ObjectId | null | undefined;
/** MongoDB's order for the values the register sorts by: null first, then numbers, strings, ids, dates. */
function compareValues(a: Sortable, b: Sortable): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A comparator for one of list.ts SORTS. */
export function comparatorOf(sort: RegisterSort): (a: IssueRow, b: IssueRow) => number {
  const keys = (Object.entries(sort) as [SortField, SortOrder][]).map(
    ([field, dir]) => [field, dir === -1 || dir === 'desc' ? -1 : 1] as const,
  );
  return (a, b) => {
    for (const [field, dir] of keys) {
      const c = compareValues(a[field], b[field]);
      if (c !== 0) return c * dir;
    }
    return 0;
  };
}

// ---- the dashboard, over rows ----------------------------------------------------------------------

function countBy(rows: readonly IssueRow[], key: (r: IssueRow) => string | null | undefined) {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const k = key(r);
    if (k !== null && k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, count]) => ({ key: k, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** The same figures as stats.ts computes by aggregation. */
export function statsOf(all: Iterable<IssueRow>, today: Date): RegisterStats {
  const rows = [...all];
  const open = rows.filter((r) => OPEN_STATUSES.includes(r.status as IssueStatus));
  const byStatusAndArea = new Map<string, number>();
  for (const r of open) {
    for (const area of new Set(r.businessAreas))
      byStatusAndArea.set(`${r.status}|${area}`, (byStatusAndArea.get(`${r.status}|${area}`) ?? 0) + 1);
  }
  const answeredWithDue = rows.filter((r) => r.dueDate && r.answeredAt);
  const withinDue = answeredWithDue.filter((r) => r.answeredAt! < endOfJapanDay(r.dueDate!)).length;
  return {
    openByStatusAndArea: [...byStatusAndArea]
      .map(([key, count]) => {
        const [status, area] = key.split('|');
        return { status, area, count } as RegisterStats['openByStatusAndArea'][number];
      })
      .sort((a, b) => b.count - a.count),
    byStatus: countBy(rows, (r) => r.status) as RegisterStats['byStatus'],
    openByReason: countBy(open, (r) => r.specialReason) as RegisterStats['openByReason'],
    openByMinistry: countBy(open, (r) => r.ministry) as RegisterStats['openByMinistry'],
    openByCategory: countBy(open, (r) => r.category) as RegisterStats['openByCategory'],
    answeredWithinDue: {
      answered: answeredWithDue.length,
      withinDue,
      rate: answeredWithDue.length ? withinDue / answeredWithDue.length : null,
    },
    total: rows.length,
    open: open.length,
    overdue: rows.filter((r) => isOverdue(keyOf(r), today.getTime())).length,
  };
}
