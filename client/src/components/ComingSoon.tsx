import { useTranslation } from 'react-i18next';
import { usePageTitle } from './usePageTitle';

interface Props {
  title: string;
  subtitle: string;
  lead: string;
}

/** A forum page that is not built yet: says what it will be for. */
export function ComingSoon({ title, subtitle, lead }: Props) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <>
      <header className="page-header">
        <p className="page-header__eyebrow">{subtitle}</p>
        <h1>{title}</h1>
      </header>
      <section className="state-panel state-panel--soon" aria-labelledby="coming-soon-title">
        <p className="lead">{lead}</p>
        <h2 id="coming-soon-title" className="state-panel__title">
          {t('forums.comingSoon')}
        </h2>
        <p>{t('forums.comingSoonBody')}</p>
      </section>
    </>
  );
}
