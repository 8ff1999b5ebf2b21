import { useCurrentUser } from '@client/components/CurrentUser';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { NotPermitted } from '@client/components/NotPermitted';
import { usePageTitle } from '@client/components/usePageTitle';
import { useAuditLog } from '@client/queries/audit';
import { AuditExportLinks } from './AuditExportLinks';
import { AuditFilterPanel } from './AuditFilterPanel';
import { AuditTable } from './AuditTable';
import { ChainCheck } from './ChainCheck';
import { useAuditT } from './useAuditT';
import { hasAuditFilters, useAuditFilters } from './useAuditFilters';
import './audit.css';

/** /audit: the secretariat's view of the audit log, its exports and the tamper check. */
export function AuditPage() {
  const at = useAuditT();
  usePageTitle(at('audit.title'));
  const me = useCurrentUser();
  if (!me.abilities['audit.read']) return <NotPermitted title={at('notPermitted.audit.title')} body={at('notPermitted.audit.body')} />;

  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">{at('audit.eyebrow')}</p>
        <h1>{at('audit.title')}</h1>
        <p className="lead">{at('audit.lead')}</p>
      </header>
      <AuditLog />
    </>
  );
}

function AuditLog() {
  const at = useAuditT();
  const filterState = useAuditFilters();
  const { filters, clear } = filterState;
  const log = useAuditLog(filters);
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];
  const filtered = hasAuditFilters(filters);

  return (
    <>
      <ChainCheck />
      <AuditFilterPanel {...filterState} />
      <section aria-labelledby="audit-results-title" className="audit-results">
        <h2 id="audit-results-title" className="visually-hidden">
          {at('audit.table.results')}
        </h2>
        <div className="register-results__bar">
          <p className="result-count" role="status">
            {log.data && entries.length > 0
              ? log.hasNextPage
                ? at('audit.table.shown', { count: entries.length })
                : at('audit.table.shownAll', { count: entries.length })
              : ''}
          </p>
          <AuditExportLinks filters={filters} />
        </div>
        {log.isPending ? (
          <LoadingState />
        ) : log.isError && !log.data ? (
          <ErrorState error={log.error} onRetry={() => void log.refetch()} />
        ) : entries.length === 0 ? (
          <div className="state-panel">
            <p>{filtered ? at('audit.table.noMatch') : at('audit.table.empty')}</p>
            {filtered && (
              <button type="button" className="button button--secondary" onClick={clear}>
                {at('audit.filters.clear')}
              </button>
            )}
          </div>
        ) : (
          <>
            <AuditTable entries={entries} />
            {log.isFetchNextPageError && (
              <p className="field__error" role="alert">
                {at('audit.table.loadMoreFailed')}
              </p>
            )}
            {log.hasNextPage && (
              <p className="audit-more">
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={log.isFetchingNextPage}
                  aria-busy={log.isFetchingNextPage || undefined}
                  onClick={() => void log.fetchNextPage()}
                >
                  {log.isFetchingNextPage ? at('audit.table.loadingMore') : at('audit.table.loadMore')}
                </button>
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}
