import { useTranslation } from 'react-i18next';

/** What a person sees where they lack the permission (the server refuses anyway). */
export function NotPermitted() {
  const { t } = useTranslation();
  return (
    <section className="state-panel" aria-labelledby="not-permitted-title">
      <h2 id="not-permitted-title" className="state-panel__title">
        {t('notPermitted.title')}
      </h2>
      <p>{t('notPermitted.body')}</p>
    </section>
  );
}
