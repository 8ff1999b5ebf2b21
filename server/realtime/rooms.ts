/** What several features need of a room: who is in it, and a per-room pace for telling them so. */
import type { Person } from '@shared/schemas/threads';
import type { WorkTracker } from '../http/work';
import type { CouncilServer, CouncilSocket } from './io';

/** Set once at connection (io.ts): the person a socket belongs to, as rooms show them. */
export interface CouncilSocketData {
  person?: Person;
  /** The app's work tracker: each event runs under its deadline and counts for a graceful shutdown. */
  work?: WorkTracker;
}

export const personOfSocket = (socket: Pick<CouncilSocket, 'data'>): Person | undefined => (socket.data as CouncilSocketData).person;

/** The distinct people with a socket in `room` (several tabs count once); works across nodes with an adapter. */
export async function peopleInRoom(io: CouncilServer, room: string): Promise<Map<string, Person>> {
  const people = new Map<string, Person>();
  for (const socket of await io.in(room).fetchSockets()) {
    const person = (socket.data as CouncilSocketData).person;
    if (person) people.set(person.id, person);
  }
  return people;
}

/**
 * Run `task(key)` at most once per `windowMs` per key, after the first request in a window: joins
 * and leaves in a burst become one presence broadcast.
 */
export function coalescePerKey(windowMs: number, task: (key: string) => Promise<void> | void) {
  const due = new Map<string, NodeJS.Timeout>();
  return {
    schedule(key: string) {
      if (due.has(key)) return;
      due.set(
        key,
        setTimeout(() => {
          due.delete(key);
          void Promise.resolve(task(key)).catch(() => undefined);
        }, windowMs),
      );
    },
    close() {
      for (const timer of due.values()) clearTimeout(timer);
      due.clear();
    },
  };
}
