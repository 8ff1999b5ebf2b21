/** Meeting materials: attachments (same upload, type checks and storage as messages) claimed by a meeting or agenda item. */
import type { Meeting } from '@shared/schemas/meetings';
import { AttachmentModel } from '../attachments/model';
import { claimableAttachments } from '../attachments/service';
import { badRequest, notFound } from '../http/errors';
import type { UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { managedMeeting } from './access';
import { presentMeeting } from './presenter';
import type { MeetingBroadcast } from './broadcast';
import { announce } from './service';

export async function addMaterial(input: {
  user: UserWithOrganization;
  meetingId: string;
  attachmentId: string;
  agendaItemId: string | null;
  broadcast: MeetingBroadcast;
}): Promise<Meeting> {
  const actor = toActor(input.user);
  const meeting = await managedMeeting(actor, input.meetingId);
  if (input.agendaItemId && !meeting.agenda.some((a) => a.id === input.agendaItemId))
    throw badRequest('agendaItemId: no such agenda item', 'agendaItemId');
  const [attachment] = await claimableAttachments(actor, [input.attachmentId]);
  await AttachmentModel.updateOne({ _id: attachment!._id }, { $set: { meetingId: meeting._id, agendaItemId: input.agendaItemId } });
  announce(input.broadcast, meeting);
  return presentMeeting(meeting, actor);
}

export async function removeMaterial(input: {
  user: UserWithOrganization;
  meetingId: string;
  attachmentId: string;
  broadcast: MeetingBroadcast;
}): Promise<Meeting> {
  const actor = toActor(input.user);
  const meeting = await managedMeeting(actor, input.meetingId);
  const removed = await AttachmentModel.updateOne(
    { _id: input.attachmentId, meetingId: meeting._id },
    { $set: { meetingId: null, agendaItemId: null } },
  );
  if (removed.matchedCount !== 1) throw notFound('material');
  announce(input.broadcast, meeting);
  return presentMeeting(meeting, actor);
}
