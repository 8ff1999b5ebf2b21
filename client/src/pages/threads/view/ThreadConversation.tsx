import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Person, ThreadDetail } from '@shared/schemas/threads';
import { useCurrentUser } from '@client/components/CurrentUser';
import { Notice } from '@client/components/Notice';
import type { ThreadTimeline } from '@client/queries/threadMessages';
import { Composer } from '../composer/Composer';
import { ConnectionBanner } from '@client/components/ConnectionBanner';
import { MessageTimeline } from './MessageTimeline';
import { repliesButtonId } from './MessageItem';
import { RepliesPanel } from './RepliesPanel';
import { PresenceLine, TypingIndicator } from './RoomActivity';
import { LinkedIssues } from './LinkedIssues';
import { ThreadHeader } from './ThreadHeader';
import { REPLIES_PARAM, TARGET_PARAM } from './messageLink';
import { useOutbox } from './useOutbox';
import { useTypingPeople } from './useTypingPeople';

interface Props {
  detail: ThreadDetail;
  timeline: ThreadTimeline;
  viewers: Person[];
}

/**
 * A loaded thread: header, who is here, the live conversation and its composer, and the reply
 * panel of one message (?replies=<id>, so Back closes it and a link can open it).
 */
export function ThreadConversation({ detail, timeline, viewers }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { thread } = detail;
  const [params, setParams] = useSearchParams();
  const outbox = useOutbox(thread.id);
  const typing = useTypingPeople(thread.id, me.id);

  const repliesId = params.get(REPLIES_PARAM);
  const linkedId = params.get(TARGET_PARAM);
  // A linked reply is shown in its panel; the conversation brings its parent into view.
  const mainTarget = repliesId && linkedId ? repliesId : linkedId;

  // What this reader may do here comes from the server (the thread's abilities follow its lock).
  const mayPost = me.abilities['message.post'];
  const canPost = detail.abilities.post;
  const pending = outbox.pending.filter((p) => p.parentId === null && !timeline.messages.some((m) => m.clientId === p.clientId));

  function openReplies(messageId: string) {
    const next = new URLSearchParams(params);
    next.set(REPLIES_PARAM, messageId);
    next.delete(TARGET_PARAM);
    setParams(next, { preventScrollReset: true });
  }

  function closeReplies() {
    const closing = repliesId;
    const next = new URLSearchParams(params);
    next.delete(REPLIES_PARAM);
    next.delete(TARGET_PARAM);
    setParams(next, { preventScrollReset: true });
    // Back to the button that opened it, once the panel is gone.
    if (closing) requestAnimationFrame(() => document.getElementById(repliesButtonId(closing))?.focus());
  }

  return (
    <>
      <ConnectionBanner />
      <ThreadHeader detail={detail} />
      <LinkedIssues threadId={thread.id} />
      <div className={repliesId ? 'thread-layout thread-layout--with-replies' : 'thread-layout'}>
        <section className="thread-main" aria-labelledby="messages-title">
          <div className="thread-main__heading">
            <h2 id="messages-title">{t('threads.view.messagesHeading')}</h2>
            <PresenceLine viewers={viewers} myId={me.id} />
          </div>
          <MessageTimeline
            key={thread.id}
            thread={thread}
            timeline={timeline}
            readSeq={detail.readSeq}
            pending={pending}
            outbox={outbox}
            openRepliesId={repliesId}
            onOpenReplies={openReplies}
            targetId={mainTarget}
          />
          <TypingIndicator people={typing} />
          {!mayPost ? (
            <Notice tone="info">
              <p>{t('threads.view.observer')}</p>
            </Notice>
          ) : !canPost ? (
            <Notice tone="info">
              <p>
                <span aria-hidden="true">🔒 </span>
                {t('threads.view.locked')}
              </p>
            </Notice>
          ) : (
            <>
              {thread.locked && <p className="muted small">🔒 {t('threads.view.lockedModerator')}</p>}
              <Composer threadId={thread.id} parentId={null} label={t('threads.composer.label')} onSend={outbox.send} />
            </>
          )}
        </section>
        {repliesId && (
          <RepliesPanel
            key={repliesId}
            thread={thread}
            parentId={repliesId}
            parent={timeline.messages.find((m) => m.id === repliesId)}
            outbox={outbox}
            canPost={canPost}
            targetId={linkedId}
            onClose={closeReplies}
          />
        )}
      </div>
    </>
  );
}
