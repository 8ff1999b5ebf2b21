import type { Question } from '@shared/schemas/meetings';
import { useLanguage } from '@client/i18n/useLanguage';
import { formatJapanClock } from '../common/japanTime';
import { PersonWithOrganization } from '@client/components/PersonWithOrganization';
import { SpeakerBadge } from '../common/MeetingBadges';
import { useMeetingsT } from '../useMeetingsT';

interface Props {
  question: Question;
  myId: string;
  /** +1 needs the right to speak, as raising a question does. */
  canSupport: boolean;
  /** The secretariat takes questions up and marks them answered. */
  canManage: boolean;
  busy: boolean;
  onSupport: (on: boolean) => void;
  onStatus: (status: 'current' | 'answered') => void;
}

/** One question in the queue: who asked, what, how many back it (+1), and the secretariat's buttons. */
export function QuestionItem({ question, myId, canSupport, canManage, busy, onSupport, onStatus }: Props) {
  const mt = useMeetingsT();
  const [language] = useLanguage();
  const supported = question.supporterIds.includes(myId);
  const answered = question.status === 'answered';

  return (
    <li className={`room-question room-question--${question.status}`} aria-current={question.status === 'current' ? 'true' : undefined}>
      <p className="room-question__meta">
        <span className={`room-question__status room-question__status--${question.status}`}>
          {mt(`meetings.room.questionStatus.${question.status}`)}
        </span>
        <SpeakerBadge kind={question.author.kind} />
        <PersonWithOrganization person={question.author} block="meeting-person" />
        <time className="small muted" dateTime={question.at}>
          {formatJapanClock(question.at, language)}
        </time>
      </p>
      <p className="room-question__body">{question.body}</p>
      <div className="room-question__actions">
        <span className="room-question__count">{mt('meetings.room.supportCount', { count: question.supportCount })}</span>
        {canSupport && !answered && (
          <button
            type="button"
            className={supported ? 'button button--primary button--small' : 'button button--secondary button--small'}
            aria-pressed={supported}
            aria-label={mt(supported ? 'meetings.room.unsupportLabel' : 'meetings.room.supportLabel', { body: question.body.slice(0, 40) })}
            disabled={busy}
            onClick={() => onSupport(!supported)}
          >
            <span className="nowrap">+1</span>
          </button>
        )}
        {canManage && question.status === 'open' && (
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => onStatus('current')}>
            {mt('meetings.room.takeUp')}
          </button>
        )}
        {canManage && !answered && (
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => onStatus('answered')}>
            {mt('meetings.room.markAnswered')}
          </button>
        )}
      </div>
    </li>
  );
}
