import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '@shared/schemas/threads';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { usePageTitle } from '@client/components/usePageTitle';
import { useThreadSearch } from '@client/queries/search';
import { SearchHitItem } from './SearchHitItem';
import { ThreadSearchForm } from './ThreadSearchForm';

function HitSection({ id, title, hits }: { id: string; title: string; hits: SearchHit[] }) {
  const { t } = useTranslation();
  return (
    <section className="section search-results" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {hits.length === 0 ? (
        <p className="muted">{t('threads.search.none')}</p>
      ) : (
        <ul className="search-hits">
          {hits.map((hit) => (
            <SearchHitItem key={hit.message?.id ?? hit.thread.id} hit={hit} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** /threads/search?q=: matching thread titles and message text, matches highlighted. */
export function ThreadSearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const results = useThreadSearch(q);
  const title = q ? t('threads.search.titleWithQuery', { q }) : t('threads.search.title');
  usePageTitle(title);

  return (
    <>
      <p className="back-link">
        <Link to="/threads">← {t('threads.search.back')}</Link>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('threads.title')}</p>
        <h1>{title}</h1>
      </header>
      <ThreadSearchForm key={q} initialQuery={q} />
      {!q ? (
        <p>{t('threads.search.prompt')}</p>
      ) : results.isPending ? (
        <LoadingState />
      ) : results.isError ? (
        <ErrorState error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <>
          <HitSection
            id="search-threads"
            title={t('threads.search.threads', { count: results.data.threads.length })}
            hits={results.data.threads}
          />
          <HitSection
            id="search-messages"
            title={t('threads.search.messages', { count: results.data.messages.length })}
            hits={results.data.messages}
          />
        </>
      )}
    </>
  );
}
