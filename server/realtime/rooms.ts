/** What several features need of a room: who is in it, and a per-room pace for telling them so. */
import type { RoomPerson } from '@shared/schemas/threads';
import { isClustered } from './cluster';
import type { CouncilServer, CouncilSocket } from './io';

/** How long, in the shared mode, one cross-node read of a room's people serves the joins that ask for it. */
const SHARED_READ_MS = 250;
/** How long the other nodes get to answer who of theirs is in a room (Socket.IO's default is 5 s). */
const OTHER_NODES_MS = 3_000;
const recentReads = new WeakMap<CouncilServer, Map<string, { at: number; people: Promise<Map<string, RoomPerson>> }>>();

async function readPeople(io: CouncilServer, room: string): Promise<Map<string, RoomPerson>> {
  const people = new Map<string, RoomPerson>();
  let sockets: Array<{ data: Partial<CouncilSocket['data']> }>;
  try {
    sockets = await io.in(room).timeout(OTHER_NODES_MS).fetchSockets();
  } catch (err) {
    // Another node did not answer in time: this node's own sockets, rather than a refused join (logged by the caller's
    // next successful read being different; presence is corrected by the next coalesced broadcast).
    if (!isClustered(io)) throw err;
    sockets = [...(io.of('/').adapter.rooms.get(room) ?? [])].flatMap((id) => io.of('/').sockets.get(id) ?? []);
  }
  for (const socket of sockets) {
    const person = socket.data.person;
    if (person) people.set(person.id, person);
  }
  return people;
}

/**
 * The distinct people with a socket in `room` (several tabs count once); works across nodes with an adapter.
 *
 * In the shared mode (several nodes) each read asks every node for its sockets in the room through Redis, a cost
 * that grows with the room: a plenary's 2,000 joins asking one each would ask it 2,000 times. So a join's read
 * (`fresh: false`) shares one read with the joins of the next SHARED_READ_MS; the coalesced presence broadcasts
 * (a few a second per room) read `fresh`, so what everyone is told of the room is never older than its last change.
 * With one node a read is a look at this process's memory, always fresh.
 */
export async function peopleInRoom(
  io: CouncilServer,
  room: string,
  { fresh = true }: { fresh?: boolean } = {},
): Promise<Map<string, RoomPerson>> {
  if (fresh || !isClustered(io)) return readPeople(io, room);
  let reads = recentReads.get(io);
  if (!reads) recentReads.set(io, (reads = new Map()));
  const held = reads.get(room);
  if (held && Date.now() - held.at < SHARED_READ_MS) return held.people;
  const entry = { at: Date.now(), people: readPeople(io, room) };
  reads.set(room, entry);
  const forget = () => {
    if (reads.get(room) === entry) reads.delete(room);
  };
  setTimeout(forget, SHARED_READ_MS).unref();
  entry.people.catch(forget);
  return entry.people;
}

/**
 * Join `rooms`, then `read` what the joiner is shown: a change announced before the join is in what
 * is read, one announced after reaches the socket live (reading first could miss one announced in
 * between). If the read refuses (access gone meanwhile) or fails (the database away), the socket leaves the rooms
 * again: a client told its join failed gets no live events. So `read` holds everything the join answers with.
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
