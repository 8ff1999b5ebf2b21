import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ChatMessage } from '@shared/schemas/meetings';
import { useLanguage } from '@client/i18n/useLanguage';
import { formatJapanClock } from '../common/japanTime';
import { PersonWithOrganization } from '@client/components/PersonWithOrganization';
import { SpeakerBadge } from '../common/MeetingBadges';
import { useMeetingsT } from '../useMeetingsT';
import { PendingList } from './PendingList';
import { RoomComposer } from './RoomComposer';
import type { Outbox } from './useOutbox';

/** Enough to follow the conversation; older ones on request, so a busy plenary stays light. */
const PAGE = 100;
/** Within this many pixels of the bottom counts as "reading the latest": new messages scroll into view. */
const FOLLOW_SLACK_PX = 80;

interface Props {
  chat: ChatMessage[];
  outbox: Outbox;
  myId: string;
  canSpeak: boolean;
  /** Shown instead of the composer when the person may not speak (or the meeting ended). */
  cannotSpeak: ReactNode;
}

/** The room's chat: the latest messages, one's own unacknowledged ones, and the composer. */
export function ChatPanel({ chat, outbox, myId, canSpeak, cannotSpeak }: Props) {
  const mt = useMeetingsT();
  const [language] = useLanguage();
  const [shown, setShown] = useState(PAGE);
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const visible = chat.slice(-shown);
  const hiddenCount = chat.length - visible.length;
  // A pending message whose stored copy has arrived (by broadcast before the ack) is not shown twice.
  const storedClientIds = useMemo(() => new Set(chat.filter((m) => m.author.id === myId).map((m) => m.clientId)), [chat, myId]);

  useLayoutEffect(() => {
    const box = scroller.current;
    if (box && following.current) box.scrollTop = box.scrollHeight;
  }, [chat.length, outbox.pending.length]);

  return (
    <section className="room-panel room-chat" aria-labelledby="room-chat-title">
      <h2 id="room-chat-title" className="room-panel__title">
        {mt('meetings.room.chat')}
      </h2>
      <div
        ref={scroller}
        className="room-chat__scroller"
        tabIndex={0}
        role="region"
        aria-label={mt('meetings.room.chatLog')}
        onScroll={(event) => {
          const box = event.currentTarget;
          following.current = box.scrollHeight - box.scrollTop - box.clientHeight < FOLLOW_SLACK_PX;
        }}
      >
        {hiddenCount > 0 && (
          <p className="room-chat__earlier">
            <button type="button" className="button button--tertiary button--small" onClick={() => setShown((n) => n + PAGE * 2)}>
              {mt('meetings.room.showEarlier', { count: hiddenCount })}
            </button>
          </p>
        )}
        {chat.length === 0 && outbox.pending.length === 0 ? (
          <p className="muted">{mt('meetings.room.chatEmpty')}</p>
        ) : (
          <ol className="room-chat__list">
            {visible.map((message) => (
              <li
                key={message.id}
                className={message.author.id === myId ? 'room-chat__message room-chat__message--mine' : 'room-chat__message'}
              >
                <p className="room-chat__meta">
                  <SpeakerBadge kind={message.author.kind} />
                  <PersonWithOrganization person={message.author} block="meeting-person" />
                  <time className="small muted" dateTime={message.at}>
                    {formatJapanClock(message.at, language)}
                  </time>
                </p>
                <p className="room-chat__body">{message.body}</p>
              </li>
            ))}
          </ol>
        )}
        <PendingList outbox={outbox} hiddenClientIds={storedClientIds} />
      </div>
      {canSpeak ? (
        <RoomComposer
          label={mt('meetings.room.chatLabel')}
          submitLabel={mt('meetings.room.send')}
          onSend={(body) => {
            // Sending one's own message means wanting to see it, wherever the log was scrolled to.
            following.current = true;
            outbox.send(body);
          }}
        />
      ) : (
        cannotSpeak
      )}
    </section>
  );
}
