import { useId, useState } from 'react';
import type { RoomPresence } from '@shared/schemas/meetings';
import type { Person } from '@shared/schemas/threads';
import { InlineError } from '@client/components/InlineError';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useOrganizations } from '@client/queries/organizations';
import { PersonWithOrganization } from '@client/components/PersonWithOrganization';
import { useMeetingsT } from '../useMeetingsT';
import type { RoomCommands } from './useMeetingRoom';

interface Props {
  presence: RoomPresence;
  floor: Person[];
  setFloor: RoomCommands['setFloor'];
}

/**
 * 発言権: observers (ministries, bodies) may chat and ask only while the secretariat gives them the
 * floor. Lists the observers in the room, and anyone holding the floor who has since left.
 */
export function FloorControl({ presence, floor, setFloor }: Props) {
  const mt = useMeetingsT();
  const errorMessage = useErrorMessage();
  const id = useId();
  const directory = useOrganizations();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const observerOrgIds = new Set((directory.data?.organizations ?? []).filter((o) => o.kind === 'observer').map((o) => o.id));
  const observers = presence.filter((g) => observerOrgIds.has(g.organization.id)).flatMap((g) => g.people);
  const floorIds = new Set(floor.map((p) => p.id));
  const presentIds = new Set(observers.map((p) => p.id));
  const people = [...observers, ...floor.filter((p) => !presentIds.has(p.id))];

  async function change(person: Person, on: boolean) {
    setBusy(person.id);
    setFailure(null);
    try {
      await setFloor(person.id, on);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="room-panel room-floor" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="room-panel__title">
        {mt('meetings.room.floor')}
      </h2>
      <p className="small muted">{mt('meetings.room.floorLead')}</p>
      {people.length === 0 ? (
        <p className="muted">{directory.isPending ? mt('meetings.pickers.loading') : mt('meetings.room.noObservers')}</p>
      ) : (
        <ul className="room-floor__list">
          {people.map((person) => {
            const has = floorIds.has(person.id);
            return (
              <li key={person.id} className="room-floor__item">
                <PersonWithOrganization person={person} block="meeting-person" />
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
