/**
 * The register's view as a URL query string (`status=new,accepted&sort=-due`), one spelling per view:
 * the list page writes its URL with it, and a saved view (保存したビュー) is stored in it.
 */
import type { IssueListQuery } from '../schemas/issues';

export const DEFAULT_SORT = '-number' satisfies IssueListQuery['sort'];
export const DEFAULT_PAGE_SIZE = 50;

const LISTS = ['status', 'businessArea', 'category', 'reason', 'ministry'] as const;
const FLAGS = ['hasAnswer', 'overdue', 'leadTimeShort', 'open', 'following'] as const;
const SINGLES = ['organization', 'assignee', 'mine', 'q'] as const;

/** The query string of a view, leaving out what is unset or the default (so equal views read the same). */
export function registerQueryString(view: Partial<IssueListQuery>): string {
  const query = new URLSearchParams();
  for (const name of LISTS) {
    const values = view[name];
    if (values?.length) query.set(name, values.join(','));
  }
  for (const name of SINGLES) {
    const value = view[name];
    if (value) query.set(name, value);
  }
  for (const name of FLAGS) {
    const value = view[name];
    if (value !== undefined) query.set(name, String(value));
  }
  if (view.sort && view.sort !== DEFAULT_SORT) query.set('sort', view.sort);
  if (view.page && view.page !== 1) query.set('page', String(view.page));
  if (view.pageSize && view.pageSize !== DEFAULT_PAGE_SIZE) query.set('pageSize', String(view.pageSize));
  return query.toString();
}
