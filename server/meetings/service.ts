/** Creating, editing, scheduling, starting and ending meetings (the secretariat), and reading them (everyone). */
import { randomBytes } from 'node:crypto';
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import { can } from '@shared/permissions';
import { isHybrid, STATUS_MOVES, type MeetingStatus } from '@shared/meetings/rules';
import type { Meeting, MeetingCreateBody, MeetingSummary, MeetingUpdateBody } from '@shared/schemas/meetings';
import { recordAudit } from '../audit/log';
import { authorize } from '../http/authorize';
import { badRequest, conflict } from '../http/errors';
import { IssueModel } from '../issues/model';
import { OrganizationModel } from '../organizations/model';
import { ThreadModel } from '../threads/model';
import type { UserWithOrganization } from '../users/model';
import { personOf, presentPerson } from '../users/person';
import { toActor } from '../users/presenter';
import { invites, managedMeeting, readableMeeting } from './access';
import { MeetingFloorModel, MeetingModel, type MeetingDocument } from './model';
import { clearHands } from './hands';
import { presentMeeting, presentSummaries } from './presenter';
import type { MeetingBroadcast } from './broadcast';
import { roomChanged } from './roomSnapshot';

type AgendaInput = NonNullable<MeetingCreateBody['agenda']>;

async function orgRefs(ids: readonly string[], field: string) {
  if (!ids.length) return [];
  const orgs = await OrganizationModel.find({ _id: trusted({ $in: [...new Set(ids)] }) }, { nameJa: 1, nameEn: 1 }).lean();
  if (orgs.length !== new Set(ids).size) throw badRequest(`${field}: unknown organisation`, field);
  return orgs.map((o) => ({ id: o._id, nameJa: o.nameJa, nameEn: o.nameEn }));
}

async function agendaOf(items: AgendaInput) {
  const issueIds = [...new Set(items.flatMap((a) => a.issueIds))];
  const threadIds = [...new Set(items.flatMap((a) => a.threadIds))];
  const [issues, threads, presenters] = await Promise.all([
    issueIds.length ? IssueModel.countDocuments({ _id: trusted({ $in: issueIds }) }) : 0,
    threadIds.length ? ThreadModel.countDocuments({ _id: trusted({ $in: threadIds }) }) : 0,
    orgRefs(
      items.flatMap((a) => (a.presenterOrganizationId ? [a.presenterOrganizationId] : [])),
      'agenda.presenterOrganizationId',
    ),
  ]);
  if (issues !== issueIds.length) throw badRequest('agenda.issueIds: unknown issue', 'agenda.issueIds');
  if (threads !== threadIds.length) throw badRequest('agenda.threadIds: unknown thread', 'agenda.threadIds');
  const seen = new Set<string>();
  return items.map((a) => {
    const id = a.id ?? randomBytes(6).toString('hex');
    if (seen.has(id)) throw badRequest(`agenda.id: ${id} is used twice`, 'agenda.id');
    seen.add(id);
    return {
      id,
      title: a.title,
      presenter: presenters.find((p) => String(p.id) === a.presenterOrganizationId) ?? null,
      minutes: a.minutes,
      issueIds: a.issueIds,
      threadIds: a.threadIds,
    };
  });
}

function checkVenue(kind: MeetingDocument['kind'], venue: string | null | undefined, capacity: number | null | undefined) {
  if (!isHybrid(kind) && (venue || capacity))
    throw badRequest('venue: a plenary is online only; venue and capacity are for issue consultations', 'venue');
}

export async function createMeeting(input: { user: UserWithOrganization; body: MeetingCreateBody }): Promise<Meeting> {
  const { user, body } = input;
  const actor = toActor(user);
  authorize(actor, 'meeting.manage');
  checkVenue(body.kind, body.venue, body.capacity);
  const meeting = await MeetingModel.create({
    kind: body.kind,
    title: body.title,
    startsAt: new Date(body.startsAt),
    endsAt: new Date(body.endsAt),
    onlineUrl: body.onlineUrl,
    venue: body.venue,
    capacity: body.capacity,
    description: body.description,
    agenda: await agendaOf(body.agenda),
    extraInvitees: await orgRefs(body.extraInviteeIds, 'extraInviteeIds'),
    createdBy: personOf(user),
  });
  return presentMeeting(meeting, actor);
}

export async function updateMeeting(input: {
  user: UserWithOrganization;
  meetingId: string;
  body: MeetingUpdateBody;
  broadcast: MeetingBroadcast;
}): Promise<Meeting> {
  const { user, body, broadcast } = input;
  const actor = toActor(user);
  const meeting = await managedMeeting(actor, input.meetingId);
  if (['ended', 'minutesPublished', 'cancelled'].includes(meeting.status))
    throw conflict(`the meeting is ${meeting.status}; it can no longer be edited`);
  const set: Record<string, unknown> = {};
  for (const key of ['title', 'onlineUrl', 'venue', 'capacity', 'description'] as const) if (body[key] !== undefined) set[key] = body[key];
  if (body.startsAt) set.startsAt = new Date(body.startsAt);
  if (body.endsAt) set.endsAt = new Date(body.endsAt);
  if (((set.endsAt as Date | undefined) ?? meeting.endsAt) <= ((set.startsAt as Date | undefined) ?? meeting.startsAt))
    throw badRequest('body.endsAt: must be after the start', 'body.endsAt');
  checkVenue(
    meeting.kind,
    set.venue !== undefined ? (set.venue as string | null) : meeting.venue,
    set.capacity !== undefined ? (set.capacity as number | null) : meeting.capacity,
  );
  if (body.agenda) set.agenda = await agendaOf(body.agenda);
  if (body.extraInviteeIds) set.extraInvitees = await orgRefs(body.extraInviteeIds, 'extraInviteeIds');
  const before = { startsAt: meeting.startsAt, endsAt: meeting.endsAt, venue: meeting.venue, onlineUrl: meeting.onlineUrl };
  await MeetingModel.updateOne({ _id: meeting._id }, { $set: set });
  const updated = (await MeetingModel.findById(meeting._id))!;
  announce(broadcast, updated);
  broadcast.rescheduled(String(meeting._id), before, presentPerson(personOf(user)));
  return presentMeeting(updated, actor);
}

export async function setMeetingStatus(input: {
  user: UserWithOrganization;
  meetingId: string;
  to: MeetingStatus;
  broadcast: MeetingBroadcast;
}): Promise<Meeting> {
  const { user, to, broadcast } = input;
  const actor = toActor(user);
  const meeting = await managedMeeting(actor, input.meetingId);
  const from = meeting.status as MeetingStatus;
  if (!STATUS_MOVES[from].includes(to))
    throw conflict(`to: ${from} → ${to} is not possible; allowed: ${STATUS_MOVES[from].join(', ') || 'none'}`, 'to');
  const saved = await MeetingModel.updateOne({ _id: meeting._id, status: from }, { $set: { status: to } });
  if (saved.matchedCount !== 1) throw conflict('the meeting changed meanwhile; reload it');
  if (to === 'ended') {
    // Ending takes the floor back from everyone and lowers every hand (after the status, so a floor given
    // or a hand raised meanwhile sees it: liveRoom.ts, hands.ts).
    await Promise.all([MeetingFloorModel.deleteMany({ meetingId: meeting._id }), clearHands(meeting._id)]);
    roomChanged(String(meeting._id));
  }
  const updated = (await MeetingModel.findById(meeting._id))!;
  broadcast.status(String(meeting._id), to);
  announce(broadcast, updated);
  broadcast.moved(String(meeting._id), from, to, presentPerson(personOf(user)));
  await recordAudit({
    actor: user,
    action: 'meeting.statusChanged',
    target: { kind: 'meeting', id: String(updated._id), label: updated.title },
    detail: { to },
  });
  return presentMeeting(updated, actor);
}

/** Tell every signed-in client a meeting changed (lists, badges). */
export function announce(broadcast: MeetingBroadcast, meeting: MeetingDocument): void {
  broadcast.changed({ id: String(meeting._id), status: meeting.status as MeetingStatus });
}

export async function listMeetings(
  actor: Actor,
  query: { when: 'upcoming' | 'past' | 'all'; mine?: boolean | undefined; kind?: MeetingDocument['kind'] | undefined },
): Promise<MeetingSummary[]> {
  const now = new Date();
  const filter: Record<string, unknown> = {};
  if (!can(actor, 'meeting.manage')) filter.status = trusted({ $ne: 'draft' });
  if (query.when === 'upcoming') filter.endsAt = trusted({ $gte: now });
  if (query.when === 'past') filter.endsAt = trusted({ $lt: now });
  if (query.kind) filter.kind = query.kind;
  const meetings = await MeetingModel.find(filter)
    .sort({ startsAt: query.when === 'past' ? -1 : 1 })
    .limit(200);
  const visible = query.mine ? meetings.filter((m) => invites(m, actor)) : meetings;
  return presentSummaries(visible, actor);
}

export async function meetingDetail(actor: Actor, meetingId: string): Promise<Meeting> {
  return presentMeeting(await readableMeeting(actor, meetingId), actor);
}
