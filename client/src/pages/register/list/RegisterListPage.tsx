import { Link } from 'react-router';
import { useCurrentUser } from '@client/components/CurrentUser';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { Pagination } from '@client/components/Pagination';
import { usePageTitle } from '@client/components/usePageTitle';
import { useIssueList } from '@client/queries/issues';
import { RegisterTabs } from '../common/RegisterTabs';
import { useRegisterT } from '../useRegisterT';
import { BulkActions } from './BulkActions';
import { ColumnChooser } from './ColumnChooser';
import { ExportButtons } from './ExportButtons';
import { IssueFilterPanel } from './IssueFilterPanel';
import { IssueCards } from './IssueCards';
import { IssueTable } from './IssueTable';
import { SavedViews } from './savedViews/SavedViews';
import { useRegisterColumns } from './registerColumns';
import { filtersOf, hasFilters, PAGE_SIZES, useRegisterView } from './useRegisterView';
import { useSelection } from './useSelection';

/** /register: the 課題管理表 as a filtered, sorted, paged table, exportable as shown. */
export function RegisterListPage() {
  const rt = useRegisterT();
  usePageTitle(rt('register.list.title'));
  const me = useCurrentUser();
  const { view, update, clearFilters } = useRegisterView();
  const list = useIssueList(view);
  const canRaise = me.abilities['issue.raise'];
  const filtered = hasFilters(view);
  const columns = useRegisterColumns();
  // 一括操作: the secretariat's; the selection starts again with every new filter, order or page.
  const allSelection = useSelection(JSON.stringify(view));
  const selection = me.abilities['issue.transition'] ? allSelection : undefined;

  return (
    <div className="register-list-page">
      <header className="page-header register-header">
        <div>
          <p className="page-header__eyebrow">{rt('register.list.eyebrow')}</p>
          <h1>{rt('register.list.title')}</h1>
          <p className="lead">{rt('register.list.lead')}</p>
        </div>
        {canRaise && (
          <Link className="button button--primary" to="/register/new">
            <span aria-hidden="true">＋</span>
            {rt('register.list.raise')}
          </Link>
        )}
      </header>
      <RegisterTabs />
      <SavedViews view={view} />
      <IssueFilterPanel view={view} update={update} clearFilters={clearFilters} />
      <section aria-labelledby="register-results-title" className="register-results">
        <h2 id="register-results-title" className="visually-hidden">
          {rt('register.list.results')}
        </h2>
        <div className="register-results__bar">
          <p className="result-count" role="status">
            {list.data
              ? list.data.total === 0
                ? rt('register.list.countNone')
                : rt('register.list.count', {
                    total: list.data.total,
                    from: (list.data.page - 1) * list.data.pageSize + 1,
                    to: Math.min(list.data.total, list.data.page * list.data.pageSize),
                  })
              : ''}
          </p>
          <div className="register-results__tools">
            <ColumnChooser shown={columns.shown} toggle={columns.toggle} />
            <ExportButtons filters={filtersOf(view)} />
          </div>
        </div>
        {list.isPending ? (
          <LoadingState />
        ) : list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.issues.length === 0 && list.data.total > 0 ? (
          <div className="state-panel">
            <p>{rt('register.list.pastLastPage')}</p>
            <button type="button" className="button button--secondary" onClick={() => update({ page: 1 })}>
              {rt('pagination.first')}
            </button>
          </div>
        ) : list.data.issues.length === 0 ? (
          <div className="state-panel">
            <p>{filtered ? rt('register.list.noMatch') : rt('register.list.empty')}</p>
            {filtered ? (
              <button type="button" className="button button--secondary" onClick={clearFilters}>
                {rt('register.filters.clear')}
              </button>
            ) : (
              canRaise && (
                <p>
                  <Link to="/register/new">{rt('register.list.emptyRaise')}</Link>
                </p>
              )
            )}
          </div>
        ) : (
          <>
            {list.isError && (
              <p className="field__error" role="alert">
                {rt('register.list.refreshFailed')}
              </p>
            )}
            {selection && <BulkActions issues={list.data.issues} selection={selection} />}
            <IssueTable
              issues={list.data.issues}
              selection={selection}
              sort={view.sort}
              onSort={(sort) => update({ sort })}
              busy={list.isPlaceholderData}
              columns={columns.shown}
            />
            <IssueCards issues={list.data.issues} columns={columns.shown} busy={list.isPlaceholderData} selection={selection} />
            <Pagination
              page={list.data.page}
              pageSize={list.data.pageSize}
              total={list.data.total}
              onPage={(page) => update({ page })}
              pageSizes={PAGE_SIZES}
              onPageSize={(pageSize) => update({ pageSize })}
            />
          </>
        )}
      </section>
    </div>
  );
}
