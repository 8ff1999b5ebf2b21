/**
 * The forum over Socket.IO: joining a thread's room (same read check as REST), live sends and
 * changes through the same services as the REST routes, typing and presence. At connect, a socket
 * joins the rooms of the visibilities its person may read, for live thread-list updates.
 */
import { threadAbilities } from '@shared/policies/thread';
import type { Person } from '@shared/schemas/threads';
import { LIMITS, readableVisibilities } from '@shared/threads/rules';
import type { AppContext } from '../context';
import { sinceArrival } from '../db/viewFeed';
import { forbidden } from '../http/errors';
import { coalescePerKey, joinThenRead, peopleInRoom } from '../realtime/rooms';
import type { CouncilServer, CouncilSocket, SocketFeature } from '../realtime/io';
import { readableThreadRow, requireCanPost } from './access';
import { forumRooms } from './broadcast';
import { deleteMessage, editMessage, hideMessage, messagePageOf, postMessage, restoreMessage } from './messages';
import { presentThread, threadFacts } from './presenter';
import { setReaction } from './reactions';
import { markRead, readSeqs } from './readCursors';

const TYPING_INTERVAL_MS = 2_000;
const PRESENCE_WINDOW_MS = 500;

/** Who is viewing each thread; changes are coalesced to one broadcast per thread per window. */
export function createPresence(io: CouncilServer, send: (threadId: string, viewers: Person[]) => void) {
  const read = async (threadId: string, fresh: boolean) => [...(await peopleInRoom(io, forumRooms.thread(threadId), { fresh })).values()];
  const pace = coalescePerKey(PRESENCE_WINDOW_MS, async (threadId) => send(threadId, await read(threadId, true)));
  /** For a joiner: in the shared mode possibly a read shared with other joins of the last 250 ms (realtime/rooms.ts). */
  const viewersOf = (threadId: string) => read(threadId, false);
  return { viewersOf, changed: pace.schedule, close: pace.close };
}
export type Presence = ReturnType<typeof createPresence>;

/** When each socket last announced typing, per thread (a socket that never types has no entry). */
const typingAt = new WeakMap<CouncilSocket, Map<string, number>>();

const joinedThreads = (socket: CouncilSocket) =>
  [...socket.rooms].filter((r) => /^thread:[0-9a-f]{24}$/.test(r)).map((r) => r.slice('thread:'.length));

export function forumFeature({ forum, presence, postLimit }: Pick<AppContext, 'forum' | 'presence' | 'postLimit'>): SocketFeature {
  return {
    roomsAtConnect: (actor) => readableVisibilities(actor).map(forumRooms.readers),
    disconnecting: (socket) => joinedThreads(socket).forEach((id) => presence.changed(id)),
    events: {
      'thread.join': async ({ threadId, afterSeq }, { actor, socket }) => {
        await readableThreadRow(actor, threadId);
        // Read again with a look at the change log begun after joining the room (the thread view, and with it
        // the bucket cache the catch-up reads). As of the event's arrival, a message stored and announced
        // between the arrival and the join could be in neither the catch-up nor the live stream while a later
        // one was — a gap the client never fills.
        // Everything the joiner is shown is read inside: a read that fails leaves the room again, as a meeting's join does.
        const joined = await joinThenRead(socket, [forumRooms.thread(threadId)], async () => {
          const thread = await sinceArrival(() => readableThreadRow(actor, threadId));
          const [page, seqs, viewers] = await Promise.all([
            afterSeq !== undefined ? messagePageOf(actor, thread, { after: afterSeq, limit: LIMITS.catchUpSize }) : null,
            readSeqs(actor.id, [threadId]),
            presence.viewersOf(threadId),
          ]);
          return {
            thread: presentThread(thread),
            abilities: threadAbilities(actor, threadFacts(thread)),
            readSeq: seqs.get(threadId) ?? 0,
            missed: page?.messages ?? [],
            hasMore: page?.hasMore ?? false,
            viewers,
          };
        });
        presence.changed(threadId);
        return joined;
      },

      'thread.leave': async ({ threadId }, { socket }) => {
        await socket.leave(forumRooms.thread(threadId));
        presence.changed(threadId);
        return {};
      },

      'thread.typing': async ({ threadId }, { actor, person, socket }) => {
        if (!socket.rooms.has(forumRooms.thread(threadId))) throw forbidden('join the thread first');
        // The posting rule itself (a locked thread too): typing where one may not post would tell others a reply
        // is coming that cannot come. The thread is read from the in-memory view.
        requireCanPost(actor, threadFacts(await readableThreadRow(actor, threadId)));
        const now = Date.now();
        // Throttled per socket and thread: keystrokes do not become a broadcast storm.
        const last = typingAt.get(socket) ?? new Map<string, number>();
        if (now - (last.get(threadId) ?? 0) >= TYPING_INTERVAL_MS) {
          last.set(threadId, now);
          typingAt.set(socket, last);
          socket.to(forumRooms.thread(threadId)).emit('thread.typing', { threadId, user: person });
        }
        return {};
      },

      'thread.read': ({ threadId, seq }, { actor }) => markRead({ actor, threadId, seq, broadcast: forum }),

      // The same pace as the REST send (routes.ts), then the same service.
      'message.send': async (p, { actor, user }) => {
        await postLimit.consume(actor.id);
        return postMessage({ user, ...p, broadcast: forum });
      },
      'message.edit': async (p, { actor }) => ({
        message: await editMessage({ actor, messageId: p.messageId, body: p.body, version: p.version, broadcast: forum }),
      }),
      'message.delete': async (p, { actor }) => ({ message: await deleteMessage({ actor, messageId: p.messageId, broadcast: forum }) }),
      'message.hide': async (p, { user }) => ({
        message: await hideMessage({ user, messageId: p.messageId, reason: p.reason, broadcast: forum }),
      }),
      'message.restore': async (p, { user }) => ({ message: await restoreMessage({ user, messageId: p.messageId, broadcast: forum }) }),
      'reaction.set': (p, { actor }) => setReaction({ actor, messageId: p.messageId, key: p.key, on: p.on, broadcast: forum }),
    },
  };
}
