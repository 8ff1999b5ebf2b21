/**
 * What the meetings feature tells connected clients, after each change is stored (DESIGN.md §3).
 * Rooms: `meetings` holds every signed-in socket (lists and badges hear that a meeting changed),
 * `meeting:<id>` those in a live room (chat, questions, agenda, floor, raised hands, presence, status), and the
 * organisations' own rooms hear of minutes to confirm or read.
 */
import type { MeetingStatus } from '@shared/meetings/rules';
import type { PresenceChange } from '@shared/meetings/presence';
import type { ChatMessage, Question, RaisedHand } from '@shared/schemas/meetings';
import type { Person, RoomPerson } from '@shared/schemas/threads';
import type { MeetingNotifications, MeetingPlace } from '../notifications/triggers/meetings';
import { rooms, type CouncilServer } from '../realtime/io';

export const meetingRooms = {
  all: 'meetings',
  room: (id: string) => `meeting:${id}`,
};

export interface MeetingBroadcast {
  /** A meeting was created, changed or moved (drafts are the secretariat's and are not announced). */
  changed(meeting: { id: string; status: MeetingStatus }): void;
  /** The room's own meeting moved (live → ended). */
  status(meetingId: string, status: MeetingStatus): void;
  chat(message: ChatMessage): void;
  question(question: Question): void;
  agendaCurrent(meetingId: string, agendaItemId: string | null): void;
  floor(meetingId: string, floor: RoomPerson[]): void;
  /** The raised hands as they now are (the whole queue). */
  hands(meetingId: string, hands: RaisedHand[]): void;
  presence(meetingId: string, change: PresenceChange): void;
  /** The draft minutes are out (again) for the presenting organisations to confirm. */
  minutesCirculated(organizationIds: readonly string[], meeting: { meetingId: string; title: string }): void;
  minutesPublished(organizationIds: readonly string[], meeting: { meetingId: string; title: string }): void;
  /** The secretariat moved the meeting's status (scheduling it invites; cancelling it tells the invited). */
  moved(meetingId: string, from: MeetingStatus, to: MeetingStatus, by: Person): void;
  /** The secretariat edited the meeting: the invited hear of a new time or place. */
  rescheduled(meetingId: string, before: MeetingPlace, by: Person): void;
}

export function createMeetingBroadcast(io: CouncilServer, notifications?: MeetingNotifications): MeetingBroadcast {
  const notify = (what: string, work: (n: MeetingNotifications) => Promise<void>) => notifications?.run(what, () => work(notifications));
  const room = (id: string) => io.to(meetingRooms.room(id));
  const organizations = (ids: readonly string[]) => io.to(ids.map(rooms.organization));
  return {
    changed: ({ id, status }) => {
      if (status !== 'draft') io.to(meetingRooms.all).emit('meeting.changed', { meetingId: id, status });
    },
    status: (meetingId, status) => void room(meetingId).emit('meeting.status', { meetingId, status }),
    chat: (message) => void room(message.meetingId).emit('meeting.chat', message),
    question: (question) => void room(question.meetingId).emit('meeting.question', question),
    agendaCurrent: (meetingId, agendaItemId) => void room(meetingId).emit('meeting.agendaCurrent', { meetingId, agendaItemId }),
    floor: (meetingId, floor) => void room(meetingId).emit('meeting.floor', { meetingId, floor }),
    hands: (meetingId, hands) => void room(meetingId).emit('meeting.hands', { meetingId, hands }),
    presence: (meetingId, change) => void room(meetingId).emit('meeting.presence', { meetingId, ...change }),
    moved: (meetingId, from, to, by) => notify('a meeting moved', (n) => n.moved(meetingId, from, to, by)),
    rescheduled: (meetingId, before, by) => notify('a meeting changed', (n) => n.rescheduled(meetingId, before, by)),
    minutesCirculated: (ids, meeting) => {
      notify('minutes circulated', (n) => n.minutesCirculated(ids, meeting.meetingId));
      if (ids.length) organizations(ids).emit('meeting.minutesCirculated', meeting);
    },
    minutesPublished: (ids, meeting) => {
      notify('minutes published', (n) => n.minutesPublished(ids, meeting.meetingId));
      if (ids.length) organizations(ids).emit('meeting.minutesPublished', meeting);
    },
  };
}
