import { LIMITS } from '@shared/threads/rules';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageBody, type Message } from '@shared/schemas/threads';
import { isApiError } from '@client/api';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { MarkdownEditor } from '@client/components/markdown/MarkdownEditor';
import { isImeComposing } from '@client/components/imeKeys';
import { isSendKey, sendModifier, useSendKey } from '@client/components/sendKey';
import { editableBody, storedBody } from '@client/components/markdown/mentionDraft';
import { useLanguage } from '@client/i18n/useLanguage';
import { useEditMessage } from './messageMutations';

interface Props {
  message: Message;
  threadId: string;
  onDone: () => void;
}

/**
 * Editing one's own message in place: the person's send key saves (Enter, or Ctrl/⌘+Enter), Esc
 * cancels. Its mentions show as `@name`, as the composer writes them, and are saved as tokens.
 */
export function MessageEditForm({ message, threadId, onDone }: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const edit = useEditMessage(threadId);
  const [sendKey] = useSendKey();
  const [language] = useLanguage();
  // Shown in the language the editing began in: an organisation's name is kept as first written.
  const [opened] = useState(() => editableBody(message.body ?? '', message.mentions, language));
  const [text, setText] = useState(opened.text);
  const [mentions, setMentions] = useState(opened.draft);
  // The version this edit started from: if someone changes the message meanwhile, the server
  // refuses (409) instead of this edit silently replacing theirs.
  const [baseVersion] = useState(message.version);

  function save() {
    const body = storedBody(text, mentions);
    if (!MessageBody.safeParse(body).success) return;
    if (body === message.body) return onDone();
    edit.mutate({ messageId: message.id, body, version: baseVersion }, { onSuccess: onDone });
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    save();
  }

  const error = !edit.error ? null : isApiError(edit.error) && edit.error.status === 409 ? t('threads.message.editConflict') : errorMessage(edit.error);

  return (
    <form className="message-edit" onSubmit={submit} noValidate aria-busy={edit.isPending || undefined}>
      <MarkdownEditor
        label={t('threads.message.editLabel')}
        hint={t(`threads.message.editHint.${sendKey}`, { mod: sendModifier() })}
        value={text}
        onChange={setText}
        mentions={mentions}
        onMentionsChange={setMentions}
        maxLength={LIMITS.bodyLength}
        rows={4}
        autoFocus
        error={error}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !isImeComposing(event)) {
            event.preventDefault();
            onDone();
          } else if (isSendKey(event, sendKey)) {
            event.preventDefault();
            save();
          }
        }}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary button--small" disabled={edit.isPending}>
          {edit.isPending ? t('threads.message.saving') : t('threads.message.save')}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
