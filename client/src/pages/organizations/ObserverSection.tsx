import { useTranslation } from 'react-i18next';
import type { Organization } from '@shared/schemas/organizations';
import { OrganizationList } from './OrganizationList';

/** オブザーバー: the ministries (府省) and the related bodies (関係団体), listed apart. */
export function ObserverSection({ observers }: { observers: Organization[] }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="observers-title">
      <h2 id="observers-title">{t('organizations.observers')}</h2>
      <h3 id="ministries-title">{t('organizations.ministries')}</h3>
      <OrganizationList organizations={observers.filter((o) => o.observerKind === 'ministry')} />
      <h3 id="bodies-title">{t('organizations.bodies')}</h3>
      <OrganizationList organizations={observers.filter((o) => o.observerKind !== 'ministry')} />
    </section>
  );
}
