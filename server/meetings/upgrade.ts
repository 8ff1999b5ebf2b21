/**
 * Minutes confirmations were once an array inside the meeting, rewritten whole by each confirming
 * organisation, so two confirming at once could erase one another. They are now documents of their
 * own (model.ts); this moves stored ones across. Run once per database at start-up (server/upgrades.ts).
 */
import mongoose, { type Types } from 'mongoose';
import { ignoringDuplicate } from '../db/keys';
import { MinutesConfirmationModel } from './model';

interface StoredConfirmation {
  organization: { id: Types.ObjectId; nameJa?: string; nameEn?: string };
  status: string;
  comment?: string | null;
  by: unknown;
  at: Date;
}

export async function keyMinutesConfirmations(): Promise<number> {
  const meetings = mongoose.connection.collection<{ _id: Types.ObjectId; minutes?: { confirmations?: StoredConfirmation[] } | null }>('meetings');
  let moved = 0;
  for (const meeting of await meetings.find({}, { projection: { minutes: 1 } }).toArray()) {
    const stored = meeting.minutes?.confirmations;
    if (!stored) continue;
    for (const c of stored) {
      const _id = `${String(meeting._id)}:${String(c.organization.id)}`;
      const inserted = await ignoringDuplicate(
        MinutesConfirmationModel.collection.insertOne({ _id, meetingId: meeting._id, organization: c.organization, status: c.status === 'commented' ? 'commented' : 'confirmed', comment: c.comment ?? null, by: c.by, at: c.at } as never),
      );
      if (inserted) moved++;
    }
    await meetings.updateOne({ _id: meeting._id }, { $unset: { 'minutes.confirmations': '' } });
  }
  return moved;
}
