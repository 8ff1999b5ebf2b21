import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@client/components/usePageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <section className="state-panel" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('common.backToTop')}</Link>
      </p>
    </section>
  );
}
