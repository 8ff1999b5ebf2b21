/**
 * 出席者 (attendees) of a meeting's minutes, by organisation. The live room's presence lives only in
 * its sockets, so each organisation's first join while the meeting is live is recorded as a document
 * of its own (`<meetingId>:<organizationId>`, RoomAttendanceModel). The minutes editor proposes the
 * organisations recorded there and those whose members answered that they attend (RSVP online or
 * in person); the secretariat adds and removes organisations and saves the list with the minutes.
 */
import { trusted, type Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { AttendeeProposal } from '@shared/schemas/meetings';
import { ignoringDuplicate } from '../db/keys';
import { authorize } from '../http/authorize';
import { badRequest } from '../http/errors';
import { OrganizationModel } from '../organizations/model';
import type { PersonRecord } from '../users/person';
import { managedMeeting } from './access';
import { RoomAttendanceModel, roomAttendanceKey, RsvpModel, type MeetingDocument } from './model';
import { presentOrg } from './presenter';

type OrgRefRecord = PersonRecord['organization'];

/**
 * Keys this process has already stored: a plenary's join storm costs one insert per organisation,
 * not one per person. Bounded; forgetting only means one more insert that finds its key taken.
 */
const recorded = new Set<string>();
const RECORDED_LIMIT = 10_000;

/** Someone of `organization` joined the live room of a meeting that is on: record the organisation once. */
export async function recordRoomAttendance(input: { meetingId: Types.ObjectId; organization: OrgRefRecord; at?: Date }): Promise<void> {
  const _id = roomAttendanceKey(input.meetingId, input.organization.id);
  if (recorded.has(_id)) return;
  await ignoringDuplicate(
    RoomAttendanceModel.create({
      _id,
      meetingId: input.meetingId,
      organization: input.organization,
      firstJoinedAt: input.at ?? new Date(),
    }),
  );
  if (recorded.size >= RECORDED_LIMIT) recorded.clear();
  recorded.add(_id);
}

/** Vendors first, then observers, then the secretariat, as a 議事概要 lists them; by Japanese name within each. */
const KIND_ORDER: Record<string, number> = { vendor: 0, observer: 1, secretariat: 2 };

/** Those of these organisations that exist, as stored references (current names), in the minutes' order. */
async function orderedOrgRefs(ids: readonly string[]) {
  if (!ids.length) return [];
  const orgs = await OrganizationModel.find({ _id: trusted({ $in: [...new Set(ids)] }) }, { kind: 1, nameJa: 1, nameEn: 1 }).lean();
  return orgs
    .sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || a.nameJa.localeCompare(b.nameJa, 'ja'))
    .map((o) => ({ id: o._id, nameJa: o.nameJa, nameEn: o.nameEn }));
}

/** These organisations as stored references, in the minutes' order; an unknown id is a 400 on `field`. */
export async function attendeeRefs(ids: readonly string[], field: string) {
  const refs = await orderedOrgRefs(ids);
  if (refs.length !== new Set(ids).size) throw badRequest(`${field}: unknown organisation`, field);
  return refs;
}

/** The organisations proposed as present (as stored references), each with why, in the minutes' order. */
export async function proposeAttendees(meeting: MeetingDocument) {
  const [joined, answered] = await Promise.all([
    RoomAttendanceModel.find({ meetingId: meeting._id }, { organization: 1 }).lean(),
    RsvpModel.find({ meetingId: meeting._id, response: trusted({ $in: ['online', 'inPerson'] }) }, { person: 1 }).lean(),
  ]);
  const sources = new Map<string, Set<'room' | 'rsvp'>>();
  const add = (id: unknown, source: 'room' | 'rsvp') => sources.set(String(id), (sources.get(String(id)) ?? new Set()).add(source));
  for (const a of joined) add(a.organization.id, 'room');
  for (const r of answered) add(r.person.organization.id, 'rsvp');
  // Read afresh: an organisation deleted since is left out, a renamed one shows its current name.
  const refs = await orderedOrgRefs([...sources.keys()]);
  return refs.map((ref) => ({ organization: ref, sources: [...sources.get(String(ref.id))!].sort() }));
}

/** The editor's proposal (the secretariat). */
export async function attendeeProposal(actor: Actor, meetingId: string): Promise<AttendeeProposal> {
  authorize(actor, 'minutes.publish');
  const meeting = await managedMeeting(actor, meetingId);
  const proposed = await proposeAttendees(meeting);
  return { organizations: proposed.map((p) => ({ organization: presentOrg(p.organization)!, sources: p.sources })) };
}
