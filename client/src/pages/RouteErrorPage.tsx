import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NotFoundPage } from './NotFoundPage';

/** Shown when rendering a route throws: a calm message instead of a blank screen. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <main id="main-content" className="main">
        <div className="container">
          <NotFoundPage />
        </div>
      </main>
    );
  }
  return (
    <main id="main-content" className="main">
      <div className="container">
        <section className="state-panel" role="alert" aria-labelledby="route-error-title">
          <h1 id="route-error-title">{t('routeError.title')}</h1>
          <p>{t('routeError.body')}</p>
          <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
            {t('routeError.reload')}
          </button>
        </section>
      </div>
    </main>
  );
}
