/** What several features need of a room: who is in it, and a per-room pace for telling them so. */
import type { RoomPerson } from '@shared/schemas/threads';
import type { CouncilServer, CouncilSocket } from './io';

/** The distinct people with a socket in `room` (several tabs count once); works across nodes with an adapter. */
export async function peopleInRoom(io: CouncilServer, room: string): Promise<Map<string, RoomPerson>> {
  const people = new Map<string, RoomPerson>();
  for (const socket of await io.in(room).fetchSockets()) {
    const person = socket.data.person;
    if (person) people.set(person.id, person);
  }
  return people;
}

/**
 * Join `rooms`, then `read` what the joiner is shown: a change announced before the join is in what
 * is read, one announced after reaches the socket live (reading first could miss one announced in
 * between). If the read refuses (access gone meanwhile), the socket leaves the rooms again.
 */
export async function joinThenRead<T>(socket: CouncilSocket, rooms: string[], read: () => Promise<T>): Promise<T> {
  await socket.join(rooms);
  try {
    return await read();
  } catch (err) {
    for (const room of rooms) await socket.leave(room);
    throw err;
  }
}

/**
 * Run `task(key)` at most once per `windowMs` per key, after the first request in a window: joins
 * and leaves in a burst become one presence broadcast. The next window opens only when the task has
 * finished, so however slow a task is under load, two of its results never go out closer together
 * than `windowMs`.
 */
export function coalescePerKey(windowMs: number, task: (key: string) => Promise<void> | void) {
  const due = new Map<string, NodeJS.Timeout>();
  const running = new Set<string>();
  const pending = new Set<string>();
  let closed = false;
  function arm(key: string): void {
    due.set(
      key,
      setTimeout(() => {
        due.delete(key);
        running.add(key);
        void Promise.resolve()
          .then(() => task(key))
          .catch(() => undefined)
          .finally(() => {
            running.delete(key);
            if (pending.delete(key) && !closed) arm(key);
          });
      }, windowMs),
    );
  }
  return {
    schedule(key: string) {
      if (closed || due.has(key)) return;
      if (running.has(key)) pending.add(key);
      else arm(key);
    },
    close() {
      closed = true;
      for (const timer of due.values()) clearTimeout(timer);
      due.clear();
      pending.clear();
    },
  };
}
