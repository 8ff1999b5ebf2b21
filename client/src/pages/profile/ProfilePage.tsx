import { useTranslation } from 'react-i18next';
import { usePageTitle } from '@client/components/usePageTitle';
import { LanguageSwitch } from '@client/components/LanguageSwitch';
import { AccountDetails } from './AccountDetails';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SecuritySection } from '@client/pages/security/SecuritySection';
import { ProfileNotificationsSection } from '@client/pages/notifications/ProfileNotificationsSection';

export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.title'));
  return (
    <>
      <header className="page-header">
        <h1>{t('profile.title')}</h1>
      </header>
      <section className="section" aria-labelledby="profile-details-title">
        <h2 id="profile-details-title">{t('profile.details')}</h2>
        <AccountDetails />
      </section>
      <section className="section" aria-labelledby="profile-language-title">
        <h2 id="profile-language-title">{t('profile.language')}</h2>
        <p className="muted">{t('language.note')}</p>
        <LanguageSwitch />
      </section>
      <ProfileNotificationsSection />
      <section className="section" aria-labelledby="profile-password-title">
        <h2 id="profile-password-title">{t('profile.password.title')}</h2>
        <ChangePasswordForm />
      </section>
      <section className="section" id="security" aria-labelledby="profile-security-title">
        <h2 id="profile-security-title">{t('mfa.name')}</h2>
        <SecuritySection />
      </section>
    </>
  );
}
