import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLogout } from '@client/queries/me';
import { useLanguage } from '@client/i18n/useLanguage';
import { useCurrentUser } from './CurrentUser';
import { useEndSession } from './useEndSession';

/** Who is signed in, a link to their profile, and sign-out. */
export function SignedInUser() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const me = useCurrentUser();
  const logout = useLogout();
  const endSession = useEndSession();
  const organization = language === 'ja' ? me.organization.nameJa : me.organization.nameEn;

  // Even if the request fails (server unreachable), this browser forgets the session.
  const signOut = () => logout.mutate(undefined, { onSettled: () => void endSession('loggedOut') });

  return (
    <div className="signed-in-user">
      <Link to="/profile" className="signed-in-user__profile" aria-label={`${t('nav.profile')}: ${me.displayName}, ${organization}`}>
        <span className="signed-in-user__name" data-user-content>
          {me.displayName}
        </span>
        <span className="signed-in-user__org">{organization}</span>
      </Link>
      <button type="button" className="button button--secondary button--small" onClick={signOut} disabled={logout.isPending}>
        {logout.isPending ? t('nav.loggingOut') : t('nav.logout')}
      </button>
    </div>
  );
}
