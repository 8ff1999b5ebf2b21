import { useId } from 'react';
import type { RoomPresence } from '@shared/schemas/meetings';
import type { RoomPerson } from '@shared/schemas/threads';
import { InlineError } from '@client/components/InlineError';
import { PersonWithOrganization } from '@client/components/PersonWithOrganization';
import { HandMark, SpeakerBadge } from '../common/MeetingBadges';
import { useMeetingsT } from '../useMeetingsT';
import type { RoomCommands } from './useMeetingRoom';
import { useRoomCommand } from './useRoomCommand';

interface Props {
  presence: RoomPresence;
  floor: RoomPerson[];
  handIds: ReadonlySet<string>;
  setFloor: RoomCommands['setFloor'];
}

const isObserver = (p: RoomPerson) => p.kind === 'ministry' || p.kind === 'body';

/**
 * 発言権: observers (ministries, bodies) may chat and ask only while the secretariat gives them the
 * floor. Lists the observers in the room (✋ for a raised hand: HandQueue has them in order), and
 * anyone holding the floor who has since left.
 */
export function FloorControl({ presence, floor, handIds, setFloor }: Props) {
  const mt = useMeetingsT();
  const id = useId();
  const { busy, failure, run } = useRoomCommand();

  const observers = presence.flatMap((g) => g.people.filter(isObserver));
  const floorIds = new Set(floor.map((p) => p.id));
  const presentIds = new Set(observers.map((p) => p.id));
  const people = [...observers, ...floor.filter((p) => !presentIds.has(p.id))];

  const change = (person: RoomPerson, on: boolean) => run(person.id, () => setFloor(person.id, on));

  return (
    <section className="room-panel room-floor" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="room-panel__title">
        {mt('meetings.room.floor')}
      </h2>
      <p className="small muted">{mt('meetings.room.floorLead')}</p>
      {people.length === 0 ? (
        <p className="muted">{mt('meetings.room.noObservers')}</p>
      ) : (
        <ul className="room-floor__list">
          {people.map((person) => {
            const has = floorIds.has(person.id);
            return (
              <li key={person.id} className="room-floor__item">
                <SpeakerBadge kind={person.kind} />
                <PersonWithOrganization person={person} block="meeting-person" />
                {handIds.has(person.id) && <HandMark label={mt('meetings.room.handRaisedMark')} />}
                {has && <span className="floor-flag">{mt('meetings.room.hasFloor')}</span>}
                {!presentIds.has(person.id) && <span className="small muted">{mt('meetings.room.left')}</span>}
                <button
                  type="button"
                  className={has ? 'button button--danger-outline button--small' : 'button button--secondary button--small'}
                  disabled={busy === person.id}
                  aria-busy={busy === person.id || undefined}
                  onClick={() => void change(person, !has)}
                >
                  {has
                    ? mt('meetings.room.takeFloor', { name: person.displayName })
                    : mt('meetings.room.giveFloor', { name: person.displayName })}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <InlineError message={failure} />
    </section>
  );
}
