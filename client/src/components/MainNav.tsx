import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUnreadThreadCount } from '@client/queries/unread';
import { useCurrentUser } from './CurrentUser';

/** The main sections; account management and the audit log only for those who may use them. */
export function MainNav() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const unread = useUnreadThreadCount();
  const items = [
    { to: '/threads', label: t('nav.threads'), badge: unread },
    { to: '/register', label: t('nav.register') },
    { to: '/meetings', label: t('nav.meetings') },
    { to: '/announcements', label: t('announcements.nav') },
    { to: '/status', label: t('status.nav') },
    { to: '/organizations', label: t('nav.organizations') },
    ...(me.abilities['account.manage'] ? [{ to: '/accounts', label: t('nav.accounts') }] : []),
    ...(me.abilities['audit.read'] ? [{ to: '/audit', label: t('audit.nav') }] : []),
  ];

  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul className="main-nav__list">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} className="main-nav__link">
              {item.label}
              {'badge' in item && item.badge ? (
                <span className="main-nav__badge">
                  <span aria-hidden="true">{item.badge > 99 ? '99+' : item.badge}</span>
                  <span className="visually-hidden">{t('nav.unreadThreads', { count: item.badge })}</span>
                </span>
              ) : null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
