import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@client/components/usePageTitle';
import { LoadingState } from '@client/components/LoadingState';
import { ErrorState } from '@client/components/ErrorState';
import { useOrganizations } from '@client/queries/organizations';
import { OrganizationList } from './OrganizationList';
import { VendorSection } from './VendorSection';
import { ObserverSection } from './ObserverSection';

/**
 * The directory: the secretariat and the observers (a dozen, read whole) first, then the member
 * vendors (180-odd) a page at a time, filtered and paged by the server.
 */
export function OrganizationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('organizations.title'));
  const secretariat = useOrganizations({ kind: 'secretariat' });
  const observers = useOrganizations({ kind: 'observer' });
  const loadingAbove = secretariat.isPending || observers.isPending;
  const retry = () => {
    void secretariat.refetch();
    void observers.refetch();
  };

  return (
    <>
      <header className="page-header">
        <h1>{t('organizations.title')}</h1>
        <p className="lead">{t('organizations.lead')}</p>
      </header>
      {loadingAbove ? (
        <LoadingState />
      ) : secretariat.isError ? (
        <ErrorState error={secretariat.error} onRetry={retry} />
      ) : observers.isError ? (
        <ErrorState error={observers.error} onRetry={retry} />
      ) : (
        <>
          <section className="section" aria-labelledby="secretariat-title">
            <h2 id="secretariat-title">{t('organizations.secretariat')}</h2>
            <OrganizationList organizations={secretariat.data.organizations} />
          </section>
          <ObserverSection observers={observers.data.organizations} />
        </>
      )}
      <VendorSection held={loadingAbove} />
    </>
  );
}
