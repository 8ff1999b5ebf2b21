import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUnreadNotificationCount } from '@client/queries/notifications';

/** What the badge shows: more than 99 is 99+. */
const badgeText = (count: number) => (count > 99 ? '99+' : String(count));

/**
 * The bell in the header: a link to the inbox whose name says how many are unread
 * (「通知 3件未読」), with the count as a badge. Kept current by realtime/notificationEvents.ts.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadNotificationCount();
  return (
    <NavLink
      to="/notifications"
      end
      className={unread > 0 ? 'notification-bell notification-bell--unread' : 'notification-bell'}
      aria-label={unread > 0 ? t('notifications.bell.unread', { count: unread }) : t('notifications.bell.none')}
    >
      <svg className="notification-bell__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Zm-2 1H7v-6a5 5 0 0 1 10 0v6Z"
        />
      </svg>
      {unread > 0 && (
        <span className="notification-bell__badge" aria-hidden="true">
          {badgeText(unread)}
        </span>
      )}
    </NavLink>
  );
}
