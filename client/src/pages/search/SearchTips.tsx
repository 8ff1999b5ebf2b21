import { useTranslation } from 'react-i18next';
import { withUserContent } from '@client/components/withUserContent';

/** Nothing matched: say so with the query as typed, and how the query language can help. */
export function NoResults({ q, filtered }: { q: string; filtered: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="state-panel search-none">
      <p className="state-panel__title">{withUserContent((slot) => t('search.page.none', { q: slot }), q)}</p>
      {filtered && <p>{t('search.page.noneFiltered')}</p>}
      <SearchTips />
    </div>
  );
}

/** AND, phrases, exclusion and issue numbers, in a sentence each. */
export function SearchTips() {
  const { t } = useTranslation();
  return (
    <>
      <h2 className="search-tips__title">{t('search.page.tipsTitle')}</h2>
      <ul className="search-tips">
        <li>{t('search.page.tipAnd')}</li>
        <li>{t('search.page.tipPhrase')}</li>
        <li>{t('search.page.tipExclude')}</li>
        <li>{t('search.page.tipNumber')}</li>
      </ul>
    </>
  );
}
