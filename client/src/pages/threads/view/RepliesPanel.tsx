import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message, Thread } from '@shared/schemas/threads';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { useReplies } from '@client/queries/threadMessages';
import { Composer } from '../composer/Composer';
import { PersonName } from '../common/PersonName';
import { MessageContent } from './MessageContent';
import { MessageItem } from './MessageItem';
import { PendingMessageItem } from './PendingMessageItem';
import { messageElementId } from './useMessageTarget';
import type { Outbox } from './useOutbox';
import { useScrollFollow } from './useScrollFollow';

interface Props {
  thread: Thread;
  parentId: string;
  /** The message replied to, when it is among those loaded. */
  parent: Message | undefined;
  outbox: Outbox;
  canPost: boolean;
  /** A linked reply to bring into view. */
  targetId: string | null;
  onClose: () => void;
}

/** The side panel of one message's replies, with a composer of its own (replies go one level deep). */
export function RepliesPanel({ thread, parentId, parent, outbox, canPost, targetId, onClose }: Props) {
  const { t } = useTranslation();
  const replies = useReplies(thread.id, parentId);
  const heading = useRef<HTMLHeadingElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const messages = replies.data?.messages ?? [];
  const follow = useScrollFollow(scroller, messages[0]?.id);
  const pending = outbox.pending.filter((p) => p.parentId === parentId && !messages.some((m) => m.clientId === p.clientId));

  // Opening (or switching) the panel moves the keyboard into it.
  useEffect(() => heading.current?.focus(), [parentId]);

  const { scrollToBottom } = follow;
  useEffect(() => {
    if (pending.length > 0) scrollToBottom();
  }, [pending.length, scrollToBottom]);

  const targetHeld = targetId !== null && messages.some((m) => m.id === targetId);
  useEffect(() => {
    if (!targetHeld || !targetId) return;
    const element = document.getElementById(messageElementId(targetId));
    element?.scrollIntoView({ block: 'nearest' });
    element?.focus({ preventScroll: true });
  }, [targetHeld, targetId]);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    // Escape closes the panel, but not from a text field (a draft) or from a dialog inside it.
    const target = event.target as HTMLElement;
    if (event.key !== 'Escape' || event.defaultPrevented || target.closest('textarea, dialog')) return;
    onClose();
  }

  return (
    <aside id="replies-panel" className="replies-panel" aria-labelledby="replies-title" onKeyDown={onKeyDown}>
      <div className="replies-panel__header">
        <h2 id="replies-title" ref={heading} tabIndex={-1}>
          {t('threads.replies.title')}
        </h2>
        <button type="button" className="button button--tertiary button--small" onClick={onClose}>
          <span aria-hidden="true">× </span>
          {t('threads.replies.close')}
        </button>
      </div>
      {parent && (
        <div className="replies-panel__parent">
          <p className="small muted">{t('threads.replies.parent')}</p>
          <p className="message__author">
            <PersonName person={parent.author} />
          </p>
          <MessageContent message={parent} />
        </div>
      )}
      <div
        ref={scroller}
        className="message-scroller message-scroller--replies"
        onScroll={follow.onScroll}
        tabIndex={0}
        role="region"
        aria-labelledby="replies-title"
      >
        <div className="message-scroller__content">
          {replies.isPending ? (
            <LoadingState />
          ) : replies.isError ? (
            <ErrorState error={replies.error} onRetry={() => void replies.refetch()} />
          ) : messages.length === 0 && pending.length === 0 ? (
            <p className="muted">{t('threads.replies.empty')}</p>
          ) : (
            <ol className="message-list">
              {messages.map((message) => (
                <MessageItem key={message.id} message={message} thread={thread} targeted={targetId === message.id} />
              ))}
              {pending.map((item) => (
                <PendingMessageItem key={item.clientId} item={item} onRetry={outbox.retry} onDiscard={outbox.discard} />
              ))}
            </ol>
          )}
        </div>
      </div>
      {canPost && parent?.state !== 'deleted' && (
        <Composer key={parentId} threadId={thread.id} parentId={parentId} label={t('threads.composer.replyLabel')} onSend={outbox.send} />
      )}
    </aside>
  );
}
