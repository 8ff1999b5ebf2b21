import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '@shared/schemas/threads';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { ReasonDialog } from '@client/components/ReasonDialog';
import { useDeleteMessage, useHideMessage, useRestoreMessage } from './messageMutations';
import { messageElementId } from './useMessageTarget';

interface Props {
  message: Message;
  threadId: string;
  abilities: Message['abilities'];
  onEdit: () => void;
}

/** The author's edit and delete, the secretariat's hide (with a reason) and restore. */
export function MessageActions({ message, threadId, abilities, onEdit }: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [asking, setAsking] = useState<'delete' | 'hide' | null>(null);
  const remove = useDeleteMessage(threadId);
  const hide = useHideMessage(threadId);
  const restore = useRestoreMessage(threadId);
  if (!abilities.edit && !abilities.delete && !abilities.hide && !abilities.restore) return null;

  // The button pressed is gone once the message changes state: keep the keyboard on the message.
  const settle = () => {
    setAsking(null);
    document.getElementById(messageElementId(message.id))?.focus();
  };
  const failure = remove.error ?? restore.error;

  return (
    <div className="message__actions" role="group" aria-label={t('threads.message.actions')}>
      {abilities.edit && (
        <button type="button" className="button button--tertiary button--small" onClick={onEdit}>
          {t('threads.message.edit')}
        </button>
      )}
      {abilities.delete && (
        <button type="button" className="button button--tertiary button--small" onClick={() => setAsking('delete')}>
          {t('threads.message.delete')}
        </button>
      )}
      {abilities.hide && (
        <button type="button" className="button button--tertiary button--small" onClick={() => setAsking('hide')}>
          {t('threads.message.hide')}
        </button>
      )}
      {abilities.restore && (
        <button
          type="button"
          className="button button--tertiary button--small"
          disabled={restore.isPending}
          onClick={() => restore.mutate(message.id, { onSuccess: settle })}
        >
          {restore.isPending ? t('threads.message.restoring') : t('threads.message.restore')}
        </button>
      )}
      {failure && (
        <p className="field__error" role="alert">
          {errorMessage(failure)}
        </p>
      )}
      {abilities.delete && (
        <ConfirmDialog
          open={asking === 'delete'}
          title={t('threads.message.deleteTitle')}
          body={t('threads.message.deleteBody')}
          confirmLabel={t('threads.message.deleteConfirm')}
          tone="danger"
          busy={remove.isPending}
          onConfirm={() => remove.mutate(message.id, { onSuccess: settle, onError: () => setAsking(null) })}
          onCancel={() => setAsking(null)}
        />
      )}
      {asking === 'hide' && (
        <ReasonDialog
          title={t('threads.message.hideTitle')}
          body={t('threads.message.hideBody')}
          reasonLabel={t('threads.message.hideReason')}
          reasonRequired
          confirmLabel={t('threads.message.hideConfirm')}
          tone="danger"
          busy={hide.isPending}
          error={hide.error ? errorMessage(hide.error) : null}
          onConfirm={(reason) => hide.mutate({ messageId: message.id, reason: reason ?? '' }, { onSuccess: settle })}
          onCancel={() => {
            hide.reset();
            setAsking(null);
          }}
        />
      )}
    </div>
  );
}
