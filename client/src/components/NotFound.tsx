import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { WayBack } from './WayBack';

/**
 * The one not-found state, for an unknown route and for anything the API answers 404 for: what is
 * missing (when the page knows) and a way back, never a retry (loading it again finds nothing).
 */
export function NotFound({ detail, back }: { detail?: string; back?: WayBack }) {
  const { t } = useTranslation();
  return (
    <section className="state-panel" aria-labelledby="not-found-title">
      <h1 id="not-found-title">{t('notFound.title')}</h1>
      <p>{detail ?? t('notFound.body')}</p>
      <p>
        <Link to={back?.to ?? '/'}>{back?.label ?? t('common.backToTop')}</Link>
      </p>
    </section>
  );
}
