import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thread } from '@shared/schemas/threads';
import { useCurrentUser } from '@client/components/CurrentUser';
import { Notice } from '@client/components/Notice';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useLoadOlderMessages, type ThreadTimeline } from '@client/queries/threadMessages';
import { MessageItem } from './MessageItem';
import { PendingMessageItem } from './PendingMessageItem';
import { useMarkRead } from './useMarkRead';
import { useMessageTarget } from './useMessageTarget';
import type { Outbox, PendingMessage } from './useOutbox';
import { useScrollFollow } from './useScrollFollow';

/** Scrolling this close to the top loads the page before it. */
const LOAD_OLDER_PX = 200;

interface Props {
  thread: Thread;
  timeline: ThreadTimeline;
  readSeq: number;
  /** This conversation's sends not yet stored. */
  pending: PendingMessage[];
  outbox: Outbox;
  openRepliesId: string | null;
  onOpenReplies: (messageId: string) => void;
  /** A linked message to bring into view. */
  targetId: string | null;
}

/**
 * The thread's top-level messages in a scrolling region: older pages load when scrolling up (or
 * with the button), it follows new messages while at the bottom, offers a jump to the newest
 * otherwise, and marks the thread read while the newest message is in view.
 */
export function MessageTimeline({ thread, timeline, readSeq, pending, outbox, openRepliesId, onOpenReplies, targetId }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const errorMessage = useErrorMessage();
  const scroller = useRef<HTMLDivElement>(null);
  const messages = timeline.messages;
  const follow = useScrollFollow(scroller, messages[0]?.id);
  const older = useLoadOlderMessages(thread.id);
  const { mutate: fetchOlder, isPending: loadingOlder } = older;
  const loadOlder = useCallback(() => fetchOlder(), [fetchOlder]);

  const targetMissing = useMessageTarget({
    targetId,
    messages,
    hasOlder: timeline.hasOlder,
    loadingOlder,
    loadOlder,
    beforeScroll: follow.stopFollowing,
  });
  useMarkRead({ threadId: thread.id, lastSeq: timeline.lastSeq, readSeq, atBottom: follow.atBottom });

  // One's own new message is worth seeing even if one had scrolled up.
  const { scrollToBottom } = follow;
  const pendingCount = pending.length;
  const previousPending = useRef(pendingCount);
  useEffect(() => {
    if (pendingCount > previousPending.current) scrollToBottom();
    previousPending.current = pendingCount;
  }, [pendingCount, scrollToBottom]);

  const newCount = follow.atBottom ? 0 : messages.filter((m) => m.seq > readSeq && m.author.id !== me.id).length;

  // 「ここから未読」: where this visit's unread messages begin, as the thread was when it was opened
  // (reading on does not move it). None for a thread never read before, where all of it is new.
  const [readWhenOpened] = useState(readSeq);
  const firstUnreadId = readWhenOpened > 0 ? messages.find((m) => m.seq > readWhenOpened && m.author.id !== me.id)?.id : undefined;
  const divider = useRef<HTMLLIElement>(null);
  function jumpToUnread() {
    follow.stopFollowing();
    divider.current?.scrollIntoView({ block: 'start' });
    divider.current?.focus();
  }

  function onScroll() {
    follow.onScroll();
    const el = scroller.current;
    if (el && el.scrollTop < LOAD_OLDER_PX && timeline.hasOlder && !loadingOlder && !older.isError) loadOlder();
  }

  return (
    <div className="timeline">
      {targetMissing && <Notice tone="warning">{t('threads.view.targetMissing')}</Notice>}
      <div ref={scroller} className="message-scroller" onScroll={onScroll} tabIndex={0} role="region" aria-label={t('threads.view.messagesRegion')}>
        <div className="message-scroller__content">
          <div className="message-scroller__start">
            {timeline.hasOlder ? (
              <button type="button" className="button button--secondary button--small" onClick={loadOlder} disabled={loadingOlder} aria-busy={loadingOlder || undefined}>
                {loadingOlder ? t('threads.view.loadingOlder') : t('threads.view.loadOlder')}
              </button>
            ) : (
              <p className="muted small">{t('threads.view.beginning')}</p>
            )}
            {older.isError && (
              <p className="field__error" role="alert">
                {errorMessage(older.error)}
              </p>
            )}
          </div>
          {messages.length === 0 && pending.length === 0 ? (
            <p className="muted">{t('threads.view.empty')}</p>
          ) : (
            <ol className="message-list">
              {messages.map((message) => (
                <Fragment key={message.id}>
                  {message.id === firstUnreadId && (
                    <li ref={divider} className="unread-divider" tabIndex={-1}>
                      <span>{t('threads.view.unreadDivider')}</span>
                    </li>
                  )}
                  <MessageItem
                    message={message}
                    thread={thread}
                    onOpenReplies={onOpenReplies}
                    repliesOpen={openRepliesId === message.id}
                    targeted={targetId === message.id}
                  />
                </Fragment>
              ))}
              {pending.map((item) => (
                <PendingMessageItem key={item.clientId} item={item} onRetry={outbox.retry} onDiscard={outbox.discard} />
              ))}
            </ol>
          )}
        </div>
      </div>
      {firstUnreadId && (
        <p className="timeline__unread">
          <button type="button" className="button button--tertiary button--small" onClick={jumpToUnread}>
            <span aria-hidden="true">↑ </span>
            {t('threads.view.jumpToUnread')}
          </button>
        </p>
      )}
      <div className="timeline__jump" aria-live="polite">
        {newCount > 0 && (
          <button type="button" className="button button--primary button--small" onClick={follow.scrollToBottom}>
            {t('threads.view.newMessages', { count: newCount })}
            <span aria-hidden="true"> ↓</span>
            <span className="visually-hidden">{t('threads.view.jumpToLatest')}</span>
          </button>
        )}
      </div>
    </div>
  );
}
