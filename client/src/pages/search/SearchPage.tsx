import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_QUERY_LENGTH } from '@shared/search/textQuery';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { usePageTitle } from '@client/components/usePageTitle';
import { withUserContent } from '@client/components/withUserContent';
import { SearchFilters } from './SearchFilters';
import { SearchResults } from './SearchResults';
import { SearchTips } from './SearchTips';
import { filterCount, useSearchUrl } from './useSearchUrl';
import './search.css';

/** /search?q=&kinds=&from=&to=&area=&organization=&status=&sort=: everything the reader may read that matches. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, update] = useSearchUrl();
  const { q } = params;
  usePageTitle(q ? t('search.page.titleWithQuery', { q }) : t('search.page.title'));

  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('search.page.eyebrow')}</p>
        <h1>{q ? withUserContent((slot) => t('search.page.titleWithQuery', { q: slot }), q) : t('search.page.title')}</h1>
      </header>
      <QueryForm key={q} initial={q} onSearch={(next) => update({ q: next })} />
      <SearchFilters params={params} onChange={update} />
      {q ? (
        <SearchResults params={params} filtered={filterCount(params) > 0} />
      ) : (
        <div className="state-panel">
          <p>{t('search.page.prompt')}</p>
          <SearchTips />
        </div>
      )}
    </>
  );
}

/** The query itself: searched when submitted (Enter, or the button), never by an Enter that confirms a conversion. */
function QueryForm({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(initial);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (q.trim()) onSearch(q.trim());
  }

  return (
    <form
      role="search"
      aria-label={t('search.page.label')}
      className="search-query"
      onSubmit={submit}
      onKeyDown={preventSubmitWhileComposing}
    >
      <label className="field__label" htmlFor="search-query">
        {t('search.page.label')}
      </label>
      <div className="search-query__row">
        <input
          id="search-query"
          type="search"
          className="input"
          enterKeyHint="search"
          value={q}
          maxLength={MAX_QUERY_LENGTH}
          onChange={(event) => setQ(event.target.value)}
        />
        <button type="submit" className="button button--primary">
          {t('search.page.submit')}
        </button>
      </div>
    </form>
  );
}
