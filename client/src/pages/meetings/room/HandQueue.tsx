import { useId } from 'react';
import type { RaisedHand } from '@shared/schemas/meetings';
import { InlineError } from '@client/components/InlineError';
import { PersonWithOrganization } from '@client/components/PersonWithOrganization';
import { useLanguage } from '@client/i18n/useLanguage';
import { formatJapanClock } from '../common/japanTime';
import { SpeakerBadge } from '../common/MeetingBadges';
import { useMeetingsT } from '../useMeetingsT';
import type { RoomCommands } from './useMeetingRoom';
import { useRoomCommand } from './useRoomCommand';

interface Props {
  hands: RaisedHand[];
  setFloor: RoomCommands['setFloor'];
  dismissHand: RoomCommands['dismissHand'];
}

/**
 * 挙手 (the secretariat's): observers asking for the floor, in the order their hands went up, each
 * with whom they speak for and when they asked. Giving the floor lowers the hand; so does dismissing it.
 */
export function HandQueue({ hands, setFloor, dismissHand }: Props) {
  const mt = useMeetingsT();
  const [language] = useLanguage();
  const id = useId();
  const { busy, failure, run } = useRoomCommand();

  return (
    <section className="room-panel room-hands" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="room-panel__title">
        {mt('meetings.room.hands')} <span className="room-panel__count">{mt('meetings.room.handsCount', { count: hands.length })}</span>
      </h2>
      <p className="small muted">{mt('meetings.room.handsLead')}</p>
      {hands.length === 0 ? (
        <p className="muted">{mt('meetings.room.noHands')}</p>
      ) : (
        <ol className="room-hands__list">
          {hands.map(({ person, at }) => (
            <li key={person.id} className="room-hands__item">
              <span className="room-hands__who">
                <span aria-hidden="true">✋</span>
                <SpeakerBadge kind={person.kind} />
                <PersonWithOrganization person={person} block="meeting-person" />
                <time className="small muted" dateTime={at}>
                  {mt('meetings.room.handRaisedAt', { time: formatJapanClock(at, language) })}
                </time>
              </span>
              <span className="room-hands__actions">
                <button
                  type="button"
                  className="button button--primary button--small"
                  disabled={busy === person.id}
                  aria-busy={busy === person.id || undefined}
                  onClick={() => void run(person.id, () => setFloor(person.id, true))}
                >
                  {mt('meetings.room.giveFloor', { name: person.displayName })}
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={busy === person.id}
                  onClick={() => void run(person.id, () => dismissHand(person.id))}
                >
                  {mt('meetings.room.dismissHand', { name: person.displayName })}
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <InlineError message={failure} />
    </section>
  );
}
