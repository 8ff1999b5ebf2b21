/**
 * The live room as this client holds it: the state the join acknowledgement brings, then every
 * room event folded in. Pure functions, so reconnecting (a new join) and live events go through
 * the same merge and nothing shows twice.
 */
import { queueOrder } from '@shared/meetings/rules';
import type { MeetingStatus } from '@shared/meetings/rules';
import { applyPresenceChange, type PresenceChange } from '@shared/meetings/presence';
import type { ChatMessage, Question, RaisedHand, RoomState } from '@shared/schemas/meetings';
import type { RoomPerson } from '@shared/schemas/threads';

export type Room = Omit<RoomState, 'canSpeak'>;

export type RoomEvent =
  | { type: 'joined'; state: RoomState }
  | { type: 'chat'; message: ChatMessage }
  | { type: 'question'; question: Question }
  | { type: 'agendaCurrent'; agendaItemId: string | null }
  | { type: 'floor'; floor: RoomPerson[] }
  | { type: 'hands'; hands: RaisedHand[] }
  | { type: 'presence'; change: PresenceChange }
  | { type: 'status'; status: MeetingStatus };

/** Add messages not held yet, kept in the server's order (seq). */
export function mergeChat(held: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const known = new Set(held.map((m) => m.id));
  const added = incoming.filter((m) => !known.has(m.id));
  if (added.length === 0) return held as ChatMessage[];
  const merged = [...held, ...added];
  const last = held.at(-1);
  // Live messages nearly always arrive in order: sort only when one did not.
  return last && added.some((m) => m.seq < last.seq) ? merged.sort((a, b) => a.seq - b.seq) : merged;
}

/** A changed question replaces the one held (or joins the queue), and the queue is put back in order. */
export function mergeQuestions(held: readonly Question[], incoming: readonly Question[]): Question[] {
  const byId = new Map(held.map((q) => [q.id, q]));
  for (const q of incoming) byId.set(q.id, q);
  return queueOrder([...byId.values()]);
}

export function roomReducer(room: Room | null, event: RoomEvent): Room | null {
  if (event.type === 'joined') {
    const { canSpeak: _canSpeak, ...state } = event.state;
    // A re-join after a reconnection brings everything again; keep what arrived meanwhile too.
    if (!room) return { ...state, questions: queueOrder(state.questions) };
    return { ...state, chat: mergeChat(state.chat, room.chat), questions: mergeQuestions(room.questions, state.questions) };
  }
  if (!room) return room; // Events before the first join are covered by the join's own state.
  switch (event.type) {
    case 'chat':
      return { ...room, chat: mergeChat(room.chat, [event.message]) };
    case 'question':
      return { ...room, questions: mergeQuestions(room.questions, [event.question]) };
    case 'agendaCurrent':
      return { ...room, meeting: { ...room.meeting, currentAgendaItemId: event.agendaItemId } };
    case 'floor':
      return { ...room, floor: event.floor };
    case 'hands':
      // The whole queue, as the server last read it.
      return { ...room, hands: event.hands };
    case 'presence':
      return { ...room, presence: applyPresenceChange(room.presence, event.change) };
    case 'status':
      // Ending the meeting also takes the floor back from everyone and lowers every hand (the server clears them).
      return event.status === 'live'
        ? { ...room, meeting: { ...room.meeting, status: event.status } }
        : { ...room, meeting: { ...room.meeting, status: event.status }, floor: [], hands: [] };
  }
}

/**
 * Whether this person may chat and ask now: only while live; vendors and the secretariat always
 * (their `meeting.speak` ability), observers while the secretariat gives them the floor.
 */
export function canSpeakIn(room: Room, me: { id: string; speaksByRole: boolean }): boolean {
  return room.meeting.status === 'live' && (me.speaksByRole || room.floor.some((p) => p.id === me.id));
}
