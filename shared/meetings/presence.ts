/**
 * Who is in a live room, grouped by organisation. The join acknowledgement carries the whole list;
 * afterwards the server sends only what changed ({ joined, left }), coalesced, because a plenary
 * room can hold every member vendor at once and the whole list to everyone twice a second would
 * be megabytes a second. Applying a change is idempotent, so a change that overlaps the list a
 * client already holds does no harm.
 */
import type { RoomPresence } from '../schemas/meetings';
import type { RoomPerson } from '../schemas/threads';

export interface PresenceChange {
  joined: RoomPerson[];
  /** Ids of people who left. */
  left: string[];
}

export function groupPresence(people: Iterable<RoomPerson>): RoomPresence {
  const byOrg = new Map<string, { organization: RoomPerson['organization']; people: RoomPerson[] }>();
  for (const person of people) {
    const group = byOrg.get(person.organization.id) ?? { organization: person.organization, people: [] };
    group.people.push(person);
    byOrg.set(person.organization.id, group);
  }
  return [...byOrg.values()];
}

export function applyPresenceChange(presence: RoomPresence, change: PresenceChange): RoomPresence {
  const people = new Map(presence.flatMap((g) => g.people.map((p) => [p.id, p] as const)));
  for (const id of change.left) people.delete(id);
  for (const person of change.joined) people.set(person.id, person);
  return groupPresence(people.values());
}

/** What changed from `before` to `after` (both keyed by person id). */
export function presenceChange(before: ReadonlyMap<string, RoomPerson>, after: ReadonlyMap<string, RoomPerson>): PresenceChange {
  return {
    joined: [...after.values()].filter((p) => !before.has(p.id)),
    left: [...before.keys()].filter((id) => !after.has(id)),
  };
}
