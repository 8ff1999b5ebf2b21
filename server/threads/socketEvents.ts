/**
 * The forum over Socket.IO: joining a thread's room (same read check as REST), live sends and
 * changes through the same services as the REST routes, typing and presence. At connect, a socket
 * joins the rooms of the visibilities its person may read, for live thread-list updates.
 */
import type { Request } from 'express';
import { can } from '@shared/permissions';
import type { Person } from '@shared/schemas/threads';
import { LIMITS, readableVisibilities } from '@shared/threads/rules';
import type { AppContext } from '../context';
import { forbidden } from '../http/errors';
import { handleEvent } from '../realtime/events';
import { coalescePerKey, peopleInRoom } from '../realtime/rooms';
import type { CouncilServer, CouncilSocket } from '../realtime/io';
import type { UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { readableThread } from './access';
import { forumRooms } from './broadcast';
import { deleteMessage, editMessage, hideMessage, messagePageOf, postMessage, restoreMessage } from './messages';
import { presentThread } from './presenter';
import { setReaction } from './reactions';
import { markRead, readSeqs } from './readCursors';

const TYPING_INTERVAL_MS = 2_000;
const PRESENCE_WINDOW_MS = 500;

/** Who is viewing each thread; changes are coalesced to one broadcast per thread per window. */
export function createPresence(io: CouncilServer, send: (threadId: string, viewers: Person[]) => void) {
  const viewersOf = async (threadId: string) => [...(await peopleInRoom(io, forumRooms.thread(threadId))).values()];
  const pace = coalescePerKey(PRESENCE_WINDOW_MS, async (threadId) => send(threadId, await viewersOf(threadId)));
  return { viewersOf, changed: pace.schedule, close: pace.close };
}
export type Presence = ReturnType<typeof createPresence>;

export function registerForumEvents(socket: CouncilSocket, { forum, presence, postLimit }: Pick<AppContext, 'forum' | 'presence' | 'postLimit'>): void {
  const user = (socket.request as Request).user as UserWithOrganization;
  const actor = toActor(user);
  /** When this socket last announced typing, per thread. */
  const typingAt = new Map<string, number>();
  void socket.join(readableVisibilities(actor).map(forumRooms.readers));

  const joinedThreads = () => [...socket.rooms].filter((r) => /^thread:[0-9a-f]{24}$/.test(r)).map((r) => r.slice('thread:'.length));
  socket.on('disconnecting', () => joinedThreads().forEach((id) => presence.changed(id)));

  handleEvent(socket, 'thread.join', actor, async ({ threadId, afterSeq }) => {
    const thread = await readableThread(actor, threadId);
    const roomsToJoin = [forumRooms.thread(threadId)];
    if (can(actor, 'moderate')) roomsToJoin.push(forumRooms.moderators(threadId));
    await socket.join(roomsToJoin);
    const [page, seqs, viewers] = await Promise.all([
      afterSeq !== undefined ? messagePageOf(actor, thread, { after: afterSeq, limit: LIMITS.catchUpSize }) : null,
      readSeqs(actor.id, [threadId]),
      presence.viewersOf(threadId),
    ]);
    presence.changed(threadId);
    return {
      thread: presentThread(thread),
      readSeq: seqs.get(threadId) ?? 0,
      missed: page?.messages ?? [],
      hasMore: page?.hasMore ?? false,
      viewers,
    };
  });

  handleEvent(socket, 'thread.leave', actor, async ({ threadId }) => {
    await socket.leave(forumRooms.thread(threadId));
    await socket.leave(forumRooms.moderators(threadId));
    presence.changed(threadId);
    return {};
  });

  handleEvent(socket, 'thread.typing', actor, ({ threadId }) => {
    if (!socket.rooms.has(forumRooms.thread(threadId))) throw forbidden('join the thread first');
    if (!can(actor, 'message.post')) throw forbidden('you may not post in this thread');
    const now = Date.now();
    // Throttled per socket and thread: keystrokes do not become a broadcast storm.
    if (now - (typingAt.get(threadId) ?? 0) >= TYPING_INTERVAL_MS) {
      typingAt.set(threadId, now);
      socket.to(forumRooms.thread(threadId)).emit('thread.typing', { threadId, user: socket.data.person });
    }
    return {};
  });

  handleEvent(socket, 'thread.read', actor, ({ threadId, seq }) => markRead({ actor, threadId, seq, broadcast: forum }));

  // The same pace as the REST send (routes.ts), then the same service.
  handleEvent(socket, 'message.send', actor, async (p) => {
    await postLimit.consume(actor.id);
    return postMessage({ user, ...p, broadcast: forum });
  });
  handleEvent(socket, 'message.edit', actor, async (p) => ({
    message: await editMessage({ actor, messageId: p.messageId, body: p.body, version: p.version, broadcast: forum }),
  }));
  handleEvent(socket, 'message.delete', actor, async (p) => ({ message: await deleteMessage({ actor, messageId: p.messageId, broadcast: forum }) }));
  handleEvent(socket, 'message.hide', actor, async (p) => ({
    message: await hideMessage({ user, messageId: p.messageId, reason: p.reason, broadcast: forum }),
  }));
  handleEvent(socket, 'message.restore', actor, async (p) => ({ message: await restoreMessage({ user, messageId: p.messageId, broadcast: forum }) }));
  handleEvent(socket, 'reaction.set', actor, (p) => setReaction({ actor, messageId: p.messageId, key: p.key, on: p.on, broadcast: forum }));
}
