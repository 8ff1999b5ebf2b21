/**
 * A thread's messages as one client holds them, and the pure function that applies a live event.
 * The client's cache and the tests use the same code, so "apply every event" provably ends where a
 * fresh fetch does. Messages are keyed by id and ordered by their per-thread number (seq); applying
 * an event twice, or an older copy after a newer one, changes nothing.
 */
import type { Message, Reaction } from '../schemas/threads';

export type TimelineEvent =
  | { type: 'message.created' | 'message.edited' | 'message.deleted' | 'message.hidden' | 'message.restored'; message: Message }
  | { type: 'message.replies'; messageId: string; replyCount: number; lastReplyAt: string | null }
  | { type: 'reaction.changed'; messageId: string; reactions: Reaction[] };

export interface Timeline {
  /** Ordered by seq, no duplicates. */
  messages: Message[];
  /** The highest seq seen. */
  lastSeq: number;
}

export const emptyTimeline: Timeline = { messages: [], lastSeq: 0 };

/** An older text version never overwrites a newer one; the same version may (hide, restore and delete keep it). */
const isNewer = (incoming: Message, current: Message) => incoming.version >= current.version;

/** Insert or replace messages, keeping seq order; an older version never overwrites a newer one. */
export function mergeMessages(timeline: Timeline, incoming: readonly Message[]): Timeline {
  if (!incoming.length) return timeline;
  const byId = new Map(timeline.messages.map((m) => [m.id, m]));
  let lastSeq = timeline.lastSeq;
  for (const message of incoming) {
    const current = byId.get(message.id);
    if (!current || isNewer(message, current)) {
      // Reply counts also travel in their own events, and only grow: keep the higher.
      byId.set(message.id, current ? { ...message, replyCount: Math.max(message.replyCount, current.replyCount) } : message);
    }
    lastSeq = Math.max(lastSeq, message.seq);
  }
  const messages = [...byId.values()].sort((a, b) => a.seq - b.seq);
  return { messages, lastSeq };
}

function updateOne(timeline: Timeline, id: string, change: (m: Message) => Message): Timeline {
  const index = timeline.messages.findIndex((m) => m.id === id);
  if (index < 0) return timeline;
  const messages = timeline.messages.slice();
  messages[index] = change(messages[index]!);
  return { ...timeline, messages };
}

export function applyTimelineEvent(timeline: Timeline, event: TimelineEvent): Timeline {
  switch (event.type) {
    case 'message.replies':
      return updateOne(timeline, event.messageId, (m) =>
        event.replyCount >= m.replyCount ? { ...m, replyCount: event.replyCount, lastReplyAt: event.lastReplyAt } : m,
      );
    case 'reaction.changed':
      return updateOne(timeline, event.messageId, (m) => ({ ...m, reactions: event.reactions }));
    default:
      return mergeMessages(timeline, [event.message]);
  }
}
