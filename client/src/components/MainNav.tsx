import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from './CurrentUser';

/** The main sections; account management only for those who may manage accounts. */
export function MainNav() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const items = [
    { to: '/threads', label: t('nav.threads') },
    { to: '/register', label: t('nav.register') },
    { to: '/meetings', label: t('nav.meetings') },
    { to: '/organizations', label: t('nav.organizations') },
    ...(me.abilities['account.manage'] ? [{ to: '/accounts', label: t('nav.accounts') }] : []),
  ];

  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul className="main-nav__list">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} className="main-nav__link">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
