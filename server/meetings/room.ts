/**
 * The live room of a meeting over Socket.IO. The invited join while it is live (and read it, read
 * only, after it ended). Chat and questions need the right to speak: vendors and the secretariat
 * always, observers only while the secretariat gives them the floor. Presence is grouped by
 * organisation and coalesced per room, so a plenary with every vendor joining at once costs at
 * most two presence broadcasts a second.
 */
import { trusted, type Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import { groupPresence, presenceChange } from '@shared/meetings/presence';
import { queueOrder } from '@shared/meetings/rules';
import { can, decide, type Decision } from '@shared/permissions';
import type { ChatMessage, Question, RoomPresence } from '@shared/schemas/meetings';
import type { Person } from '@shared/schemas/threads';
import { recordAudit } from '../audit/log';
import { idempotentId, ignoringDuplicate, isDuplicateKey } from '../db/keys';
import { nextSequence } from '../db/sequence';
import { conflict, forbidden, notFound } from '../http/errors';
import type { CouncilServer, SocketFeature } from '../realtime/io';
import { coalescePerKey, peopleInRoom } from '../realtime/rooms';
import type { PostLimit } from '../http/postLimit';
import type { UserWithOrganization } from '../users/model';
import { personOf, presentPerson } from '../users/person';
import { UserModel } from '../users/model';
import { readableMeeting, requireInvited, requireStatus } from './access';
import { ChatModel, floorKey, MeetingFloorModel, MeetingModel, QuestionModel, QuestionSupportModel, type ChatDocument, type MeetingDocument, type QuestionDocument } from './model';
import { presentAgenda, presentSummary } from './presenter';
import { meetingRooms } from './rooms';
import { roomChanged, roomSnapshot, type RoomSnapshot } from './roomSnapshot';

const PRESENCE_WINDOW_MS = 500;
const CHAT_HISTORY = 500;

const presentChat = (c: ChatDocument): ChatMessage => ({
  id: String(c._id),
  meetingId: String(c.meetingId),
  seq: c.seq,
  clientId: c.clientId,
  author: presentPerson(c.author),
  body: c.body,
  at: c.at.toISOString(),
});

const presentQuestion = (q: QuestionDocument, supporterIds: string[]): Question => ({
  id: String(q._id),
  meetingId: String(q.meetingId),
  author: presentPerson(q.author),
  body: q.body,
  status: q.status,
  supportCount: supporterIds.length,
  supporterIds,
  at: q.at.toISOString(),
});

async function presentQuestions(questions: readonly QuestionDocument[]): Promise<Question[]> {
  const supports = questions.length ? await QuestionSupportModel.find({ questionId: trusted({ $in: questions.map((q) => q._id) }) }, { questionId: 1, userId: 1 }).sort({ at: 1 }).lean() : [];
  return questions.map((q) => presentQuestion(q, supports.filter((s) => String(s.questionId) === String(q._id)).map((s) => String(s.userId))));
}

/** Who has the floor, presented. */
async function floorOf(meetingId: Types.ObjectId): Promise<Person[]> {
  const held = await MeetingFloorModel.find({ meetingId }, { userId: 1 }).lean();
  if (!held.length) return [];
  const users = (await UserModel.find({ _id: trusted({ $in: held.map((f) => f.userId) }) }).populate('organization')) as unknown as UserWithOrganization[];
  return users.map((u) => presentPerson(personOf(u)));
}

/** Whether the actor may speak: by role, or (observers) with the floor, then looked up by its `_id`. */
async function speakDecision(actor: Actor, meeting: MeetingDocument): Promise<Decision> {
  const byRole = decide(actor, 'meeting.speak');
  if (byRole.allowed) return byRole;
  const hasFloor = (await MeetingFloorModel.exists({ _id: floorKey(meeting._id, actor.id) })) !== null;
  return decide(actor, 'meeting.speak', { hasFloor });
}

/** The part of a room every joiner is shown alike (see roomSnapshot.ts). */
async function readRoom(meeting: MeetingDocument): Promise<RoomSnapshot> {
  const [chat, questions, floor] = await Promise.all([
    ChatModel.find({ meetingId: meeting._id }).sort({ seq: -1 }).limit(CHAT_HISTORY),
    QuestionModel.find({ meetingId: meeting._id }).sort({ at: 1 }),
    floorOf(meeting._id),
  ]);
  return { chat: chat.reverse().map(presentChat), questions: queueOrder(await presentQuestions(questions)), floor };
}

/** Who is in each live room; changes go out coalesced, as who joined and who left. */
export function createRoomPresence(io: CouncilServer) {
  /** What each room's members were last told, to send only the difference. */
  const announced = new Map<string, Map<string, Person>>();
  const pace = coalescePerKey(PRESENCE_WINDOW_MS, async (meetingId) => {
    const now = await peopleInRoom(io, meetingRooms.room(meetingId));
    const change = presenceChange(announced.get(meetingId) ?? new Map(), now);
    if (now.size) announced.set(meetingId, now);
    else announced.delete(meetingId);
    if (change.joined.length || change.left.length) io.to(meetingRooms.room(meetingId)).emit('meeting.presence', { meetingId, ...change });
  });
  return {
    presenceOf: async (meetingId: string): Promise<RoomPresence> => groupPresence((await peopleInRoom(io, meetingRooms.room(meetingId))).values()),
    changed: pace.schedule,
    close: pace.close,
  };
}
export type RoomPresenceTracker = ReturnType<typeof createRoomPresence>;

/** Speaking (chat, questions): live meeting, invited, and the right to speak (observers: with the floor). */
async function speakingIn(actor: Actor, meetingId: string | Types.ObjectId): Promise<MeetingDocument> {
  const meeting = await readableMeeting(actor, meetingId);
  requireInvited(meeting, actor);
  requireStatus(meeting, ['live'], 'speak');
  const decision = await speakDecision(actor, meeting);
  if (!decision.allowed) throw forbidden(`${decision.reason} (ask the secretariat for the floor)`);
  return meeting;
}

function managing(actor: Actor, meeting: MeetingDocument): void {
  if (!can(actor, 'meeting.manage')) throw forbidden('only the secretariat runs the meeting');
  requireStatus(meeting, ['live'], 'run');
}

const meetingRoomOf = (room: string) => (/^meeting:[0-9a-f]{24}$/.test(room) ? room.slice('meeting:'.length) : null);

export function meetingFeature(io: CouncilServer, presence: RoomPresenceTracker, postLimit: PostLimit): SocketFeature {
  /** Tell the room a question is new or changed; the next joiner reads the room afresh. */
  const announceQuestion = (question: Question): Question => {
    roomChanged(question.meetingId);
    io.to(meetingRooms.room(question.meetingId)).emit('meeting.question', question);
    return question;
  };
  const emitQuestion = async (q: QuestionDocument) => announceQuestion((await presentQuestions([q]))[0]!);

  return {
    roomsAtConnect: () => [meetingRooms.all],
    disconnecting: (socket) => {
      for (const room of socket.rooms) {
        const meetingId = meetingRoomOf(room);
        if (meetingId) presence.changed(meetingId);
      }
    },
    events: {
      'meeting.join': async ({ meetingId }, { actor, socket }) => {
        // Checked on a fresh read: the snapshot below is only what joiners are shown.
        const meeting = await readableMeeting(actor, meetingId);
        requireInvited(meeting, actor);
        requireStatus(meeting, ['live', 'ended', 'minutesPublished'], 'join');
        const id = String(meeting._id); // the stored spelling: the payload's may be upper case, and rooms are named by it
        await socket.join(meetingRooms.room(id));
        presence.changed(id);
        const [room, summary, agenda, roomPresence, canSpeak] = await Promise.all([
          roomSnapshot(id, () => readRoom(meeting)),
          presentSummary(meeting, actor),
          presentAgenda(meeting, actor),
          presence.presenceOf(id),
          meeting.status === 'live' && speakDecision(actor, meeting).then((d) => d.allowed),
        ]);
        return {
          meeting: summary,
          agenda,
          chat: room.chat,
          questions: room.questions,
          presence: roomPresence,
          floor: room.floor,
          canSpeak,
        };
      },

      'meeting.leave': async ({ meetingId }, { socket }) => {
        const id = meetingId.toLowerCase();
        await socket.leave(meetingRooms.room(id));
        presence.changed(id);
        return {};
      },

      'meeting.chat': async ({ meetingId, clientId, body }, { actor, user }) => {
        const _id = idempotentId('chat', actor.id, clientId);
        const stored = await ChatModel.findById(_id);
        if (stored) return { message: presentChat(stored), duplicate: true };
        const meeting = await speakingIn(actor, meetingId);
        await postLimit.consume(actor.id); // the same per-person pace as thread posts
        const id = String(meeting._id);
        const seq = await nextSequence(`meeting-chat:${id}`);
        let chat: ChatDocument;
        try {
          chat = await ChatModel.create({ _id, meetingId: meeting._id, seq, clientId, author: personOf(user), body, at: new Date() });
        } catch (err) {
          const first = isDuplicateKey(err) ? await ChatModel.findById(_id) : null;
          if (!first) throw err;
          return { message: presentChat(first), duplicate: true };
        }
        const message = presentChat(chat);
        roomChanged(id);
        io.to(meetingRooms.room(id)).emit('meeting.chat', message);
        return { message, duplicate: false };
      },

      'meeting.question': async ({ meetingId, clientId, body }, { actor, user }) => {
        const _id = idempotentId('question', actor.id, clientId);
        const stored = await QuestionModel.findById(_id);
        if (stored) return { question: (await presentQuestions([stored]))[0]! };
        const meeting = await speakingIn(actor, meetingId);
        await postLimit.consume(actor.id);
        let question: QuestionDocument;
        try {
          question = await QuestionModel.create({ _id, meetingId: meeting._id, clientId, author: personOf(user), body, at: new Date() });
        } catch (err) {
          // The same question raced itself: the first one stands.
          if (!isDuplicateKey(err)) throw err;
          return { question: (await presentQuestions([(await QuestionModel.findById(_id))!]))[0]! };
        }
        // Nobody can have supported it yet: no support query on this hot path.
        return { question: announceQuestion(presentQuestion(question, [])) };
      },

      'meeting.questionSupport': async ({ questionId, on }, { actor }) => {
        const question = await QuestionModel.findById(questionId);
        if (!question) throw notFound('question');
        await speakingIn(actor, question.meetingId);
        if (question.status === 'answered') throw conflict('this question has been answered');
        const _id = `${String(question._id)}:${actor.id}`;
        if (on) {
          // Once per person: a second +1 is the same key.
          await ignoringDuplicate(QuestionSupportModel.create({ _id, questionId: question._id, meetingId: question.meetingId, userId: actor.id, at: new Date() }));
        } else await QuestionSupportModel.deleteOne({ _id });
        return { question: await emitQuestion(question) };
      },

      'meeting.questionStatus': async ({ questionId, status }, { actor }) => {
        const question = await QuestionModel.findById(questionId);
        if (!question) throw notFound('question');
        const meeting = await readableMeeting(actor, question.meetingId);
        managing(actor, meeting);
        // One question at a time: taking one up closes the one taken up before.
        const previous = status === 'current' ? await QuestionModel.find({ meetingId: meeting._id, status: 'current', _id: trusted({ $ne: question._id }) }) : [];
        for (const q of previous) {
          q.status = 'answered';
          await q.save();
          await emitQuestion(q);
        }
        question.status = status;
        await question.save();
        return { question: await emitQuestion(question) };
      },

      'meeting.agendaCurrent': async ({ meetingId, agendaItemId }, { actor }) => {
        const meeting = await readableMeeting(actor, meetingId);
        managing(actor, meeting);
        if (agendaItemId && !meeting.agenda.some((a) => a.id === agendaItemId)) throw notFound('agenda item');
        await MeetingModel.updateOne({ _id: meeting._id }, { $set: { currentAgendaItemId: agendaItemId } });
        const id = String(meeting._id);
        io.to(meetingRooms.room(id)).emit('meeting.agendaCurrent', { meetingId: id, agendaItemId });
        return { agendaItemId };
      },

      'meeting.floor': async ({ meetingId, userId, on }, { actor, user }) => {
        const meeting = await readableMeeting(actor, meetingId);
        managing(actor, meeting);
        const id = String(meeting._id);
        const _id = floorKey(id, userId);
        // One document per person: giving it twice is the same key, and no other write can erase it.
        if (on) {
          await ignoringDuplicate(MeetingFloorModel.create({ _id, meetingId: meeting._id, userId, at: new Date() }));
          // Ended meanwhile: ending took everyone's floor before this one was stored, so take it back.
          const stored = await MeetingModel.findById(meeting._id, { status: 1 });
          if (stored?.status !== 'live') {
            await MeetingFloorModel.deleteOne({ _id });
            if (!stored) throw notFound('meeting');
            requireStatus(stored, ['live'], 'run');
          }
        } else await MeetingFloorModel.deleteOne({ _id });
        roomChanged(id);
        const floor = await floorOf(meeting._id);
        await recordAudit({ actor: user, action: 'meeting.floor', target: { kind: 'meeting', id, label: meeting.title }, detail: { userId, on } });
        io.to(meetingRooms.room(id)).emit('meeting.floor', { meetingId: id, floor });
        return { floor };
      },
    },
  };
}
