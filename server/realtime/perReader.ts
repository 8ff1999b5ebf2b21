/**
 * Per-reader broadcasts: an entity that carries the reader's `abilities` cannot go to a room as one
 * payload. The sockets of the room are grouped by what `view(actor)` says (its `key`); each group
 * gets one emit of its payload, so a thread room costs a handful of emits (the author, the
 * secretariat, other posters, observers), not one per socket. Synchronous, so events keep their
 * order per connection like any other broadcast.
 *
 * It reads this process's sockets. With several nodes (a shared adapter), each node runs it for its
 * own sockets: the fan-out travels as a server-side event carrying the entity, not the payloads.
 */
import type { Actor } from '@shared/domain';
import type { ServerToClientEvents } from '@shared/socketEvents';
import { callerOf } from './caller';
import type { CouncilServer } from './io';

export interface ReaderView<P> {
  /** Readers with the same key get the same payload. */
  key: string;
  payload: () => P;
}

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

export function emitPerReader<E extends keyof ServerToClientEvents>(
  io: CouncilServer,
  room: string,
  event: E,
  view: (actor: Actor) => ReaderView<Payload<E>> | null,
): void {
  const ids = io.of('/').adapter.rooms.get(room);
  if (!ids?.size) return;
  const groups = new Map<string, { ids: string[]; payload: () => Payload<E> }>();
  for (const id of ids) {
    const socket = io.of('/').sockets.get(id);
    const caller = socket && callerOf(socket);
    if (!caller) continue;
    const seen = view(caller.actor);
    if (!seen) continue;
    const group = groups.get(seen.key);
    if (group) group.ids.push(id);
    else groups.set(seen.key, { ids: [id], payload: seen.payload });
  }
  for (const { ids: targets, payload } of groups.values()) {
    // Typed emit through the room operator (socket ids are rooms of one).
    (io.to(targets).emit as (event: E, payload: Payload<E>) => boolean)(event, payload());
  }
}
