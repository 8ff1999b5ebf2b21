import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { useModerationLog } from '@client/queries/threads';
import { PersonName } from '../common/PersonName';
import { messageLink } from './messageLink';

/** The secretariat's record of hiding, restoring, pinning and locking in this thread; loaded when opened. */
export function ModerationLog({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const log = useModerationLog(threadId, open);

  return (
    <details className="moderation-log" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('threads.moderation.title')}</summary>
      {!open ? null : log.isPending ? (
        <LoadingState />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.actions.length === 0 ? (
        <p className="muted">{t('threads.moderation.empty')}</p>
      ) : (
        <ol className="moderation-log__list">
          {log.data.actions.map((action) => (
            <li key={action.id} className="moderation-log__item">
              <span className="moderation-log__what">{t(`threads.moderation.actions.${action.action}`)}</span>
              <DateTimeText iso={action.at} />
              <PersonName person={action.by} />
              <span>{action.reason ?? <span className="muted">{t('threads.moderation.noReason')}</span>}</span>
              {action.messageId && (
                <Link to={messageLink(threadId, { id: action.messageId, parentId: null })}>{t('threads.moderation.message')}</Link>
              )}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
