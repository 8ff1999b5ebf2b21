import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { SiteFooter } from './SiteFooter';

/** The frame for pages seen before signing in. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="app">
      <a className="skip-link" href="#main-content">
        {t('skipLink')}
      </a>
      <header className="site-header">
        <div className="container site-header__bar">
          <div className="site-header__brand">
            <span className="site-header__mark" aria-hidden="true" />
            <span>
              <span className="site-header__name">{t('app.councilShort')}</span>
              <span className="site-header__full">{t('app.councilFull')}</span>
            </span>
          </div>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main-content" className="main" tabIndex={-1}>
        <div className="container">{children}</div>
      </main>
      <SiteFooter />
    </div>
  );
}
