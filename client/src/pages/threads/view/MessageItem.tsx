import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Message, Thread } from '@shared/schemas/threads';
import { DateTimeText } from '@client/components/DateTimeText';
import { useCurrentUser } from '@client/components/CurrentUser';
import { AttachmentLinks } from '../common/AttachmentLinks';
import { PersonName } from '../common/PersonName';
import { MessageActions } from './MessageActions';
import { MessageContent } from './MessageContent';
import { MessageEditForm } from './MessageEditForm';
import { MessageVersionsDialog } from './MessageVersionsDialog';
import { ReactionBar } from './ReactionBar';
import { messageLink } from './messageLink';
import { messageElementId } from './useMessageTarget';

export const repliesButtonId = (messageId: string) => `replies-button-${messageId}`;

interface Props {
  message: Message;
  thread: Thread;
  /** Opens this message's replies; absent for replies themselves (replies go one level deep). */
  onOpenReplies?: (messageId: string) => void;
  repliesOpen?: boolean;
  targeted?: boolean;
}

/** One message: author, time (a link to it), 編集済, text or tombstone, files, reactions, replies, actions. */
export function MessageItem({ message, thread, onOpenReplies, repliesOpen = false, targeted = false }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [editing, setEditing] = useState(false);
  const [showingVersions, setShowingVersions] = useState(false);
  const abilities = message.abilities;
  const elementId = messageElementId(message.id);
  const textShown = message.state === 'visible' || (message.state === 'hidden' && message.body !== null);
  const classes = ['message-item', `message-item--${message.state}`, targeted && 'message-item--target'].filter(Boolean).join(' ');

  const stopEditing = () => {
    setEditing(false);
    document.getElementById(elementId)?.focus();
  };

  return (
    <li id={elementId} className={classes} tabIndex={-1}>
      <article className="message" aria-labelledby={`${elementId}-author`}>
        <header className="message__header">
          <span id={`${elementId}-author`} className="message__author">
            <PersonName person={message.author} />
            {message.author.id === me.id && <span className="muted small">{t('threads.message.you')}</span>}
          </span>
          <Link className="message__time" to={messageLink(thread.id, message)} title={t('threads.message.permalink')}>
            <DateTimeText iso={message.createdAt} />
          </Link>
          {message.editedAt && message.state !== 'deleted' && <span className="message__edited">{t('threads.message.edited')}</span>}
          {abilities.versions && message.editedAt !== null && (
            <button type="button" className="button button--tertiary button--small" onClick={() => setShowingVersions(true)}>
              {t('threads.message.versions')}
            </button>
          )}
        </header>
        {editing ? <MessageEditForm message={message} threadId={thread.id} onDone={stopEditing} /> : <MessageContent message={message} />}
        {textShown && <AttachmentLinks attachments={message.attachments} />}
        <div className="message__footer">
          {message.state === 'visible' && <ReactionBar message={message} threadId={thread.id} canReact={abilities.react} />}
          {onOpenReplies && (message.replyCount > 0 || abilities.reply) && (
            <button
              type="button"
              id={repliesButtonId(message.id)}
              className="button button--tertiary button--small message__replies"
              aria-expanded={repliesOpen}
              aria-controls={repliesOpen ? 'replies-panel' : undefined}
              onClick={() => onOpenReplies(message.id)}
            >
              <span aria-hidden="true">💬</span>
              {message.replyCount > 0 ? t('threads.message.replies', { count: message.replyCount }) : t('threads.message.reply')}
            </button>
          )}
          {!editing && <MessageActions message={message} threadId={thread.id} abilities={abilities} onEdit={() => setEditing(true)} />}
        </div>
      </article>
      {showingVersions && <MessageVersionsDialog message={message} onClose={() => setShowingVersions(false)} />}
    </li>
  );
}
