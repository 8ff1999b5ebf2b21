import { useState, type ReactNode } from 'react';
import type { Question } from '@shared/schemas/meetings';
import { InlineError } from '@client/components/InlineError';
import { useMeetingsT } from '../useMeetingsT';
import { PendingList } from './PendingList';
import { QuestionItem } from './QuestionItem';
import { RoomComposer } from './RoomComposer';
import type { RoomCommands } from './useMeetingRoom';
import { useRoomCommand } from './useRoomCommand';
import type { Outbox } from './useOutbox';

/**
 * Stored questions do not carry their clientId, so a pending one cannot be matched to a broadcast
 * copy; it simply goes when its own acknowledgement arrives, a moment later.
 */
const NOTHING_HIDDEN: ReadonlySet<string> = new Set();

interface Props {
  questions: Question[];
  outbox: Outbox;
  myId: string;
  canSpeak: boolean;
  canManage: boolean;
  commands: Pick<RoomCommands, 'supportQuestion' | 'setQuestionStatus'>;
  cannotSpeak: ReactNode;
}

/**
 * 質問: the queue in the server's order (the one taken up first, then by support, answered last).
 * Answered questions fold away so the open ones stay in view.
 */
export function QuestionQueue({ questions, outbox, myId, canSpeak, canManage, commands, cannotSpeak }: Props) {
  const mt = useMeetingsT();
  const { busy: busyId, failure, run } = useRoomCommand();
  const [showAnswered, setShowAnswered] = useState(false);
  const waiting = questions.filter((q) => q.status !== 'answered');
  const answered = questions.filter((q) => q.status === 'answered');

  const item = (q: Question) => (
    <QuestionItem
      key={q.id}
      question={q}
      myId={myId}
      canSupport={canSpeak}
      canManage={canManage}
      busy={busyId === q.id}
      onSupport={(on) => void run(q.id, () => commands.supportQuestion(q.id, on))}
      onStatus={(status) => void run(q.id, () => commands.setQuestionStatus(q.id, status))}
    />
  );

  return (
    <section className="room-panel room-questions" aria-labelledby="room-questions-title">
      <h2 id="room-questions-title" className="room-panel__title">
        {mt('meetings.room.questions')}{' '}
        <span className="room-panel__count">{mt('meetings.room.openCount', { count: waiting.length })}</span>
      </h2>
      <InlineError message={failure} />
      {waiting.length === 0 ? (
        <p className="muted">{mt('meetings.room.noQuestions')}</p>
      ) : (
        <ol className="room-questions__list">{waiting.map(item)}</ol>
      )}
      <PendingList outbox={outbox} hiddenClientIds={NOTHING_HIDDEN} />
      {canSpeak ? (
        <RoomComposer label={mt('meetings.room.questionLabel')} submitLabel={mt('meetings.room.ask')} onSend={outbox.send} />
      ) : (
        cannotSpeak
      )}
      {answered.length > 0 && (
        <div className="room-questions__answered">
          <button
            type="button"
            className="button button--tertiary button--small"
            aria-expanded={showAnswered}
            onClick={() => setShowAnswered((v) => !v)}
          >
            {mt('meetings.room.answeredToggle', { count: answered.length })}
          </button>
          {showAnswered && <ol className="room-questions__list">{answered.map(item)}</ol>}
        </div>
      )}
    </section>
  );
}
