/**
 * What the forum tells connected clients, after each write is stored (DESIGN.md §3). Rooms:
 * `thread:<id>` for those viewing a thread, `thread:<id>:mod` for the moderators among them (who
 * see hidden text), and `readers:<visibility>` for everyone who may read threads of that visibility
 * (thread list updates). Thread activity is coalesced per thread so a busy thread does not flood lists.
 */
import type { Message, Person, Reaction, Thread } from '@shared/schemas/threads';
import type { Visibility } from '@shared/threads/rules';
import type { CouncilServer } from '../realtime/io';

export const forumRooms = {
  thread: (id: string) => `thread:${id}`,
  moderators: (id: string) => `thread:${id}:mod`,
  readers: (visibility: Visibility) => `readers:${visibility}`,
};

type MessageEvent = 'message.created' | 'message.edited' | 'message.deleted' | 'message.hidden' | 'message.restored';

export interface ForumBroadcast {
  /** `forReaders` is the message as ordinary readers see it; `forModerators` as the secretariat does. */
  message(event: MessageEvent, forReaders: Message, forModerators: Message): void;
  replies(threadId: string, messageId: string, replyCount: number, lastReplyAt: string | null): void;
  reactions(threadId: string, messageId: string, reactions: Reaction[]): void;
  threadCreated(thread: Thread): void;
  /** Coalesced: within the window only the newest state of a thread is sent. */
  threadUpdated(thread: Thread): void;
  readMoved(userId: string, state: { threadId: string; readSeq: number; lastSeq: number }): void;
  presence(threadId: string, viewers: Person[]): void;
  close(): void;
}

const ACTIVITY_WINDOW_MS = 250;

export function createForumBroadcast(io: CouncilServer): ForumBroadcast {
  const pending = new Map<string, Thread>();
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    for (const thread of pending.values()) io.to(forumRooms.readers(thread.visibility)).emit('thread.updated', thread);
    pending.clear();
  };

  return {
    message(event, forReaders, forModerators) {
      const id = forReaders.threadId;
      io.to(forumRooms.thread(id)).except(forumRooms.moderators(id)).emit(event, forReaders);
      io.to(forumRooms.moderators(id)).emit(event, forModerators);
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
    presence(threadId, viewers) {
      io.to(forumRooms.thread(threadId)).emit('thread.presence', { threadId, viewers });
    },
    close() {
      if (timer) clearTimeout(timer);
      flush();
    },
  };
}
