/**
 * Minutes confirmations and the floor were once arrays inside the meeting, rewritten whole by each
 * confirming organisation or each secretariat member giving the floor, so two at once could erase one
 * another. They are now documents of their own (model.ts); these move stored ones across. Each runs
 * once per database at start-up (server/upgrades.ts).
 */
import mongoose, { Types } from 'mongoose';
import { ignoringDuplicate } from '../db/keys';
import { floorKey, MeetingFloorModel, MinutesConfirmationModel } from './model';

interface StoredConfirmation {
  organization: { id: Types.ObjectId; nameJa?: string; nameEn?: string };
  status: string;
  comment?: string | null;
  by: unknown;
  at: Date;
}

export async function keyMinutesConfirmations(): Promise<number> {
  const meetings = mongoose.connection.collection<{ _id: Types.ObjectId; minutes?: { confirmations?: StoredConfirmation[] } | null }>(
    'meetings',
  );
  let moved = 0;
  for (const meeting of await meetings.find({}, { projection: { minutes: 1 } }).toArray()) {
    const stored = meeting.minutes?.confirmations;
    if (!stored) continue;
    for (const c of stored) {
      const _id = `${String(meeting._id)}:${String(c.organization.id)}`;
      const inserted = await ignoringDuplicate(
        MinutesConfirmationModel.collection.insertOne({
          _id,
          meetingId: meeting._id,
          organization: c.organization,
          status: c.status === 'commented' ? 'commented' : 'confirmed',
          comment: c.comment ?? null,
          by: c.by,
          at: c.at,
        } as never),
      );
      if (inserted) moved++;
    }
    await meetings.updateOne({ _id: meeting._id }, { $unset: { 'minutes.confirmations': '' } });
  }
  return moved;
}

/** Each person on a stored meeting's `floor` array gets a floor document of their own; the array goes. */
export async function keyMeetingFloor(): Promise<number> {
  const meetings = mongoose.connection.collection<{ _id: Types.ObjectId; floor?: unknown[] }>('meetings');
  const at = new Date(); // when the floor was given was never stored
  let moved = 0;
  for (const meeting of await meetings.find({}, { projection: { floor: 1 } }).toArray()) {
    if (!meeting.floor) continue;
    for (const id of meeting.floor) {
      const userId = new Types.ObjectId(String(id));
      const inserted = await ignoringDuplicate(
        MeetingFloorModel.collection.insertOne({ _id: floorKey(meeting._id, userId), meetingId: meeting._id, userId, at } as never),
      );
      if (inserted) moved++;
    }
    await meetings.updateOne({ _id: meeting._id }, { $unset: { floor: '' } });
  }
  return moved;
}
