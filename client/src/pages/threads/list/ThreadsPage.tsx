import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@client/components/CurrentUser';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { usePageTitle } from '@client/components/usePageTitle';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { TabLinks } from '@client/components/TabLinks';
import { useThreadList } from '@client/queries/threads';
import { NEW_THREAD_DAYS, THREAD_LIST_VIEWS } from '@shared/threads/rules';
import { readableVisibilities } from '../common/readableVisibilities';
import { ConnectionBanner } from '@client/components/ConnectionBanner';
import { ThreadFilterBar } from './ThreadFilterBar';
import { ThreadListItem } from './ThreadListItem';
import { filtersSearch, useThreadFilters } from './useThreadFilters';

/** /threads: the threads this person may read, pinned first, then by last activity, under tabs (?view=): all, new, unread, following, muted. */
export function ThreadsPage() {
  const { t } = useTranslation();
  usePageTitle(t('threads.title'));
  const me = useCurrentUser();
  const errorMessage = useErrorMessage();
  const [filters, setFilters] = useThreadFilters();
  const list = useThreadList(filters);
  const threads = list.data?.pages.flatMap((page) => page.threads) ?? [];
  const view = filters.view ?? 'all';
  const filtered = Object.keys(filters).some((key) => key !== 'view');
  const canCreate = me.abilities['thread.create'];

  return (
    <>
      <ConnectionBanner />
      <header className="page-header page-header--with-action">
        <div>
          <p className="page-header__eyebrow">{t('threads.subtitle')}</p>
          <h1>{t('threads.title')}</h1>
          <p className="lead">{t('threads.lead')}</p>
        </div>
        {canCreate && (
          <Link className="button button--primary" to="/threads/new">
            <span aria-hidden="true">＋</span>
            {t('threads.newThread')}
          </Link>
        )}
      </header>
      <TabLinks
        className="thread-tabs"
        label={t('threads.list.tabsLabel')}
        tabs={THREAD_LIST_VIEWS}
        current={view}
        searchFor={(tab) => filtersSearch({ ...filters, view: tab })}
        labelFor={(tab) => t(`threads.list.tabs.${tab}`)}
      />
      <ThreadFilterBar filters={filters} readable={readableVisibilities(me)} onChange={setFilters} />
      <section aria-labelledby="thread-list-title">
        <h2 id="thread-list-title" className="visually-hidden">
          {t('threads.list.heading')}
        </h2>
        {list.isPending ? (
          <LoadingState />
        ) : list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : threads.length === 0 ? (
          <div className="state-panel">
            <p>
              {filtered
                ? t('threads.list.noMatch')
                : view === 'all'
                  ? t('threads.list.empty')
                  : t(`threads.list.emptyView.${view}`, { days: NEW_THREAD_DAYS })}
            </p>
            {!filtered && view === 'all' && canCreate && (
              <p>
                <Link to="/threads/new">{t('threads.list.emptyCreate')}</Link>
              </p>
            )}
          </div>
        ) : (
          <>
            <p className="result-count" role="status">
              {list.hasNextPage
                ? t('threads.list.shownMore', { count: threads.length })
                : t('threads.list.shown', { count: threads.length })}
            </p>
            <ul className="thread-list">
              {threads.map((thread) => (
                <ThreadListItem key={thread.id} thread={thread} />
              ))}
            </ul>
            {list.isFetchNextPageError && (
              <p className="field__error" role="alert">
                {errorMessage(list.error)}
              </p>
            )}
            {list.hasNextPage && (
              <p className="load-more">
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void list.fetchNextPage()}
                  disabled={list.isFetchingNextPage}
                  aria-busy={list.isFetchingNextPage || undefined}
                >
                  {list.isFetchingNextPage ? t('threads.list.loadingMore') : t('threads.list.loadMore')}
                </button>
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}
