import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '@client/components/LoadingState';
import { ErrorState } from '@client/components/ErrorState';
import { useOrganizations } from '@client/queries/organizations';
import { OrganizationPicker } from './OrganizationPicker';
import { OrganizationAccounts } from './OrganizationAccounts';

/** The secretariat chooses an organisation (kept in ?org= so the page can be linked to). */
export function SecretariatAccounts() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const directory = useOrganizations();
  const selectedId = params.get('org');

  if (directory.isPending) return <LoadingState />;
  if (directory.isError) return <ErrorState error={directory.error} onRetry={() => void directory.refetch()} />;

  const selected = directory.data.organizations.find((o) => o.id === selectedId);
  return (
    <>
      <OrganizationPicker
        organizations={directory.data.organizations}
        selectedId={selected?.id ?? null}
        onSelect={(id) => setParams(id ? { org: id } : {})}
      />
      {selected ? (
        <OrganizationAccounts key={selected.id} organization={selected} />
      ) : (
        <p className="muted">{t('accounts.picker.prompt')}</p>
      )}
    </>
  );
}
