import { useTranslation } from 'react-i18next';
import type { Organization } from '@shared/schemas/organizations';
import { OrganizationName } from '@client/components/OrganizationName';

/** A short list of organisations as cards (secretariat, ministries, bodies). */
export function OrganizationList({ organizations }: { organizations: Organization[] }) {
  const { t } = useTranslation();
  if (organizations.length === 0) return <p className="muted">{t('organizations.empty')}</p>;
  return (
    <ul className="org-cards">
      {organizations.map((organization) => (
        <li key={organization.id} className="org-card">
          <OrganizationName organization={organization} />
        </li>
      ))}
    </ul>
  );
}
