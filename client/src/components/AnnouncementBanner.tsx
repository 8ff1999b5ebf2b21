import { useEffect, useId } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { usePendingAnnouncements } from '@client/queries/announcements';
import { listenForAnnouncementEvents } from '@client/realtime/announcementEvents';
import { useRealtimeSocket } from '@client/realtime/useRealtime';
import { useCurrentUser } from './CurrentUser';
import { DateTimeText } from './DateTimeText';
import './AnnouncementBanner.css';

/** The banner shows this many; the rest are one link away (the list's 未確認 filter). */
const SHOWN = 3;

/**
 * On every signed-in page: the announcements the reader's organisation has been asked to confirm and
 * has not, each a link to where it is confirmed. It follows the server live: when anyone in the
 * organisation confirms (`announcement.confirmed` to the organisation's room), or an announcement is
 * published or withdrawn (`announcement.changed`), it is fetched again and goes or comes.
 */
export function AnnouncementBanner() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const socket = useRealtimeSocket();
  const queryClient = useQueryClient();
  const titleId = useId();
  useEffect(() => (socket ? listenForAnnouncementEvents(socket, queryClient) : undefined), [socket, queryClient]);
  const confirms = me.abilities['announcement.confirm'];
  const pending = usePendingAnnouncements(confirms);
  const items = pending.data?.announcements ?? [];
  // Nothing to ask (or not known yet, or failed: the list page says so): the banner takes no room.
  if (!confirms || items.length === 0) return null;

  return (
    <section className="notice notice--warning announcement-banner" aria-labelledby={titleId}>
      <p id={titleId} className="notice__title">
        {t('announcements.banner.label')}
      </p>
      <p>{t('announcements.banner.lead', { count: items.length })}</p>
      <ul className="announcement-banner__list">
        {items.slice(0, SHOWN).map((a) => (
          <li key={a.id} className="announcement-banner__item">
            {a.importance === 'high' && <span className="badge announcement-importance">{t('announcements.banner.important')}</span>}
            <Link to={`/announcements/${a.id}`} data-user-content>
              {a.title}
            </Link>
            {a.deadline && (
              <span className="announcement-banner__deadline">
                {t('announcements.banner.deadline')}: <DateTimeText iso={a.deadline} />
              </span>
            )}
          </li>
        ))}
      </ul>
      {items.length > SHOWN && (
        <p>
          <Link to="/announcements?unconfirmed=true">{t('announcements.banner.all')}</Link>
        </p>
      )}
    </section>
  );
}
