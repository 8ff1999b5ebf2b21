/**
 * Socket.IO across nodes: the Redis Streams adapter (it resumes its stream after a Redis reconnect without losing a
 * packet, and keeps connection-state-recovery sessions in Redis). Broadcasts, `fetchSockets` (presence),
 * `disconnectSockets` (deactivation, logout) and server-side events then reach every node.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { CouncilServer } from '../realtime/io';
import { markClustered } from '../realtime/cluster';
import type { SharedRedis } from './redis';

export const STREAM_NAME = 'council:socket.io';

export function shareRooms(io: CouncilServer, redis: SharedRedis): void {
  io.adapter(createAdapter(redis.client, { streamName: STREAM_NAME, sessionKeyPrefix: 'council:sio:session:' }));
  markClustered(io);
}
