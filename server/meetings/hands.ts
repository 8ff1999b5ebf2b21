/**
 * Raised hands (挙手) in the live room: an observer without the floor asks the secretariat for it,
 * and the secretariat sees the queue in the order hands went up and gives the floor from it (which
 * lowers that hand: liveRoom.ts `setFloor`) or dismisses a hand. Vendors and the secretariat speak
 * without the floor, so they raise none (`meeting.raiseHand`).
 *
 * Each hand is a document of its own (`<meeting>:<user>`, model.ts), so observers raising at the same
 * moment never erase one another. Every change tells the room the whole queue (it is short: the
 * council has nine observer organisations), read after the change; the reads and sends of one
 * meeting take turns in this process, so a list sent never follows a newer one. The next joiner
 * reads the room afresh (roomSnapshot.ts).
 */
import type { Types } from 'mongoose';
import { speakerKindOf, type Actor } from '@shared/domain';
import { decide } from '@shared/permissions';
import type { RaisedHand } from '@shared/schemas/meetings';
import { ignoringDuplicate } from '../db/keys';
import { conflict, forbidden, notFound } from '../http/errors';
import type { PostLimit } from '../http/postLimit';
import type { ActingUser } from '../users/model';
import { personOf, presentRoomPerson } from '../users/person';
import { toActor } from '../users/presenter';
import { readableMeeting, requireInvited, requireManaging, requireStatus } from './access';
import type { MeetingBroadcast } from './broadcast';
import { floorKey, handKey, MeetingFloorModel, MeetingHandModel, MeetingModel, type HandRecord } from './model';
import { roomChanged } from './roomSnapshot';

const presentHand = (h: HandRecord): RaisedHand => ({
  person: presentRoomPerson(h.person, h.kind),
  at: h.at.toISOString(),
});

/** The raised hands of a meeting, first raised first. */
export async function handsOf(meetingId: string | Types.ObjectId): Promise<RaisedHand[]> {
  const hands = await MeetingHandModel.find({ meetingId }).sort({ at: 1, _id: 1 }).lean();
  return hands.map(presentHand);
}

/** Per meeting, the last read-and-send of its hands: the next one waits for it. */
const turns = new Map<string, Promise<unknown>>();

/** The hands changed: tell the room the queue as it now is (after any send already under way), and return it. */
export function announceHands(broadcast: MeetingBroadcast, meetingId: string): Promise<RaisedHand[]> {
  roomChanged(meetingId);
  const before = turns.get(meetingId) ?? Promise.resolve();
  const turn = before
    .catch(() => undefined)
    .then(async () => {
      const hands = await handsOf(meetingId);
      broadcast.hands(meetingId, hands);
      return hands;
    });
  turns.set(meetingId, turn);
  turn
    .catch(() => undefined)
    .finally(() => {
      if (turns.get(meetingId) === turn) turns.delete(meetingId);
    });
  return turn;
}

/** Take a hand down (the floor was given, the secretariat dismissed it); whether there was one. */
export async function lowerHand(meetingId: string | Types.ObjectId, userId: string): Promise<boolean> {
  return (await MeetingHandModel.deleteOne({ _id: handKey(meetingId, userId) })).deletedCount > 0;
}

/** Every hand of a meeting down (it ended). */
export async function clearHands(meetingId: Types.ObjectId): Promise<void> {
  await MeetingHandModel.deleteMany({ meetingId });
  roomChanged(String(meetingId));
}

const holdsFloor = async (meetingId: string, userId: string) =>
  (await MeetingFloorModel.exists({ _id: floorKey(meetingId, userId) })) !== null;

/**
 * Raise (`on`) or lower one's own hand. Raising: invited, the meeting live, an observer
 * (`meeting.raiseHand`) not holding the floor already; paced like chat. Raising again keeps the
 * first hand and its place. Lowering is always allowed to the invited.
 */
export async function setOwnHand({
  user,
  meetingId,
  on,
  broadcast,
  postLimit,
}: {
  user: ActingUser;
  meetingId: string;
  on: boolean;
  broadcast: MeetingBroadcast;
  postLimit: PostLimit;
}): Promise<RaisedHand[]> {
  const actor = toActor(user);
  const meeting = await readableMeeting(actor, meetingId);
  requireInvited(meeting, actor);
  const id = String(meeting._id);
  if (!on) return (await lowerHand(id, actor.id)) ? announceHands(broadcast, id) : handsOf(id);

  requireStatus(meeting, ['live'], 'raise a hand');
  const byRole = decide(actor, 'meeting.raiseHand', { hasFloor: false });
  if (!byRole.allowed) throw forbidden(`${byRole.reason} (vendors and the secretariat may speak without the floor)`);
  if (await holdsFloor(id, actor.id)) throw conflict('you have the floor already');
  await postLimit.consume(actor.id);
  const raised = await ignoringDuplicate(
    MeetingHandModel.create({
      _id: handKey(id, actor.id),
      meetingId: meeting._id,
      userId: user._id,
      person: personOf(user),
      kind: speakerKindOf(user.organization),
      at: new Date(),
    }),
  );
  // Ended meanwhile (ending cleared the hands before this one was stored), or given the floor meanwhile
  // (giving it lowered the hand before this one was stored): take it down again.
  const stored = await MeetingModel.findById(meeting._id, { status: 1 });
  if (stored?.status !== 'live' || (await holdsFloor(id, actor.id))) {
    await lowerHand(id, actor.id);
    if (!stored) throw notFound('meeting');
    requireStatus(stored, ['live'], 'raise a hand');
    throw conflict('you have the floor already');
  }
  return raised ? announceHands(broadcast, id) : handsOf(id);
}

/** The secretariat lowers someone's hand without giving them the floor. */
export async function dismissHand({
  actor,
  meetingId,
  userId,
  broadcast,
}: {
  actor: Actor;
  meetingId: string;
  userId: string;
  broadcast: MeetingBroadcast;
}): Promise<RaisedHand[]> {
  const meeting = await readableMeeting(actor, meetingId);
  requireManaging(actor, meeting);
  const id = String(meeting._id);
  return (await lowerHand(id, userId)) ? announceHands(broadcast, id) : handsOf(id);
}
