import { useTranslation } from 'react-i18next';
import type { Organization } from '@shared/schemas/organizations';
import { BusinessAreaTags } from '@client/components/BusinessAreaTags';

/** The organisation's registered facts as a description list. */
export function OrganizationFacts({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const kind =
    organization.kind === 'vendor' && organization.vendorType
      ? t('organizations.detail.kindWith', { kind: t('orgKinds.vendor'), detail: t(`vendorTypes.${organization.vendorType}`) })
      : organization.kind === 'observer' && organization.observerKind
        ? t('organizations.detail.kindWith', { kind: t('orgKinds.observer'), detail: t(`observerKinds.${organization.observerKind}`) })
        : t(`orgKinds.${organization.kind}`);

  return (
    <dl className="facts card">
      <div className="facts__row">
        <dt>{t('organizations.detail.nameJa')}</dt>
        <dd lang="ja" data-user-content>
          {organization.nameJa}
        </dd>
      </div>
      <div className="facts__row">
        <dt>{t('organizations.detail.nameEn')}</dt>
        <dd lang="en">{organization.nameEn}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('organizations.detail.kind')}</dt>
        <dd>{kind}</dd>
      </div>
      {organization.kind === 'vendor' && (
        <div className="facts__row">
          <dt>{t('organizations.detail.corporateNumber')}</dt>
          <dd className="numeric">{organization.corporateNumber ?? '—'}</dd>
        </div>
      )}
      <div className="facts__row">
        <dt>{t('organizations.detail.businessAreas')}</dt>
        <dd>
          {organization.businessAreas.length > 0 ? (
            <BusinessAreaTags areas={organization.businessAreas} />
          ) : (
            <span className="muted">{t('organizations.detail.noAreas')}</span>
          )}
        </dd>
      </div>
    </dl>
  );
}
