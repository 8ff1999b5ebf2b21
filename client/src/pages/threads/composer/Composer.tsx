import { LIMITS } from '@shared/threads/rules';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '@shared/schemas/threads';
import { MessageBody } from '@shared/schemas/threads';
import { AttachmentPicker } from '@client/components/attachments/AttachmentPicker';
import { MarkdownEditor } from '@client/components/markdown/MarkdownEditor';
import { isSendKey, sendModifier, useSendKey } from '@client/components/sendKey';
import { noMentionDraft, storedBody, type MentionDraft, type Mentions } from '@client/components/markdown/mentionDraft';
import { SendKeyChoice } from './SendKeyChoice';
import { useAttachmentUploads } from '@client/components/attachments/useAttachmentUploads';
import { useTypingSignal } from './useTypingSignal';

/** A message ready to send, as the composer hands it over. */
export interface Draft {
  /** As stored: mentions as tokens. */
  body: string;
  parentId: string | null;
  attachments: Attachment[];
  /** Names for its mention tokens, so the pending copy shows them. */
  mentions: Mentions;
}

interface Props {
  threadId: string;
  /** The message being replied to; null for the thread's own conversation. */
  parentId: string | null;
  label: string;
  onSend: (draft: Draft) => void;
}

/**
 * Writes one message. The person's send key decides (Enter, or Ctrl/⌘+Enter with Enter adding a
 * line: the default on a touch screen); the send button always sends, and an Enter confirming a
 * Japanese conversion never does. Mentions show as `@name` and are sent as tokens. Sending hands
 * the draft over at once (it shows as pending) and clears.
 */
export function Composer({ threadId, parentId, label, onSend }: Props) {
  const { t } = useTranslation();
  const [sendKey] = useSendKey();
  const [text, setText] = useState('');
  const [mentions, setMentions] = useState<MentionDraft>(noMentionDraft);
  const [error, setError] = useState<string | null>(null);
  const uploads = useAttachmentUploads();
  const signalTyping = useTypingSignal(threadId);

  function send() {
    if (uploads.uploading) return setError(t('threads.composer.uploadsPending'));
    if (uploads.failed) return setError(t('threads.composer.uploadsFailed'));
    const body = storedBody(text, mentions);
    // Empty: nothing to do. Too long: the editor already says so.
    if (!MessageBody.safeParse(body).success) return;
    onSend({ body, parentId, attachments: uploads.attachments, mentions: mentions.mentions });
    setText('');
    setMentions(noMentionDraft);
    setError(null);
    uploads.reset();
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    send();
  }

  return (
    <form className="composer" onSubmit={submit} noValidate>
      <MarkdownEditor
        label={label}
        labelHidden
        hint={t('threads.composer.hint')}
        hintBelow={t(`threads.composer.keys.${sendKey}`, { mod: sendModifier() })}
        value={text}
        onChange={(next) => {
          setText(next);
          setError(null);
          if (next.trim()) signalTyping();
        }}
        mentions={mentions}
        onMentionsChange={setMentions}
        maxLength={LIMITS.bodyLength}
        onKeyDown={(event) => {
          if (!isSendKey(event, sendKey)) return;
          event.preventDefault();
          send();
        }}
        error={error}
      />
      <div className="composer__actions">
        <AttachmentPicker uploads={uploads} />
        <div className="composer__send">
          <SendKeyChoice />
          <button type="submit" className="button button--primary" disabled={!text.trim() || uploads.uploading}>
            {t('threads.composer.send')}
          </button>
        </div>
      </div>
    </form>
  );
}
