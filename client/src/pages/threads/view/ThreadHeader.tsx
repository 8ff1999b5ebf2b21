import { useTranslation } from 'react-i18next';
import type { ThreadDetail } from '@shared/schemas/threads';
import { BusinessAreaTags } from '@client/components/BusinessAreaTags';
import { DateTimeText } from '@client/components/DateTimeText';
import { useCurrentUser } from '@client/components/CurrentUser';
import { PersonName } from '../common/PersonName';
import { ThreadMarks } from '../common/ThreadMarks';
import { VisibilityBadge } from '../common/VisibilityBadge';
import { ModerationLog } from './ModerationLog';
import { SubscriptionChoice } from './SubscriptionChoice';
import { ThreadManageBar } from './ThreadManageBar';

/** Title, visibility, marks, areas, who started it and when; the thread's actions; following it; the moderation log. */
export function ThreadHeader({ detail }: { detail: ThreadDetail }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { thread } = detail;
  return (
    <header className="page-header thread-header">
      <p className="page-header__eyebrow">
        <VisibilityBadge visibility={thread.visibility} />
      </p>
      <div className="thread-header__title">
        <h1 data-user-content>{thread.title}</h1>
        <ThreadMarks thread={thread} />
      </div>
      <p className="thread-header__meta">
        <span>
          {t('threads.view.startedBy')}: <PersonName person={thread.createdBy} /> <DateTimeText iso={thread.createdAt} />
        </span>
        <span>{t('threads.list.messages', { count: thread.messageCount })}</span>
        <span>{t('threads.list.participants', { count: thread.participantCount })}</span>
      </p>
      {thread.businessAreas.length > 0 && <BusinessAreaTags areas={thread.businessAreas} />}
      <ThreadManageBar thread={thread} abilities={detail.abilities} />
      <SubscriptionChoice threadId={thread.id} state={detail.subscription} />
      {me.abilities.moderate && <ModerationLog threadId={thread.id} />}
    </header>
  );
}
