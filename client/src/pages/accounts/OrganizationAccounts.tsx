import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '@shared/schemas/organizations';
import { LoadingState } from '@client/components/LoadingState';
import { ErrorState } from '@client/components/ErrorState';
import { useCurrentUser } from '@client/components/CurrentUser';
import { useLanguage } from '@client/i18n/useLanguage';
import { useOrganizationUsers, type UserCreatedResponse } from '@client/queries/users';
import { UserTable } from './UserTable';
import { CreateUserForm } from './CreateUserForm';
import { TemporaryPasswordNotice } from './TemporaryPasswordNotice';
import { ActionResult, type Result } from './ActionResult';
import { EmailDomains } from './EmailDomains';

/** One organisation's accounts: the table, the result of the last action, its e-mail domains and the add form. */
export function OrganizationAccounts({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const me = useCurrentUser();
  const users = useOrganizationUsers(organization.id);
  const [result, setResult] = useState<Result | null>(null);
  const [created, setCreated] = useState<UserCreatedResponse | null>(null);
  const name = language === 'ja' ? organization.nameJa : organization.nameEn;

  return (
    <section className="section" aria-labelledby="org-accounts-title">
      <h2 id="org-accounts-title">{t('accounts.table.caption', { organization: name })}</h2>
      <ActionResult result={result} />
      {created && <TemporaryPasswordNotice key={created.user.id} created={created} onDismiss={() => setCreated(null)} />}
      {users.isPending ? (
        <LoadingState />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <UserTable users={users.data.users} organization={organization} caption={name} onResult={setResult} />
      )}
      <EmailDomains organization={organization} editable={me.abilities['organization.manage']} />
      <CreateUserForm
        organization={organization}
        onCreated={(response) => {
          setResult(null);
          setCreated(response);
        }}
      />
    </section>
  );
}
