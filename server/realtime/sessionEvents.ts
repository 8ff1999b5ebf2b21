import type { Actor } from '@shared/domain';
import { handleEvent, refuseUnknownEvents } from './events';
import type { CouncilSocket } from './io';

/** Events about the connection itself. Feature modules register their own beside this one. */
export function registerSessionEvents(socket: CouncilSocket, actor: Actor): void {
  refuseUnknownEvents(socket);
  handleEvent(socket, 'session.ping', actor, () => ({ userId: actor.id, serverTime: Date.now() }));
}
