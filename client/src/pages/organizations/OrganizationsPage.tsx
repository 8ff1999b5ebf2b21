import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@client/components/usePageTitle';
import { LoadingState } from '@client/components/LoadingState';
import { ErrorState } from '@client/components/ErrorState';
import { useOrganizations } from '@client/queries/organizations';
import { OrganizationList } from './OrganizationList';
import { VendorSection } from './VendorSection';
import { ObserverSection } from './ObserverSection';

/** The directory: secretariat, member vendors, observers. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('organizations.title'));
  // One request holds all of them (< 200), so every filter below runs in the browser.
  const directory = useOrganizations();

  return (
    <>
      <header className="page-header">
        <h1>{t('organizations.title')}</h1>
        <p className="lead">{t('organizations.lead')}</p>
      </header>
      {directory.isPending ? (
        <LoadingState />
      ) : directory.isError ? (
        <ErrorState error={directory.error} onRetry={() => void directory.refetch()} />
      ) : (
        <>
          <section className="section" aria-labelledby="secretariat-title">
            <h2 id="secretariat-title">{t('organizations.secretariat')}</h2>
            <OrganizationList organizations={directory.data.organizations.filter((o) => o.kind === 'secretariat')} />
          </section>
          <VendorSection
            vendors={directory.data.organizations.filter((o) => o.kind === 'vendor')}
            counts={directory.data.counts.byVendorType}
          />
          <ObserverSection observers={directory.data.organizations.filter((o) => o.kind === 'observer')} />
        </>
      )}
    </>
  );
}
