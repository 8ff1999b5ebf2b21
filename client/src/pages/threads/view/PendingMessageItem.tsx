import { useTranslation } from 'react-i18next';
import { Markdown } from '@client/components/markdown/Markdown';
import { useCurrentUser } from '@client/components/CurrentUser';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useLanguage } from '@client/i18n/useLanguage';
import { AttachmentLinks } from '../common/AttachmentLinks';
import { PersonName } from '../common/PersonName';
import type { PendingMessage } from './useOutbox';

interface Props {
  item: PendingMessage;
  onRetry: (item: PendingMessage) => void;
  onDiscard: (clientId: string) => void;
}

/** A message on its way: greyed while sending; on failure, why, with "send again" and "discard". */
export function PendingMessageItem({ item, onRetry, onDiscard }: Props) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const me = useCurrentUser();
  const errorMessage = useErrorMessage();
  const failed = item.status === 'failed';

  return (
    <li className={`message-item message-item--pending${failed ? ' message-item--failed' : ''}`}>
      <article className="message" aria-busy={!failed || undefined}>
        <header className="message__header">
          <PersonName person={me} />
          <span className="message__status">{failed ? t('threads.message.failed') : t('threads.message.sending')}</span>
        </header>
        <div className="message__body">
          <Markdown
            source={item.body}
            mentions={item.mentions}
            language={language}
            me={{ userId: me.id, organizationId: me.organization.id }}
          />
        </div>
        <AttachmentLinks attachments={item.attachments} />
        {failed && (
          <div className="message__retry" role="alert">
            <p>
              {t('threads.message.failed')} {errorMessage(item.error)}
            </p>
            <button type="button" className="button button--primary button--small" onClick={() => onRetry(item)}>
              {t('threads.message.retry')}
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => onDiscard(item.clientId)}>
              {t('threads.message.discard')}
            </button>
          </div>
        )}
      </article>
    </li>
  );
}
