import { useTranslation } from 'react-i18next';
import type { Message } from '@shared/schemas/threads';
import { Markdown } from '@client/components/markdown/Markdown';
import { useCurrentUser } from '@client/components/CurrentUser';
import { useLanguage } from '@client/i18n/useLanguage';

/** A message's text, or its tombstone: deleted, or hidden with the reason (the secretariat also sees the text, dimmed). */
export function MessageContent({ message }: { message: Message }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const me = useCurrentUser();
  const render = (source: string) => (
    <Markdown source={source} mentions={message.mentions} language={language} me={{ userId: me.id, organizationId: me.organization.id }} />
  );

  if (message.state === 'deleted') return <p className="message__tombstone">{t('threads.message.deleted')}</p>;
  if (message.state === 'hidden') {
    const reason = message.hidden?.reason ?? '';
    if (message.body === null) return <p className="message__tombstone">{t('threads.message.hidden', { reason })}</p>;
    return (
      <>
        <p className="message__moderation-note">{t('threads.message.hiddenForModerator', { reason })}</p>
        <div className="message__body message__body--hidden">{render(message.body)}</div>
      </>
    );
  }
  return <div className="message__body">{render(message.body ?? '')}</div>;
}
