import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ThreadSummary } from '@shared/schemas/threads';
import { BusinessAreaTags } from '@client/components/BusinessAreaTags';
import { DateTimeText } from '@client/components/DateTimeText';
import { PersonName } from '../common/PersonName';
import { ThreadMarks } from '../common/ThreadMarks';
import { VisibilityBadge } from '../common/VisibilityBadge';

/**
 * One thread in the list: title and marks, a 新着 badge (never opened, started lately) or the unread
 * count (Discourse's New and Unread), ミュート中 when muted, who started it, last activity, counts.
 */
export function ThreadListItem({ thread }: { thread: ThreadSummary }) {
  const { t } = useTranslation();
  const muted = thread.subscription === 'muted';
  const showUnread = !muted && !thread.isNew && thread.unread > 0;
  const classes = ['thread-item', thread.pinned && 'thread-item--pinned', (showUnread || thread.isNew) && !muted && 'thread-item--unread'];
  return (
    <li className={classes.filter(Boolean).join(' ')}>
      <div className="thread-item__heading">
        <h3 className="thread-item__title">
          <Link to={`/threads/${thread.id}`} data-user-content>
            {thread.title}
          </Link>
        </h3>
        <ThreadMarks thread={thread} />
        {thread.isNew && !muted && (
          <span className="unread-badge unread-badge--new" title={t('threads.list.newLabel')}>
            {t('threads.list.new')}
          </span>
        )}
        {showUnread && (
          <span className="unread-badge" title={t('threads.list.unreadLabel', { count: thread.unread })}>
            {t('threads.list.unread', { count: thread.unread })}
          </span>
        )}
        {muted && <span className="thread-mark thread-mark--muted">{t('threads.list.muted')}</span>}
      </div>
      <div className="thread-item__tags">
        <VisibilityBadge visibility={thread.visibility} />
        {thread.businessAreas.length > 0 && <BusinessAreaTags areas={thread.businessAreas} />}
      </div>
      <p className="thread-item__meta">
        <span>
          {t('threads.list.startedBy')}: <PersonName person={thread.createdBy} />
        </span>
        <span>
          {t('threads.list.lastActivity')}: <DateTimeText iso={thread.lastActivityAt} />
        </span>
        <span>{t('threads.list.messages', { count: thread.messageCount })}</span>
        <span>{t('threads.list.participants', { count: thread.participantCount })}</span>
      </p>
    </li>
  );
}
