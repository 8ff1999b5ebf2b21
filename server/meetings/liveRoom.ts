/**
 * The live room of a meeting as services: speaking (chat, questions, support) and running it (the
 * question being answered, the current agenda item, the floor). Socket handlers (room.ts) call
 * them, as REST, scripts and tests may; each stores first, then tells the room through the
 * meetings broadcast.
 *
 * Chat and questions need the right to speak: vendors and the secretariat always, observers only
 * while the secretariat gives them the floor — which they ask for by raising a hand (hands.ts).
 * Everyone is presented with their organisation's kind (`RoomPerson.kind`, the badge beside the name).
 */
import { trusted, type Types } from 'mongoose';
import { speakerKindOf, type Actor, type SpeakerKind } from '@shared/domain';
import { queueOrder } from '@shared/meetings/rules';
import { decide, type Decision } from '@shared/permissions';
import type { ChatMessage, Question } from '@shared/schemas/meetings';
import type { RoomPerson } from '@shared/schemas/threads';
import { recordAudit } from '../audit/log';
import { idempotentId, ignoringDuplicate, isDuplicateKey } from '../db/keys';
import { nextSequence } from '../db/sequence';
import { conflict, forbidden, notFound } from '../http/errors';
import type { PostLimit } from '../http/postLimit';
import { UserModel, type ActingUser, type UserWithOrganization } from '../users/model';
import { speakerKinds } from '../organizations/kinds';
import { personOf, presentRoomPerson } from '../users/person';
import { toActor } from '../users/presenter';
import { readableMeeting, requireInvited, requireManaging as managing, requireStatus } from './access';
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
import { announceHands, handsOf, lowerHand } from './hands';
import { roomChanged, type RoomSnapshot } from './roomSnapshot';

const CHAT_HISTORY = 500;

/** Chat and questions name their author as they were named when they wrote; their kind is their organisation's now. */
type KindOf = (organizationId: string) => SpeakerKind | null;
const kindsOf = async (authors: Iterable<{ organization: { id: unknown } }>): Promise<KindOf> => {
  const ids = new Set([...authors].map((a) => String(a.organization.id)));
  const kinds = await speakerKinds(ids);
  return (id) => kinds.get(id) ?? null;
};
/** The author is the one acting now: their kind is at hand. */
const kindOfUser =
  (user: ActingUser): KindOf =>
  () =>
    speakerKindOf(user.organization);

const presentChat = (c: ChatDocument, kindOf: KindOf): ChatMessage => ({
  id: String(c._id),
  meetingId: String(c.meetingId),
  seq: c.seq,
  clientId: c.clientId,
  author: presentRoomPerson(c.author, kindOf(String(c.author.organization.id))),
  body: c.body,
  at: c.at.toISOString(),
});

const presentQuestion = (q: QuestionDocument, supporterIds: string[], kindOf: KindOf): Question => ({
  id: String(q._id),
  meetingId: String(q.meetingId),
  author: presentRoomPerson(q.author, kindOf(String(q.author.organization.id))),
  body: q.body,
  status: q.status,
  supportCount: supporterIds.length,
  supporterIds,
  at: q.at.toISOString(),
});

async function presentQuestions(questions: readonly QuestionDocument[], kindOf?: KindOf): Promise<Question[]> {
  const [supports, kind] = await Promise.all([
    questions.length
      ? QuestionSupportModel.find({ questionId: trusted({ $in: questions.map((q) => q._id) }) }, { questionId: 1, userId: 1 })
          .sort({ at: 1 })
          .lean()
      : [],
    kindOf ?? kindsOf(questions.map((q) => q.author)),
  ]);
  return questions.map((q) =>
    presentQuestion(
      q,
      supports.filter((s) => String(s.questionId) === String(q._id)).map((s) => String(s.userId)),
      kind,
    ),
  );
}

/** Who has the floor, presented. */
async function floorOf(meetingId: Types.ObjectId): Promise<RoomPerson[]> {
  const held = await MeetingFloorModel.find({ meetingId }, { userId: 1 }).lean();
  if (!held.length) return [];
  const users = await UserModel.find({ _id: trusted({ $in: held.map((f) => f.userId) }) }).populate<
    Pick<UserWithOrganization, 'organization'>
  >('organization');
  return users.map((u) => presentRoomPerson(personOf(u), speakerKindOf(u.organization)));
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
  const [chat, questions, floor, hands] = await Promise.all([
    ChatModel.find({ meetingId: meeting._id }).sort({ seq: -1 }).limit(CHAT_HISTORY),
    QuestionModel.find({ meetingId: meeting._id }).sort({ at: 1 }),
    floorOf(meeting._id),
    handsOf(meeting._id),
  ]);
  const kindOf = await kindsOf([...chat, ...questions].map((c) => c.author));
  return {
    chat: chat.reverse().map((c) => presentChat(c, kindOf)),
    questions: queueOrder(await presentQuestions(questions, kindOf)),
    floor,
    hands,
  };
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
  if (stored) return { message: presentChat(stored, kindOfUser(user)), duplicate: true };
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
    return { message: presentChat(first, kindOfUser(user)), duplicate: true };
  }
  const message = presentChat(chat, kindOfUser(user));
  roomChanged(id);
  broadcast.chat(message);
  return { message, duplicate: false };
}

/** A question for the queue, once per `clientId`. */
export async function askQuestion({ user, meetingId, clientId, body, broadcast, postLimit }: Speaking): Promise<Question> {
  const actor = toActor(user);
  const _id = idempotentId('question', actor.id, clientId);
  const stored = await QuestionModel.findById(_id);
  if (stored) return (await presentQuestions([stored], kindOfUser(user)))[0]!;
  const meeting = await speakingIn(actor, meetingId);
  await postLimit.consume(actor.id);
  let question: QuestionDocument;
  try {
    question = await QuestionModel.create({ _id, meetingId: meeting._id, clientId, author: personOf(user), body, at: new Date() });
  } catch (err) {
    // The same question raced itself: the first one stands.
    if (!isDuplicateKey(err)) throw err;
    return (await presentQuestions([(await QuestionModel.findById(_id))!], kindOfUser(user)))[0]!;
  }
  // Nobody can have supported it yet: no support query on this hot path.
  return announceQuestion(broadcast, presentQuestion(question, [], kindOfUser(user)));
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

/** Give an observer the floor (lowering their hand, if raised), or take it back; audited. */
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
}): Promise<RoomPerson[]> {
  const actor = toActor(user);
  const meeting = await readableMeeting(actor, meetingId);
  managing(actor, meeting);
  const id = String(meeting._id);
  const _id = floorKey(id, userId);
  // One document per person: giving it twice is the same key, and no other write can erase it.
  let handLowered = false;
  if (on) {
    await ignoringDuplicate(MeetingFloorModel.create({ _id, meetingId: meeting._id, userId, at: new Date() }));
    // Ended meanwhile: ending took everyone's floor before this one was stored, so take it back.
    const stored = await MeetingModel.findById(meeting._id, { status: 1 });
    if (stored?.status !== 'live') {
      await MeetingFloorModel.deleteOne({ _id });
      if (!stored) throw notFound('meeting');
      requireStatus(stored, ['live'], 'run');
    }
    // Given from the queue or not, the hand has been answered (after the floor is stored: hands.ts).
    handLowered = await lowerHand(id, userId);
  } else await MeetingFloorModel.deleteOne({ _id });
  roomChanged(id);
  const floor = await floorOf(meeting._id);
  await recordAudit({
    actor: user,
    action: 'meeting.floor',
    target: { kind: 'meeting', id, label: meeting.title },
    detail: { userId, on },
  });
  // The floor first, then the queue without the hand: the person's client hears its hand was answered.
  broadcast.floor(id, floor);
  if (handLowered) await announceHands(broadcast, id);
  return floor;
}
