import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@client/components/usePageTitle';
import { useCurrentUser } from '@client/components/CurrentUser';
import { NotPermitted } from '@client/components/NotPermitted';
import { useLanguage } from '@client/i18n/useLanguage';
import { OrganizationAccounts } from './OrganizationAccounts';
import { SecretariatAccounts } from './SecretariatAccounts';

/** Org admins manage their own organisation's accounts; the secretariat picks any organisation. */
export function AccountsPage() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const me = useCurrentUser();
  usePageTitle(t('accounts.title'));
  const isSecretariat = me.persona === 'secretariat';
  const ownName = language === 'ja' ? me.organization.nameJa : me.organization.nameEn;
  if (!me.abilities['account.manage']) {
    return (
      <NotPermitted
        title={t('notPermitted.accounts.title')}
        body={t('notPermitted.accounts.body')}
        back={{ to: '/profile', label: t('notPermitted.accounts.back') }}
      />
    );
  }

  return (
    <>
      <header className="page-header">
        <h1>{t('accounts.title')}</h1>
        <p className="lead">{isSecretariat ? t('accounts.leadSecretariat') : t('accounts.leadOrgAdmin', { organization: ownName })}</p>
      </header>
      {isSecretariat ? <SecretariatAccounts /> : <OrganizationAccounts organization={me.organization} />}
    </>
  );
}
