/**
 * Socket.IO across nodes: the Redis Streams adapter (it resumes its stream after a Redis reconnect without losing a
 * packet, and keeps connection-state-recovery sessions in Redis). Broadcasts, `fetchSockets` (presence),
 * `disconnectSockets` (deactivation, logout) and server-side events then reach every node.
 *
 * While Redis is away, `fetchSockets` answers with this node's sockets alone (presence is per node until it is back,
 * as the log line says): asked of the others, it would wait on Redis for the request's whole deadline, and every
 * thread or room join with it. Broadcasts wait in the client's queue and reach the other nodes once Redis is back.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Adapter, BroadcastOptions } from 'socket.io-adapter';
import type { CouncilServer } from '../realtime/io';
import { markClustered } from '../realtime/cluster';
import type { SharedRedis } from './redis';

export const STREAM_NAME = 'council:socket.io';

export function shareRooms(io: CouncilServer, redis: SharedRedis): void {
  const shared = createAdapter(redis.client, { streamName: STREAM_NAME, sessionKeyPrefix: 'council:sio:session:' }) as (
    nsp: unknown,
  ) => Adapter;
  // A function, not an arrow: Socket.IO calls it with `new`, and the object it returns is the adapter.
  function perNamespace(nsp: unknown): Adapter {
    const adapter = shared(nsp);
    const fetchSockets = adapter.fetchSockets.bind(adapter);
    // (The cluster adapter's own `local` flag would not do: it counts the nodes through Redis first.)
    adapter.fetchSockets = (opts: BroadcastOptions) => (redis.isUp() ? fetchSockets(opts) : Promise.resolve(localSockets(adapter, opts)));
    return adapter;
  }
  io.adapter(perNamespace as unknown as Parameters<CouncilServer['adapter']>[0]);
  markClustered(io);
}

/** This node's sockets that `opts` names, as the in-memory adapter picks them: in any of the rooms (all when none), in none of the excepted. */
function localSockets(adapter: Adapter, opts: BroadcastOptions): unknown[] {
  const members = (rooms: Iterable<string>) => [...rooms].flatMap((room) => [...(adapter.rooms.get(room) ?? [])]);
  const except = new Set(members(opts.except ?? []));
  const ids = opts.rooms.size ? new Set(members(opts.rooms)) : new Set(adapter.sids.keys());
  return [...ids]
    .filter((id) => !except.has(id))
    .map((id) => adapter.nsp.sockets.get(id) as unknown)
    .filter(Boolean);
}
