import { useTranslation } from 'react-i18next';
import type { Message } from '@shared/schemas/threads';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { Markdown } from '@client/components/markdown/Markdown';
import { useLanguage } from '@client/i18n/useLanguage';
import { useMessageVersions } from '@client/queries/threadMessages';
import { ModalDialog } from '@client/components/ModalDialog';

/** The earlier versions of an edited message, newest first (its author and the secretariat only). */
export function MessageVersionsDialog({ message, onClose }: { message: Message; onClose: () => void }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const versions = useMessageVersions(message.id, true);
  const earlier = [...(versions.data?.versions ?? [])].filter((v) => v.version !== message.version).sort((a, b) => b.version - a.version);

  return (
    <ModalDialog title={t('threads.versions.title')} wide onCancel={onClose}>
      <section className="version">
        <h3 className="version__title">
          {t('threads.versions.current', { version: message.version })} <DateTimeText iso={message.editedAt ?? message.createdAt} />
        </h3>
        {message.body !== null && <Markdown source={message.body} mentions={message.mentions} language={language} />}
      </section>
      {versions.isPending ? (
        <LoadingState />
      ) : versions.isError ? (
        <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />
      ) : earlier.length === 0 ? (
        <p className="muted">{t('threads.versions.none')}</p>
      ) : (
        earlier.map((version) => (
          <section key={version.version} className="version">
            <h3 className="version__title">
              {t('threads.versions.version', { version: version.version })} <DateTimeText iso={version.at} />
            </h3>
            <Markdown source={version.body} mentions={message.mentions} language={language} />
          </section>
        ))
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
