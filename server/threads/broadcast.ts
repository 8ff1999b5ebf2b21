/**
 * What the forum tells connected clients, after each write is stored (DESIGN.md §3). Rooms:
 * `thread:<id>` for those viewing a thread, and `readers:<visibility>` for everyone who may read
 * threads of that visibility (thread list updates). A message goes to its thread room per reader
 * (realtime/perReader.ts): the secretariat sees hidden text, and each reader gets what they may do
 * with it. Thread activity is coalesced per thread so a busy thread does not flood lists.
 */
import type { PostedEvent, ThreadNotifications } from '../notifications/triggers/threads';
import { can } from '@shared/permissions';
import { messageAbilities, threadAbilities, type ThreadFacts } from '@shared/policies/thread';
import type { Message, MessageView, Person, Reaction, Subscription, Thread } from '@shared/schemas/threads';
import type { Visibility } from '@shared/threads/rules';
import type { CouncilServer } from '../realtime/io';
import { clusterEmit, onCluster } from '../realtime/cluster';
import { emitPerReader, type ReaderView } from '../realtime/perReader';

export const forumRooms = {
  thread: (id: string) => `thread:${id}`,
  readers: (visibility: Visibility) => `readers:${visibility}`,
};

type MessageEvent = 'message.created' | 'message.edited' | 'message.deleted' | 'message.hidden' | 'message.restored';

export interface ForumBroadcast {
  /** `forReaders` is the message as ordinary readers see it; `forModerators` as the secretariat does. */
  message(event: MessageEvent, thread: ThreadFacts, forReaders: MessageView, forModerators: MessageView): void;
  /** After a change to the thread (a lock, say): each reader in its room learns what they may now do. */
  threadAbilities(threadId: string, thread: ThreadFacts): void;
  replies(threadId: string, messageId: string, replyCount: number, lastReplyAt: string | null): void;
  reactions(threadId: string, messageId: string, reactions: Reaction[]): void;
  threadCreated(thread: Thread): void;
  /** Coalesced: within the window only the newest state of a thread is sent. */
  threadUpdated(thread: Thread): void;
  readMoved(userId: string, state: { threadId: string; readSeq: number; lastSeq: number }): void;
  /** The person's own choice for a thread, to their other tabs. */
  subscriptionChanged(userId: string, subscription: Subscription): void;
  presence(threadId: string, viewers: Person[]): void;
  /** A new message was stored: those it concerns are notified (mentions, a reply, followers). */
  posted(event: PostedEvent): void;
  close(): void;
}

const ACTIVITY_WINDOW_MS = 250;

export function createForumBroadcast(io: CouncilServer, notifications?: ThreadNotifications): ForumBroadcast {
  const pending = new Map<string, Thread>();
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    for (const thread of pending.values()) io.to(forumRooms.readers(thread.visibility)).emit('thread.updated', thread);
    pending.clear();
  };

  // Each node tells its own sockets, each reader their own view (realtime/perReader.ts, realtime/cluster.ts).
  onCluster(io, 'forum.message', (event: MessageEvent, thread: ThreadFacts, forReaders: MessageView, forModerators: MessageView) => {
    const facts = { authorId: forReaders.author.id, state: forReaders.state, parentId: forReaders.parentId };
    // Every post reaches every socket in the room: readers alike to the message rules (author or
    // not, role, organisation kind) are worked out once, not once per socket.
    const byClass = new Map<string, ReaderView<Message>>();
    emitPerReader(io, forumRooms.thread(forReaders.threadId), event, (actor) => {
      const o = actor.organization;
      const readerClass = `${actor.id === facts.authorId}|${actor.role}|${actor.active}|${o.kind}|${o.vendorType}|${o.observerKind}`;
      let seen = byClass.get(readerClass);
      if (!seen) {
        const view = can(actor, 'moderate') ? forModerators : forReaders;
        const abilities = messageAbilities(actor, facts, thread);
        seen = { key: readerClass, payload: () => ({ ...view, abilities }) };
        byClass.set(readerClass, seen);
      }
      return seen;
    });
  });
  onCluster(io, 'forum.threadAbilities', (threadId: string, thread: ThreadFacts) => {
    emitPerReader(io, forumRooms.thread(threadId), 'thread.abilities', (actor) => {
      const abilities = threadAbilities(actor, thread);
      return { key: JSON.stringify(abilities), payload: () => ({ threadId, abilities }) };
    });
  });

  return {
    posted(event) {
      notifications?.posted(event);
    },
    message(event, thread, forReaders, forModerators) {
      clusterEmit(io, 'forum.message', event, thread, forReaders, forModerators);
    },
    threadAbilities(threadId, thread) {
      clusterEmit(io, 'forum.threadAbilities', threadId, thread);
    },
    replies(threadId, messageId, replyCount, lastReplyAt) {
      io.to(forumRooms.thread(threadId)).emit('message.replies', { threadId, messageId, replyCount, lastReplyAt });
    },
    reactions(threadId, messageId, reactions) {
      io.to(forumRooms.thread(threadId)).emit('reaction.changed', { threadId, messageId, reactions });
    },
    threadCreated(thread) {
      io.to(forumRooms.readers(thread.visibility)).emit('thread.created', thread);
    },
    threadUpdated(thread) {
      const held = pending.get(thread.id);
      if (!held || held.lastSeq <= thread.lastSeq) pending.set(thread.id, thread);
      timer ??= setTimeout(flush, ACTIVITY_WINDOW_MS);
    },
    readMoved(userId, state) {
      io.to(`user:${userId}`).emit('thread.read', state);
    },
    subscriptionChanged(userId, subscription) {
      io.to(`user:${userId}`).emit('thread.subscription', subscription);
    },
    presence(threadId, viewers) {
      io.to(forumRooms.thread(threadId)).emit('thread.presence', { threadId, viewers });
    },
    close() {
      if (timer) clearTimeout(timer);
      flush();
    },
  };
}
