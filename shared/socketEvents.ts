/**
 * The typed Socket.IO event map, used by `new Server<ClientToServerEvents, ServerToClientEvents>()`
 * and by the client's `Socket<ServerToClientEvents, ClientToServerEvents>`. Event names read
 * `entity.verb`. Every client→server event takes one payload (validated by the schema in
 * SOCKET_EVENT_SCHEMAS) and an acknowledgement callback.
 */
import { z } from 'zod';
import type { ErrorBody } from './schemas/common';
import { ObjectIdString } from './schemas/common';
import type { HistoryEntry, Issue, IssueAbilities, IssueComment, SupportResult } from './schemas/issues';
import { ChatBody, QuestionBody, type ChatMessage, type Question, type RaisedHand, type RoomState } from './schemas/meetings';
import type { MeetingStatus } from './meetings/rules';
import type { PresenceChange } from './meetings/presence';
import type { Notification } from './schemas/notifications';
import type { ReportState, RoundState } from './statusReports/rules';
import {
  HideBody,
  MessageCreateBody,
  MessageEditBody,
  ReactionKey,
  ReadBody,
  type Message,
  type Person,
  type ReadState,
  type Reaction,
  type RoomPerson,
  type Subscription,
  type Thread,
  type ThreadAbilities,
} from './schemas/threads';

export type Ack<T extends object = object> =
  | ({ ok: true } & T)
  // REST's error body (a server failure's with its request id), less `reason`, which only REST refusals give.
  | { ok: false; error: Omit<ErrorBody['error'], 'reason'> };

export const SOCKET_EVENT_SCHEMAS = {
  'session.ping': z.strictObject({ at: z.number().int().nonnegative().optional() }),
  /** Enter a thread's room (read permission checked) and catch up on what came after `afterSeq`. */
  'thread.join': z.strictObject({ threadId: ObjectIdString, afterSeq: z.number().int().min(0).optional() }),
  'thread.leave': z.strictObject({ threadId: ObjectIdString }),
  'thread.typing': z.strictObject({ threadId: ObjectIdString }),
  // The writes REST also takes use the REST bodies, plus the id REST carries in its path.
  'thread.read': ReadBody.extend({ threadId: ObjectIdString }),
  'message.send': MessageCreateBody.extend({ threadId: ObjectIdString }),
  'message.edit': MessageEditBody.extend({ messageId: ObjectIdString }),
  'message.delete': z.strictObject({ messageId: ObjectIdString }),
  'message.hide': HideBody.extend({ messageId: ObjectIdString }),
  'message.restore': z.strictObject({ messageId: ObjectIdString }),
  'reaction.set': z.strictObject({ messageId: ObjectIdString, key: ReactionKey, on: z.boolean() }),
  /** Enter an issue's room: its comments, answers, history and support arrive live. */
  'issue.join': z.strictObject({ issueId: ObjectIdString }),
  'issue.leave': z.strictObject({ issueId: ObjectIdString }),
  /** Enter a meeting's live room (the invited, while live or after it ended, read-only). */
  'meeting.join': z.strictObject({ meetingId: ObjectIdString }),
  'meeting.leave': z.strictObject({ meetingId: ObjectIdString }),
  'meeting.chat': ChatBody.extend({ meetingId: ObjectIdString }),
  'meeting.question': QuestionBody.extend({ meetingId: ObjectIdString }),
  'meeting.questionSupport': z.strictObject({ questionId: ObjectIdString, on: z.boolean() }),
  /** Secretariat: take a question up (current) or mark it answered. */
  'meeting.questionStatus': z.strictObject({ questionId: ObjectIdString, status: z.enum(['current', 'answered']) }),
  /** Secretariat: the agenda item under discussion now. */
  'meeting.agendaCurrent': z.strictObject({ meetingId: ObjectIdString, agendaItemId: z.string().max(40).nullable() }),
  /** Secretariat: give an observer the floor, or take it back. */
  'meeting.floor': z.strictObject({ meetingId: ObjectIdString, userId: ObjectIdString, on: z.boolean() }),
  /** An observer without the floor raises (on) or lowers their own hand (挙手). */
  'meeting.hand': z.strictObject({ meetingId: ObjectIdString, on: z.boolean() }),
  /** Secretariat: lower someone's hand without giving the floor (giving it, `meeting.floor`, lowers it too). */
  'meeting.handDismiss': z.strictObject({ meetingId: ObjectIdString, userId: ObjectIdString }),
} as const;

/** What a successful acknowledgement carries, per event. */
export interface SocketAckBodies {
  'session.ping': { userId: string; serverTime: number };
  'thread.join': { thread: Thread; abilities: ThreadAbilities; readSeq: number; missed: Message[]; hasMore: boolean; viewers: Person[] };
  'thread.leave': object;
  'thread.typing': object;
  'thread.read': ReadState;
  /** `duplicate` is true when this client id was already stored: the stored message is returned. */
  'message.send': { message: Message; duplicate: boolean };
  'message.edit': { message: Message };
  'message.delete': { message: Message };
  'message.hide': { message: Message };
  'message.restore': { message: Message };
  'reaction.set': { messageId: string; reactions: Reaction[] };
  'issue.join': { issue: Issue; abilities: IssueAbilities };
  'issue.leave': object;
  'meeting.join': RoomState;
  'meeting.leave': object;
  'meeting.chat': { message: ChatMessage; duplicate: boolean };
  'meeting.question': { question: Question };
  'meeting.questionSupport': { question: Question };
  'meeting.questionStatus': { question: Question };
  'meeting.agendaCurrent': { agendaItemId: string | null };
  'meeting.floor': { floor: RoomPerson[] };
  'meeting.hand': { hands: RaisedHand[] };
  'meeting.handDismiss': { hands: RaisedHand[] };
}

export type SocketEventName = keyof typeof SOCKET_EVENT_SCHEMAS & keyof SocketAckBodies;
export type SocketPayload<E extends SocketEventName> = z.output<(typeof SOCKET_EVENT_SCHEMAS)[E]>;

export type ClientToServerEvents = {
  [E in SocketEventName]: (payload: z.input<(typeof SOCKET_EVENT_SCHEMAS)[E]>, ack: (response: Ack<SocketAckBodies[E]>) => void) => void;
};

export interface ServerToClientEvents {
  /** The session ended on the server (logout elsewhere, deactivation): the client must sign in again. */
  'session.ended': (payload: { reason: 'logout' | 'deactivated' | 'passwordChanged' | 'secondFactorChanged' | 'expired' }) => void;
  /**
   * What the person may do changed (their role): the server drops the socket right after this so
   * the client reconnects with its new rooms, and refetches /api/me for its new abilities.
   */
  'session.updated': (payload: { reason: 'roleChanged' | 'organizationChanged' }) => void;
  /** This server is shutting down (a restart or deploy): the socket closes next; reconnect, to another server if there is one. */
  'server.shutdown': (payload: { reconnectInMs: number }) => void;
  /** Thread room events: each carries the stored message as this room may see it. */
  'message.created': (message: Message) => void;
  'message.edited': (message: Message) => void;
  'message.deleted': (message: Message) => void;
  'message.hidden': (message: Message) => void;
  'message.restored': (message: Message) => void;
  /** A reply changed its parent's reply count. */
  'message.replies': (payload: { threadId: string; messageId: string; replyCount: number; lastReplyAt: string | null }) => void;
  'reaction.changed': (payload: { threadId: string; messageId: string; reactions: Reaction[] }) => void;
  'thread.typing': (payload: { threadId: string; user: Person }) => void;
  'thread.presence': (payload: { threadId: string; viewers: Person[] }) => void;
  /** To everyone who may read the thread (its visibility's room): new, changed, or new activity. */
  'thread.created': (thread: Thread) => void;
  'thread.updated': (thread: Thread) => void;
  /** To a thread's room, per reader: what this reader may now do with the thread (after a lock, say). */
  'thread.abilities': (payload: { threadId: string; abilities: ThreadAbilities }) => void;
  /** To the reader's own sockets: their read cursor moved (another tab read it). */
  'thread.read': (state: ReadState) => void;
  /** To the reader's own sockets: they chose to follow, leave to normal or mute a thread (in another tab). */
  'thread.subscription': (subscription: Subscription) => void;
  /** To everyone (the register room): a new issue, or any change to one (status, fields, counts). */
  'issue.created': (issue: Issue) => void;
  'issue.updated': (issue: Issue) => void;
  /** To an issue's room. */
  'issue.comment': (comment: IssueComment) => void;
  /** Per reader, after any change to the issue: what this reader may now do with it. */
  'issue.abilities': (payload: { issueId: string; abilities: IssueAbilities }) => void;
  'issue.history': (payload: { issueId: string; entry: HistoryEntry }) => void;
  'issue.support': (payload: Omit<SupportResult, 'supportedByMe'>) => void;
  /** To everyone: a meeting was scheduled, changed, started, ended or its minutes published. */
  'meeting.changed': (payload: { meetingId: string; status: MeetingStatus }) => void;
  /** To a meeting's live room. */
  'meeting.status': (payload: { meetingId: string; status: MeetingStatus }) => void;
  'meeting.chat': (message: ChatMessage) => void;
  'meeting.question': (question: Question) => void;
  'meeting.agendaCurrent': (payload: { meetingId: string; agendaItemId: string | null }) => void;
  'meeting.floor': (payload: { meetingId: string; floor: RoomPerson[] }) => void;
  /** The raised hands as they now are, first raised first (the whole queue: it is short). */
  'meeting.hands': (payload: { meetingId: string; hands: RaisedHand[] }) => void;
  /** Who joined and left since the last one (coalesced); the join acknowledgement has the whole list. */
  'meeting.presence': (payload: { meetingId: string } & PresenceChange) => void;
  /** To the invited organisations / the presenters. */
  'meeting.minutesPublished': (payload: { meetingId: string; title: string }) => void;
  'meeting.minutesCirculated': (payload: { meetingId: string; title: string }) => void;
  /** To the person's own sockets: a new notification in their inbox (or a batched one, moved to the top). */
  'notification.new': (payload: { notification: Notification; unread: number }) => void;
  /** To the person's own sockets: their unread count changed (read in another tab, a notification withdrawn). */
  'notification.unread': (payload: { unread: number }) => void;
  /** To the audience's sockets: an announcement was published or changed (lists, the banner). */
  'announcement.changed': (payload: { announcementId: string }) => void;
  /** To an organisation's sockets: the organisation confirmed an announcement (the banner goes for everyone in it). */
  'announcement.confirmed': (payload: { announcementId: string; organizationId: string }) => void;
  /**
   * 開発状況報告: a report saved, submitted or returned (to the secretariat and the organisation; `state` is the
   * report's), or a round created, changed, opened or closed (`organizationId` null; `state` is the round's).
   */
  'status.changed': (payload: { roundId: string; organizationId: string | null; state: RoundState | ReportState }) => void;
}
