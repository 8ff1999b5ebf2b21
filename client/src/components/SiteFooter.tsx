import { useTranslation } from 'react-i18next';

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <p className="site-footer__name">{t('app.councilFull')}</p>
        <p className="site-footer__secretariat">{t('app.secretariat')}</p>
      </div>
    </footer>
  );
}
