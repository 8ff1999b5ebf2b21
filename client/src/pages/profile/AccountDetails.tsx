import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@client/components/CurrentUser';
import { DateTimeText } from '@client/components/DateTimeText';
import { EmailAddress } from '@client/components/EmailAddress';
import { useLanguage } from '@client/i18n/useLanguage';

/** The signed-in person's own account, read-only. */
export function AccountDetails() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const me = useCurrentUser();
  const rows = [
    { label: t('profile.displayName'), value: <span data-user-content>{me.displayName}</span> },
    { label: t('profile.email'), value: <EmailAddress email={me.email} /> },
    {
      label: t('profile.organization'),
      value: <Link to={`/organizations/${me.organization.id}`}>{language === 'ja' ? me.organization.nameJa : me.organization.nameEn}</Link>,
    },
    { label: t('profile.role'), value: t(`roles.${me.role}`) },
    { label: t('profile.persona'), value: t(`personas.${me.persona}`) },
    // The last sign-in is this session; the one before it is what a person can check was theirs.
    { label: t('profile.lastLogin'), value: <DateTimeText iso={me.previousLoginAt} fallback={t('profile.firstLogin')} /> },
    { label: t('profile.createdAt'), value: <DateTimeText iso={me.createdAt} dateOnly /> },
  ];
  return (
    <dl className="facts card">
      {rows.map((row) => (
        <div key={row.label} className="facts__row">
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
