import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchResult } from '@shared/schemas/search';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { Notice } from '@client/components/Notice';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useEverythingSearch, type SearchParams } from '@client/queries/search';
import { groupResults } from './groups';
import { SearchResultItem } from './SearchResultItem';
import { NoResults } from './SearchTips';

const keyOf = (result: SearchResult) => `${result.kind}:${result.id}`;

/**
 * The results so far, grouped by kind (SEARCH_GROUPS' order), and "さらに表示" for the next page: the groups grow,
 * and focus moves to the first result the click brought. A page the search cut short (`partial`) says so.
 */
export function SearchResults({ params, filtered }: { params: SearchParams; filtered: boolean }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const search = useEverythingSearch(params);
  const [focusKey, setFocusKey] = useState<string | null>(null);

  if (search.isPending) return <LoadingState />;
  if (search.isError && !search.data) return <ErrorState error={search.error} onRetry={() => void search.refetch()} />;

  const pages = search.data.pages;
  const results = pages.flatMap((page) => page.results);
  const understood = pages[0]?.understood;
  const partial = pages.at(-1)?.partial ?? false;

  async function loadMore() {
    const before = results.length;
    const next = await search.fetchNextPage();
    const first = next.data?.pages.flatMap((page) => page.results)[before];
    if (first) setFocusKey(keyOf(first));
  }

  return (
    <section className="search-results" aria-label={t('search.page.results')}>
      {understood?.truncated && <Notice tone="info">{t('search.page.truncated')}</Notice>}
      {understood && understood.excluded.length > 0 && (
        <p className="muted" data-user-content>
          {t('search.page.excluded', { words: understood.excluded.join(' ') })}
        </p>
      )}
      {results.length === 0 && !search.hasNextPage ? (
        <NoResults q={params.q} filtered={filtered} />
      ) : (
        <>
          <p className="result-count" role="status">
            {results.length === 0
              ? t('search.page.notYet')
              : search.hasNextPage
                ? t('search.page.shownMore', { count: results.length })
                : t('search.page.shown', { count: results.length })}
          </p>
          {groupResults(results).map(({ group, results: inGroup }) => (
            <section key={group} className="search-group" aria-labelledby={`search-group-${group}`}>
              <h2 id={`search-group-${group}`} className="search-group__title">
                {t(`search.groups.${group}`)}{' '}
                <span className="search-group__count">{t('search.page.groupCount', { count: inGroup.length })}</span>
              </h2>
              <ul className="search-group__list">
                {inGroup.map((result) => (
                  <SearchResultItem key={keyOf(result)} result={result} focus={keyOf(result) === focusKey} />
                ))}
              </ul>
            </section>
          ))}
          {partial && search.hasNextPage && results.length > 0 && <p className="muted">{t('search.page.partial')}</p>}
          {search.isFetchNextPageError && (
            <p className="field__error" role="alert">
              {errorMessage(search.error)}
            </p>
          )}
          {search.hasNextPage && (
            <p className="load-more">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void loadMore()}
                disabled={search.isFetchingNextPage}
                aria-busy={search.isFetchingNextPage || undefined}
              >
                {search.isFetchingNextPage ? t('search.page.loadingMore') : t('search.page.loadMore')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
