import { useRef } from 'react';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RealtimeSession } from '@client/realtime/RealtimeSession';
import { MeetingNotices } from '@client/pages/meetings/MeetingNotices';
import { AnnouncementBanner } from './AnnouncementBanner';
import { useCurrentUser } from './CurrentUser';
import { SiteHeader } from './SiteHeader';
import { SiteFooter } from './SiteFooter';
import { useFocusHeadingOnNavigate } from './useFocusHeadingOnNavigate';

/** The frame around every signed-in page. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const mainRef = useRef<HTMLElement>(null);
  useFocusHeadingOnNavigate(mainRef);

  return (
    <div className="app">
      <a className="skip-link" href="#main-content">
        {t('skipLink')}
      </a>
      <RealtimeSession userId={me.id} />
      <SiteHeader />
      <main id="main-content" ref={mainRef} className="main" tabIndex={-1}>
        <div className="container">
          <AnnouncementBanner />
          <MeetingNotices />
          <Outlet />
        </div>
      </main>
      <SiteFooter />
    </div>
  );
}
