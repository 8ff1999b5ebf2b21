/**
 * The live room of a meeting as services: speaking (chat, questions, support) and running it (the
 * question being answered, the current agenda item, the floor). Socket handlers (room.ts) call
 * them, as REST, scripts and tests may; each stores first, then tells the room through the
 * meetings broadcast.
 *
 * Chat and questions need the right to speak: vendors and the secretariat always, observers only
 * while the secretariat gives them the floor.
 */
import { trusted, type Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import { queueOrder } from '@shared/meetings/rules';
import { can, decide, type Decision } from '@shared/permissions';
import type { ChatMessage, Question } from '@shared/schemas/meetings';
import type { Person } from '@shared/schemas/threads';
import { recordAudit } from '../audit/log';
import { idempotentId, ignoringDuplicate, isDuplicateKey } from '../db/keys';
import { nextSequence } from '../db/sequence';
import { conflict, forbidden, notFound } from '../http/errors';
import type { PostLimit } from '../http/postLimit';
import { UserModel, type ActingUser, type UserWithOrganization } from '../users/model';
import { personOf, presentPerson } from '../users/person';
import { toActor } from '../users/presenter';
import { readableMeeting, requireInvited, requireStatus } from './access';
import type { MeetingBroadcast } from './broadcast';
import {
  ChatModel,
  floorKey,
  MeetingFloorModel,
  MeetingModel,
  QuestionModel,
  QuestionSupportModel,
  type ChatDocument,
  type MeetingDocument,
  type QuestionDocument,
} from './model';
import { roomChanged, type RoomSnapshot } from './roomSnapshot';

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
  const supports = questions.length
    ? await QuestionSupportModel.find({ questionId: trusted({ $in: questions.map((q) => q._id) }) }, { questionId: 1, userId: 1 })
        .sort({ at: 1 })
        .lean()
    : [];
  return questions.map((q) =>
    presentQuestion(
      q,
      supports.filter((s) => String(s.questionId) === String(q._id)).map((s) => String(s.userId)),
    ),
  );
}

/** Who has the floor, presented. */
async function floorOf(meetingId: Types.ObjectId): Promise<Person[]> {
  const held = await MeetingFloorModel.find({ meetingId }, { userId: 1 }).lean();
  if (!held.length) return [];
  const users = await UserModel.find({ _id: trusted({ $in: held.map((f) => f.userId) }) }).populate<
    Pick<UserWithOrganization, 'organization'>
  >('organization');
  return users.map((u) => presentPerson(personOf(u)));
}

/** Whether the actor may speak: by role, or (observers) with the floor, then looked up by its `_id`. */
export async function speakDecision(actor: Actor, meeting: MeetingDocument): Promise<Decision> {
  const byRole = decide(actor, 'meeting.speak');
  if (byRole.allowed) return byRole;
  const hasFloor = (await MeetingFloorModel.exists({ _id: floorKey(meeting._id, actor.id) })) !== null;
  return decide(actor, 'meeting.speak', { hasFloor });
}

/** The part of a room every joiner is shown alike (see roomSnapshot.ts). */
export async function readRoom(meeting: MeetingDocument): Promise<RoomSnapshot> {
  const [chat, questions, floor] = await Promise.all([
    ChatModel.find({ meetingId: meeting._id }).sort({ seq: -1 }).limit(CHAT_HISTORY),
    QuestionModel.find({ meetingId: meeting._id }).sort({ at: 1 }),
    floorOf(meeting._id),
  ]);
  return { chat: chat.reverse().map(presentChat), questions: queueOrder(await presentQuestions(questions)), floor };
}

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

/** Tell the room a question is new or changed; the next joiner reads the room afresh. */
function announceQuestion(broadcast: MeetingBroadcast, question: Question): Question {
  roomChanged(question.meetingId);
  broadcast.question(question);
  return question;
}
const emitQuestion = async (broadcast: MeetingBroadcast, q: QuestionDocument) =>
  announceQuestion(broadcast, (await presentQuestions([q]))[0]!);

interface Speaking {
  user: ActingUser;
  meetingId: string;
  clientId: string;
  body: string;
  broadcast: MeetingBroadcast;
  /** The same per-person pace as thread posts. */
  postLimit: PostLimit;
}

/** A chat message in the room, once per `clientId` (a retry gets the first one back as a duplicate). */
export async function postChat({
  user,
  meetingId,
  clientId,
  body,
  broadcast,
  postLimit,
}: Speaking): Promise<{ message: ChatMessage; duplicate: boolean }> {
  const actor = toActor(user);
  const _id = idempotentId('chat', actor.id, clientId);
  const stored = await ChatModel.findById(_id);
  if (stored) return { message: presentChat(stored), duplicate: true };
  const meeting = await speakingIn(actor, meetingId);
  await postLimit.consume(actor.id);
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
  broadcast.chat(message);
  return { message, duplicate: false };
}

/** A question for the queue, once per `clientId`. */
export async function askQuestion({ user, meetingId, clientId, body, broadcast, postLimit }: Speaking): Promise<Question> {
  const actor = toActor(user);
  const _id = idempotentId('question', actor.id, clientId);
  const stored = await QuestionModel.findById(_id);
  if (stored) return (await presentQuestions([stored]))[0]!;
  const meeting = await speakingIn(actor, meetingId);
  await postLimit.consume(actor.id);
  let question: QuestionDocument;
  try {
    question = await QuestionModel.create({ _id, meetingId: meeting._id, clientId, author: personOf(user), body, at: new Date() });
  } catch (err) {
    // The same question raced itself: the first one stands.
    if (!isDuplicateKey(err)) throw err;
    return (await presentQuestions([(await QuestionModel.findById(_id))!]))[0]!;
  }
  // Nobody can have supported it yet: no support query on this hot path.
  return announceQuestion(broadcast, presentQuestion(question, []));
}

/** +1 (or not) on a question, once per person. */
export async function supportQuestion({
  actor,
  questionId,
  on,
  broadcast,
}: {
  actor: Actor;
  questionId: string;
  on: boolean;
  broadcast: MeetingBroadcast;
}): Promise<Question> {
  const question = await QuestionModel.findById(questionId);
  if (!question) throw notFound('question');
  await speakingIn(actor, question.meetingId);
  if (question.status === 'answered') throw conflict('this question has been answered');
  const _id = `${String(question._id)}:${actor.id}`;
  if (on) {
    // Once per person: a second +1 is the same key.
    await ignoringDuplicate(
      QuestionSupportModel.create({ _id, questionId: question._id, meetingId: question.meetingId, userId: actor.id, at: new Date() }),
    );
  } else await QuestionSupportModel.deleteOne({ _id });
  return emitQuestion(broadcast, question);
}

/** The secretariat takes a question up (closing the one taken up before) or marks it answered. */
export async function setQuestionStatus({
  actor,
  questionId,
  status,
  broadcast,
}: {
  actor: Actor;
  questionId: string;
  status: Question['status'];
  broadcast: MeetingBroadcast;
}): Promise<Question> {
  const question = await QuestionModel.findById(questionId);
  if (!question) throw notFound('question');
  const meeting = await readableMeeting(actor, question.meetingId);
  managing(actor, meeting);
  // One question at a time: taking one up closes the one taken up before.
  const previous =
    status === 'current'
      ? await QuestionModel.find({ meetingId: meeting._id, status: 'current', _id: trusted({ $ne: question._id }) })
      : [];
  for (const q of previous) {
    q.status = 'answered';
    await q.save();
    await emitQuestion(broadcast, q);
  }
  question.status = status;
  await question.save();
  return emitQuestion(broadcast, question);
}

/** The agenda item being discussed (null: none). */
export async function setCurrentAgendaItem({
  actor,
  meetingId,
  agendaItemId,
  broadcast,
}: {
  actor: Actor;
  meetingId: string;
  agendaItemId: string | null;
  broadcast: MeetingBroadcast;
}): Promise<string | null> {
  const meeting = await readableMeeting(actor, meetingId);
  managing(actor, meeting);
  if (agendaItemId && !meeting.agenda.some((a) => a.id === agendaItemId)) throw notFound('agenda item');
  await MeetingModel.updateOne({ _id: meeting._id }, { $set: { currentAgendaItemId: agendaItemId } });
  broadcast.agendaCurrent(String(meeting._id), agendaItemId);
  return agendaItemId;
}

/** Give an observer the floor, or take it back; audited. */
export async function setFloor({
  user,
  meetingId,
  userId,
  on,
  broadcast,
}: {
  user: ActingUser;
  meetingId: string;
  userId: string;
  on: boolean;
  broadcast: MeetingBroadcast;
}): Promise<Person[]> {
  const actor = toActor(user);
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
  await recordAudit({
    actor: user,
    action: 'meeting.floor',
    target: { kind: 'meeting', id, label: meeting.title },
    detail: { userId, on },
  });
  broadcast.floor(id, floor);
  return floor;
}
