import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { describeNotification } from '@shared/notifications/describe';
import type { Notification } from '@shared/schemas/notifications';
import { DateTimeText } from '@client/components/DateTimeText';
import { PersonWithOrganization } from '@client/components/PersonWithOrganization';
import { useLanguage } from '@client/i18n/useLanguage';
import { targetPath } from '@shared/notifications/targetPath';

interface Props {
  notification: Notification;
  /** Mark it read (`true`) or unread again. */
  onMark: (id: string, read: boolean) => void;
}

/**
 * One notification: what happened (the shared describer's sentence, the same as the e-mail's), what
 * it is about, who did it and when. The sentence is the row's link: opening it (click or Enter)
 * marks it read and goes to what it is about. The sentence and its context carry people's names
 * and titles, so they are marked as what people wrote.
 */
export function NotificationRow({ notification: n, onMark }: Props) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { headline, context } = describeNotification(n, language);

  return (
    <li className={n.read ? 'notification' : 'notification notification--unread'}>
      <div className="notification__body">
        <p className="notification__headline">
          <Link
            to={targetPath(n.target)}
            className="notification__link"
            onClick={() => {
              if (!n.read) onMark(n.id, true);
            }}
          >
            {!n.read && <span className="notification__unread-mark">{t('notifications.inbox.unreadMark')}</span>}
            <span data-user-content>{headline}</span>
          </Link>
        </p>
        <p className="notification__context" data-user-content>
          {context}
        </p>
        {n.detail.excerpt && (
          <p className="notification__excerpt" data-user-content>
            {n.detail.excerpt}
          </p>
        )}
        <p className="notification__meta">
          {n.actor ? <PersonWithOrganization person={n.actor} /> : <span>{t('notifications.inbox.platform')}</span>}
          <DateTimeText iso={n.at} />
          {n.count > 1 && <span className="notification__count">{t('notifications.inbox.batched', { count: n.count })}</span>}
        </p>
      </div>
      <button
        type="button"
        className="button button--tertiary button--small notification__toggle"
        aria-label={n.read ? t('notifications.inbox.markUnreadLabel', { headline }) : t('notifications.inbox.markReadLabel', { headline })}
        onClick={() => onMark(n.id, !n.read)}
      >
        {n.read ? t('notifications.inbox.markUnread') : t('notifications.inbox.markRead')}
      </button>
    </li>
  );
}
