import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ISSUE_MINE, ISSUE_SORTS } from '@shared/schemas/issues';
import { ISSUE_CATEGORIES, ISSUE_STATUSES } from '@shared/register/rules';
import { BUSINESS_AREA_KEYS, MINISTRY_KEYS, SPECIAL_MIGRATION_REASONS } from '@shared/reference/council';
import { DEFAULT_PAGE_SIZE, DEFAULT_SORT, registerQueryString } from '@shared/register/viewQuery';
import type { IssueFilterParams, IssueListParams } from '@client/queries/issues';

export type IssueSort = IssueListParams['sort'];
export const PAGE_SIZES = [20, 50, 100] as const;
const REASON_KEYS = SPECIAL_MIGRATION_REASONS.map((r) => r.key);

/** Comma-separated values, keeping only the known ones (a hand-edited URL cannot break the page). */
function listParam<T extends string>(value: string | null, known: readonly T[]): T[] | undefined {
  const values = (value ?? '').split(',').filter((v): v is T => (known as readonly string[]).includes(v));
  return values.length ? [...new Set(values)] : undefined;
}

function flagParam(value: string | null): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/** 担当者: a member's id, `me` or `none`. */
function assigneeParam(value: string | null): string | undefined {
  return value && (value === 'me' || value === 'none' || /^[0-9a-f]{24}$/.test(value)) ? value : undefined;
}

function parseView(params: URLSearchParams): IssueListParams {
  const sort = ISSUE_SORTS.find((s) => s === params.get('sort')) ?? DEFAULT_SORT;
  const page = Number(params.get('page'));
  const pageSize = PAGE_SIZES.find((s) => String(s) === params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;
  const view: IssueListParams = {
    sort,
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
    pageSize,
    status: listParam(params.get('status'), ISSUE_STATUSES),
    businessArea: listParam(params.get('businessArea'), BUSINESS_AREA_KEYS),
    category: listParam(params.get('category'), ISSUE_CATEGORIES),
    reason: listParam(params.get('reason'), REASON_KEYS),
    ministry: listParam(params.get('ministry'), MINISTRY_KEYS),
    hasAnswer: flagParam(params.get('hasAnswer')),
    overdue: flagParam(params.get('overdue')),
    leadTimeShort: flagParam(params.get('leadTimeShort')),
    mine: ISSUE_MINE.find((m) => m === params.get('mine')),
    assignee: assigneeParam(params.get('assignee')),
    following: flagParam(params.get('following')),
    q: params.get('q')?.trim().slice(0, 100) || undefined,
  };
  // Leave out what is unset, so equal views make equal cache keys.
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as IssueListParams;
}

function toSearchParams(view: IssueListParams): URLSearchParams {
  return new URLSearchParams(registerQueryString(view));
}

/** The filters alone, without order and page. */
export function filtersOf({ page: _page, pageSize: _pageSize, ...filters }: IssueListParams): IssueFilterParams {
  return filters;
}

export function hasFilters(view: IssueListParams): boolean {
  const { sort: _sort, ...filters } = filtersOf(view);
  return Object.keys(filters).length > 0;
}

export interface RegisterView {
  view: IssueListParams;
  /** Change filters (back to page 1) or the order or page; `undefined` clears a filter. */
  update: (change: Partial<IssueListParams>) => void;
  clearFilters: () => void;
}

/**
 * The register view (filters, order, page) kept in the URL, so a filtered view can be shared
 * and the back button steps through earlier views.
 */
export function useRegisterView(): RegisterView {
  const [params, setParams] = useSearchParams();
  const serialized = params.toString();
  const view = useMemo(() => parseView(new URLSearchParams(serialized)), [serialized]);

  function update(change: Partial<IssueListParams>) {
    const pageOnly = Object.keys(change).every((k) => k === 'page');
    const next = { ...view, ...change };
    // A new filter, order or page size starts from the first page.
    if (!pageOnly && change.page === undefined) next.page = 1;
    setParams(toSearchParams(next), { preventScrollReset: true });
  }

  function clearFilters() {
    setParams(toSearchParams({ sort: view.sort, page: 1, pageSize: view.pageSize }), { preventScrollReset: true });
  }

  return { view, update, clearFilters };
}
