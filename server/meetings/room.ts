/**
 * The live room of a meeting over Socket.IO. The invited join while it is live (and read it, read
 * only, after it ended); speaking, raising a hand and running the room are services (liveRoom.ts,
 * hands.ts) the handlers call. Presence is grouped by
 * organisation and coalesced per room, so a plenary with every vendor joining at once costs at
 * most two presence broadcasts a second.
 */
import { groupPresence, presenceChange, type PresenceChange } from '@shared/meetings/presence';
import type { RoomPresence } from '@shared/schemas/meetings';
import type { RoomPerson } from '@shared/schemas/threads';
import type { AppContext } from '../context';
import { personOf } from '../users/person';
import type { CouncilServer, SocketFeature } from '../realtime/io';
import { clusterEmit, onCluster } from '../realtime/cluster';
import { coalescePerKey, joinThenRead, peopleInRoom } from '../realtime/rooms';
import { readableMeeting, requireInvited, requireStatus } from './access';
import { meetingRooms, type MeetingBroadcast } from './broadcast';
import { recordRoomAttendance } from './attendees';
import {
  askQuestion,
  postChat,
  readRoom,
  setCurrentAgendaItem,
  setFloor,
  setQuestionStatus,
  speakDecision,
  supportQuestion,
} from './liveRoom';
import { dismissHand, setOwnHand } from './hands';
import { presentAgenda, presentSummary } from './presenter';
import { roomSnapshot } from './roomSnapshot';

const PRESENCE_WINDOW_MS = 500;

/** Who is in each live room; changes go out coalesced, as who joined and who left. */
export function createRoomPresence(io: CouncilServer, broadcast: MeetingBroadcast) {
  /**
   * What each room's members were last told, to send only the difference. With several nodes, what any node told
   * them: each node works out the difference for the joins and leaves on its own sockets, against the room as every
   * node last announced it (a node that kept only its own announcements would, when someone left through another
   * node and came back through it, see nothing new to tell).
   */
  const announced = new Map<string, Map<string, RoomPerson>>();
  onCluster(io, 'meetings.presenceAnnounced', (meetingId: string, change: PresenceChange) => {
    const people = new Map(announced.get(meetingId));
    for (const id of change.left) people.delete(id);
    for (const person of change.joined) people.set(person.id, person);
    if (people.size) announced.set(meetingId, people);
    else announced.delete(meetingId);
  });
  const pace = coalescePerKey(PRESENCE_WINDOW_MS, async (meetingId) => {
    const now = await peopleInRoom(io, meetingRooms.room(meetingId));
    const change = presenceChange(announced.get(meetingId) ?? new Map(), now);
    if (!change.joined.length && !change.left.length) return;
    clusterEmit(io, 'meetings.presenceAnnounced', meetingId, change);
    broadcast.presence(meetingId, change);
  });
  return {
    /** For a joiner: in the shared mode possibly a read shared with other joins of the last 250 ms (rooms.ts). */
    presenceOf: async (meetingId: string): Promise<RoomPresence> =>
      groupPresence((await peopleInRoom(io, meetingRooms.room(meetingId), { fresh: false })).values()),
    changed: pace.schedule,
    close: pace.close,
  };
}
export type RoomPresenceTracker = ReturnType<typeof createRoomPresence>;

const meetingRoomOf = (room: string) => (/^meeting:[0-9a-f]{24}$/.test(room) ? room.slice('meeting:'.length) : null);

export function meetingFeature({
  meetings: broadcast,
  roomPresence: presence,
  postLimit,
}: Pick<AppContext, 'meetings' | 'roomPresence' | 'postLimit'>): SocketFeature {
  return {
    roomsAtConnect: () => [meetingRooms.all],
    disconnecting: (socket) => {
      for (const room of socket.rooms) {
        const meetingId = meetingRoomOf(room);
        if (meetingId) presence.changed(meetingId);
      }
    },
    events: {
      'meeting.join': async ({ meetingId }, { actor, user, socket }) => {
        // Checked on a fresh read (the snapshot below is only what joiners are shown), before joining and
        // again once in the room, as a thread's or an issue's join does.
        const joinable = async (ref: string) => {
          const found = await readableMeeting(actor, ref);
          requireInvited(found, actor);
          requireStatus(found, ['live', 'ended', 'minutesPublished'], 'join');
          return found;
        };
        const id = String((await joinable(meetingId))._id);
        const meeting = await joinThenRead(socket, [meetingRooms.room(id)], () => joinable(id));
        presence.changed(id);
        const live = meeting.status === 'live';
        // A join refused from here on (the database away) leaves the room again: no live events without the room.
        const [room, summary, agenda, roomPresence, canSpeak] = await Promise.all([
          roomSnapshot(id, () => readRoom(meeting)),
          presentSummary(meeting, actor),
          presentAgenda(meeting, actor),
          presence.presenceOf(id),
          live && speakDecision(actor, meeting).then((d) => d.allowed),
          // Joining while it is on is attending (the minutes' 出席者 are proposed from it); reading the record after is not.
          live && recordRoomAttendance({ meetingId: meeting._id, organization: personOf(user).organization }),
        ]).catch(async (err: unknown) => {
          await socket.leave(meetingRooms.room(id));
          presence.changed(id);
          throw err;
        });
        return {
          meeting: summary,
          agenda,
          chat: room.chat,
          questions: room.questions,
          presence: roomPresence,
          floor: room.floor,
          hands: room.hands,
          canSpeak,
        };
      },

      'meeting.leave': async ({ meetingId }, { socket }) => {
        await socket.leave(meetingRooms.room(meetingId));
        presence.changed(meetingId);
        return {};
      },

      'meeting.chat': (p, { user }) => postChat({ user, ...p, broadcast, postLimit }),
      'meeting.question': async (p, { user }) => ({ question: await askQuestion({ user, ...p, broadcast, postLimit }) }),
      'meeting.questionSupport': async (p, { actor }) => ({ question: await supportQuestion({ actor, ...p, broadcast }) }),
      'meeting.questionStatus': async (p, { actor }) => ({ question: await setQuestionStatus({ actor, ...p, broadcast }) }),
      'meeting.agendaCurrent': async (p, { actor }) => ({ agendaItemId: await setCurrentAgendaItem({ actor, ...p, broadcast }) }),
      'meeting.floor': async (p, { user }) => ({ floor: await setFloor({ user, ...p, broadcast }) }),
      'meeting.hand': async (p, { user }) => ({ hands: await setOwnHand({ user, ...p, broadcast, postLimit }) }),
      'meeting.handDismiss': async (p, { actor }) => ({ hands: await dismissHand({ actor, ...p, broadcast }) }),
    },
  };
}
