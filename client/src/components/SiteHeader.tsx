import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MainNav } from './MainNav';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { HeaderSearch } from './search/HeaderSearch';
import { SignedInUser } from './SignedInUser';

/** Council name, the search box, main navigation, the signed-in person and the language switch. */
export function SiteHeader() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  // The menu is open for the page it was opened on; navigating closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === pathname;

  return (
    <header className="site-header">
      {/* One container: on wide screens it is a grid (the name and the person in one row, the menu in
          its own), so a long menu never pushes the person to a row of their own or cuts their organisation. */}
      <div className="container site-header__inner">
        <div className="site-header__bar">
          <Link to="/threads" className="site-header__brand">
            <span className="site-header__mark" aria-hidden="true" />
            <span>
              <span className="site-header__name">{t('app.councilShort')}</span>
              <span className="site-header__full">{t('app.councilFull')}</span>
            </span>
          </Link>
          {/* On every width, like the bell ("/" comes here). */}
          <HeaderSearch />
          {/* The bell stays in sight on every width: on a phone it is not folded behind the menu. */}
          <div className="site-header__actions">
            <NotificationBell />
            <button
              type="button"
              className="button button--secondary site-header__menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="site-header-panel"
              onClick={() => setOpenOn(menuOpen ? null : pathname)}
            >
              {t('nav.menu')}
            </button>
          </div>
        </div>
        <div id="site-header-panel" className={menuOpen ? 'site-header__panel is-open' : 'site-header__panel'}>
          <div className="site-header__tools">
            <SignedInUser />
            <LanguageSwitch />
          </div>
          <MainNav />
        </div>
      </div>
    </header>
  );
}
