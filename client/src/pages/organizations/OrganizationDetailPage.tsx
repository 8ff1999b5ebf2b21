import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@client/components/usePageTitle';
import { LoadingState } from '@client/components/LoadingState';
import { ErrorState, isDeadEnd } from '@client/components/ErrorState';
import { useCurrentUser } from '@client/components/CurrentUser';
import { useLanguage } from '@client/i18n/useLanguage';
import { useOrganization } from '@client/queries/organizations';
import { OrganizationFacts } from './OrganizationFacts';

export function OrganizationDetailPage() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const organization = useOrganization(id);
  const data = organization.data;
  usePageTitle(data ? (language === 'ja' ? data.nameJa : data.nameEn) : t('organizations.title'));

  const back = (
    <p className="back-link">
      <Link to="/organizations">← {t('organizations.detail.back')}</Link>
    </p>
  );

  if (organization.isPending) return <>{back}<LoadingState /></>;
  if (organization.isError) {
    const wayBack = { to: '/organizations', label: t('organizations.detail.back') };
    if (isDeadEnd(organization.error)) {
      return <ErrorState error={organization.error} back={wayBack} notFound={t('organizations.detail.notFound')} />;
    }
    return (
      <>
        {back}
        <ErrorState error={organization.error} onRetry={() => void organization.refetch()} />
      </>
    );
  }

  const canManageAccounts = me.persona === 'secretariat' || (me.abilities['account.manage'] && me.organization.id === organization.data.id);
  return (
    <>
      {back}
      <header className="page-header">
        <p className="page-header__eyebrow">{t(`orgKinds.${organization.data.kind}`)}</p>
        <h1>{language === 'ja' ? organization.data.nameJa : organization.data.nameEn}</h1>
      </header>
      <OrganizationFacts organization={organization.data} />
      {canManageAccounts && (
        <p>
          <Link className="button button--secondary" to={`/accounts?org=${encodeURIComponent(organization.data.id)}`}>
            {t('organizations.detail.manageAccounts')}
          </Link>
        </p>
      )}
    </>
  );
}
