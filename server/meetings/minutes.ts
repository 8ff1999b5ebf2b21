/**
 * Minutes (議事録): drafted by the secretariat per agenda item, optionally circulated to the
 * presenting organisations for confirmation, then published — which notifies the invited and
 * writes each decision about a register issue into that issue's history (and, for an `answer`
 * decision, posts it as the official answer, moving the issue to 回答済).
 */
import { randomBytes } from 'node:crypto';
import { trusted, type Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import { can } from '@shared/permissions';
import { isInvited, type MeetingStatus } from '@shared/meetings/rules';
import { isOpen, type IssueStatus } from '@shared/register/rules';
import type { z } from 'zod';
import {
  MINUTES_ARCHIVE_PAGE_SIZE,
  type ActionItem,
  type ConfirmBody,
  type Meeting,
  type MinutesArchive,
  type MinutesArchiveQuery,
  type MinutesBody,
} from '@shared/schemas/meetings';
import { recordAudit } from '../audit/log';
import { isDuplicateKey } from '../db/keys';
import { authorize } from '../http/authorize';
import { badRequest, conflict, forbidden } from '../http/errors';
import { addAnswer } from '../issues/comments';
import type { RegisterBroadcast } from '../issues/broadcast';
import { recordHistory } from '../issues/history';
import { IssueModel } from '../issues/model';
import { dateOnly, parseDateOnly, todayInJapan } from '@shared/japanDates';
import { OrganizationModel } from '../organizations/model';
import type { UserWithOrganization } from '../users/model';
import { personOf } from '../users/person';
import { toActor } from '../users/presenter';
import { attendeeRefs, proposeAttendees } from './attendees';
import { invitationOf, managedMeeting, readableMeeting, requireStatus } from './access';
import { MeetingModel, MinutesConfirmationModel, type MeetingDocument, type MeetingRecord, type MinutesConfirmationRecord } from './model';
import { presentMeeting, presentOrg } from './presenter';
import type { MeetingBroadcast } from './broadcast';
import { announce } from './service';

/** Tell everyone the meeting's minutes changed (the secretariat sees confirmations arrive), and present it. */
async function minutesChanged(broadcast: MeetingBroadcast, meetingId: Types.ObjectId, actor: Actor): Promise<Meeting> {
  const meeting = (await MeetingModel.findById(meetingId))!;
  announce(broadcast, meeting);
  return presentMeeting(meeting, actor);
}

export async function saveMinutes(input: {
  user: UserWithOrganization;
  meetingId: string;
  body: MinutesBody;
  broadcast: MeetingBroadcast;
}): Promise<Meeting> {
  const actor = toActor(input.user);
  authorize(actor, 'minutes.publish');
  const meeting = await managedMeeting(actor, input.meetingId);
  requireStatus(meeting, ['ended'], 'minutes');
  const agendaIds = new Set(meeting.agenda.map((a) => a.id));
  const owners = [
    ...new Set(input.body.items.flatMap((i) => i.actionItems.flatMap((a) => (a.ownerOrganizationId ? [a.ownerOrganizationId] : [])))),
  ];
  const issueIds = [...new Set(input.body.items.flatMap((i) => i.decisions.flatMap((d) => (d.issueId ? [d.issueId] : []))))];
  const [orgs, issues] = await Promise.all([
    owners.length ? OrganizationModel.find({ _id: trusted({ $in: owners }) }, { nameJa: 1, nameEn: 1 }).lean() : [],
    issueIds.length ? IssueModel.countDocuments({ _id: trusted({ $in: issueIds }) }) : 0,
  ]);
  if (orgs.length !== owners.length)
    throw badRequest('items.actionItems.ownerOrganizationId: unknown organisation', 'items.actionItems.ownerOrganizationId');
  if (issues !== issueIds.length) throw badRequest('items.decisions.issueId: unknown issue', 'items.decisions.issueId');
  const items = input.body.items.map((i) => {
    if (!agendaIds.has(i.agendaItemId)) throw badRequest(`items.agendaItemId: no agenda item ${i.agendaItemId}`, 'items.agendaItemId');
    return {
      agendaItemId: i.agendaItemId,
      summary: i.summary,
      decisions: i.decisions,
      actionItems: i.actionItems.map((a) => {
        const owner = orgs.find((o) => String(o._id) === a.ownerOrganizationId);
        return {
          id: a.id ?? randomBytes(6).toString('hex'),
          text: a.text,
          owner: owner ? { id: owner._id, nameJa: owner.nameJa, nameEn: owner.nameEn } : null,
          dueDate: parseDateOnly(a.dueDate),
          done: a.done,
        };
      }),
    };
  });
  const storedAttendees = meeting.minutes?.attendees ?? null;
  const attendees = input.body.attendeeOrganizationIds
    ? await attendeeRefs(input.body.attendeeOrganizationIds, 'attendeeOrganizationIds')
    : storedAttendees;
  const revised =
    Boolean(meeting.minutes?.circulatedAt) && minutesText(meeting.minutes!.items, storedAttendees) !== minutesText(items, attendees);
  // Only the items and attendees: circulation and publication times are set by their own steps, confirmations are documents of their own.
  const content = { items, ...(attendees ? { attendees } : {}) };
  await MeetingModel.updateOne(
    { _id: meeting._id },
    meeting.minutes
      ? {
          $set: {
            'minutes.items': items,
            ...(attendees ? { 'minutes.attendees': attendees } : {}),
            ...(revised ? { 'minutes.revisedAt': new Date() } : {}),
          },
        }
      : { $set: { minutes: { circulatedAt: null, revisedAt: null, publishedAt: null, ...content } } },
  );
  if (revised) await resetConfirmations(input.user, meeting, input.broadcast);
  return minutesChanged(input.broadcast, meeting._id, actor);
}

/**
 * What the presenters confirm: every item's text, decisions and action items (not the ids they are
 * kept by), and which organisations the minutes name as present.
 */
function minutesText(
  items: ReadonlyArray<{
    agendaItemId?: string | null;
    summary?: string | null;
    decisions: ReadonlyArray<{ text?: string | null; issueId?: unknown; effect?: string | null }>;
    actionItems: ReadonlyArray<{ text?: string | null; owner?: { id?: unknown } | null; dueDate?: Date | null; done?: boolean | null }>;
  }>,
  attendees: ReadonlyArray<{ id?: unknown }> | null,
): string {
  return JSON.stringify([
    attendees ? attendees.map((o) => String(o.id)).sort() : null,
    ...items.map((i) => [
      i.agendaItemId ?? '',
      i.summary ?? '',
      i.decisions.map((d) => [d.text ?? '', d.issueId ? String(d.issueId) : null, d.effect ?? 'record']),
      i.actionItems.map((a) => [
        a.text ?? '',
        a.owner?.id ? String(a.owner.id) : null,
        a.dueDate ? a.dueDate.getTime() : null,
        Boolean(a.done),
      ]),
    ]),
  ]);
}

/**
 * A circulated draft changed: nobody stays confirmed against text they never saw (issue 16,
 * finding 12). The confirmations go, the presenters are asked again, and the audit log says so.
 */
async function resetConfirmations(user: UserWithOrganization, meeting: MeetingDocument, broadcast: MeetingBroadcast): Promise<void> {
  const presenters = [...new Set(meeting.agenda.flatMap((a) => (a.presenter ? [String(a.presenter.id)] : [])))];
  const ids = presenters.map((orgId) => `${String(meeting._id)}:${orgId}`);
  const { deletedCount } = await MinutesConfirmationModel.deleteMany({ _id: trusted({ $in: ids }) });
  broadcast.minutesCirculated(presenters, { meetingId: String(meeting._id), title: meeting.title });
  await recordAudit({
    actor: user,
    action: 'minutes.revised',
    target: { kind: 'meeting', id: String(meeting._id), label: meeting.title },
    detail: { confirmationsReset: deletedCount },
  });
}

export async function circulateMinutes(input: {
  user: UserWithOrganization;
  meetingId: string;
  broadcast: MeetingBroadcast;
}): Promise<Meeting> {
  const actor = toActor(input.user);
  authorize(actor, 'minutes.publish');
  const meeting = await managedMeeting(actor, input.meetingId);
  requireStatus(meeting, ['ended'], 'minutes');
  if (!meeting.minutes) throw conflict('write the minutes first');
  await MeetingModel.updateOne({ _id: meeting._id }, { $set: { 'minutes.circulatedAt': new Date() } });
  const presenters = meeting.agenda.flatMap((a) => (a.presenter ? [String(a.presenter.id)] : []));
  input.broadcast.minutesCirculated([...new Set(presenters)], { meetingId: String(meeting._id), title: meeting.title });
  return minutesChanged(input.broadcast, meeting._id, actor);
}

/** A presenting organisation confirms the circulated draft, or comments on it. */
export async function confirmMinutes(input: {
  user: UserWithOrganization;
  meetingId: string;
  body: z.infer<typeof ConfirmBody>;
  broadcast: MeetingBroadcast;
}): Promise<Meeting> {
  const { user } = input;
  const actor = toActor(user);
  const meeting = await readableMeeting(actor, input.meetingId);
  if (!meeting.minutes?.circulatedAt || meeting.minutes.publishedAt) throw conflict('these minutes are not out for confirmation');
  if (!meeting.agenda.some((a) => String(a.presenter?.id) === actor.organization.id))
    throw forbidden('only presenting organisations confirm the minutes');
  await recordConfirmation({
    _id: `${String(meeting._id)}:${actor.organization.id}`,
    meetingId: meeting._id,
    organization: personOf(user).organization,
    status: input.body.comment ? 'commented' : 'confirmed',
    comment: input.body.comment ?? null,
    by: personOf(user),
    at: new Date(),
  });
  return minutesChanged(input.broadcast, meeting._id, actor);
}

/** Store an organisation's confirmation: its first one is inserted, a later one replaces it. */
async function recordConfirmation(confirmation: MinutesConfirmationRecord & { _id: string }): Promise<void> {
  try {
    await MinutesConfirmationModel.create(confirmation);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await MinutesConfirmationModel.replaceOne({ _id: confirmation._id }, confirmation);
  }
}

export async function publishMinutes(input: {
  user: UserWithOrganization;
  meetingId: string;
  broadcast: MeetingBroadcast;
  register: RegisterBroadcast;
}): Promise<Meeting> {
  const { user, broadcast, register } = input;
  const actor = toActor(user);
  authorize(actor, 'minutes.publish');
  const meeting = await managedMeeting(actor, input.meetingId);
  requireStatus(meeting, ['ended'], 'publish');
  if (!meeting.minutes?.items.length) throw conflict('write the minutes first');
  // Published minutes always name who was present: what the secretariat saved, else the proposal as it stands.
  const attendees = meeting.minutes.attendees ?? (await proposeAttendees(meeting)).map((a) => a.organization);
  const saved = await MeetingModel.updateOne(
    { _id: meeting._id, status: 'ended' },
    { $set: { status: 'minutesPublished', 'minutes.publishedAt': new Date(), 'minutes.attendees': attendees } },
  );
  if (saved.matchedCount !== 1) throw conflict('the minutes were published meanwhile');

  const by = personOf(user);
  for (const item of meeting.minutes.items) {
    const agendaTitle = meeting.agenda.find((a) => a.id === item.agendaItemId)?.title ?? '';
    for (const decision of item.decisions) {
      if (!decision.issueId) continue;
      const issue = await IssueModel.findById(decision.issueId);
      if (!issue) continue;
      await recordHistory(register, {
        issueId: issue._id,
        type: 'meetingDecision',
        by,
        note: `${meeting.title}「${agendaTitle}」: ${decision.text}`,
      });
      if (decision.effect === 'answer' && isOpen(issue.status as IssueStatus)) {
        await addAnswer({
          user,
          issueId: String(issue._id),
          body: `【${meeting.title} 決定事項】\n\n${decision.text}`,
          broadcast: register,
        });
      }
    }
  }
  const published = (await MeetingModel.findById(meeting._id))!;
  const orgs = await OrganizationModel.find({}, { kind: 1, vendorType: 1, observerKind: 1, key: 1 }).lean();
  const invited = orgs.filter((o) =>
    isInvited(invitationOf(published), {
      id: String(o._id),
      key: o.key,
      kind: o.kind,
      vendorType: o.vendorType ?? null,
      observerKind: o.observerKind ?? null,
    }),
  );
  broadcast.minutesPublished(
    invited.map((o) => String(o._id)),
    { meetingId: String(meeting._id), title: meeting.title },
  );
  announce(broadcast, published);
  await recordAudit({
    actor: user,
    action: 'minutes.published',
    target: { kind: 'meeting', id: String(published._id), label: published.title },
  });
  return presentMeeting(published, actor);
}

/** Action items from published minutes: the organisation's own (the secretariat sees all), overdue flagged. */
export async function actionItemsFor(
  actor: Actor,
): Promise<Array<ActionItem & { meeting: { id: string; title: string; startsAt: string } }>> {
  const meetings = await MeetingModel.find({ status: 'minutesPublished' as MeetingStatus })
    .sort({ startsAt: -1 })
    .limit(200);
  const today = todayInJapan();
  const everyone = can(actor, 'meeting.manage');
  return meetings.flatMap((m) =>
    (m.minutes?.items ?? []).flatMap((i) =>
      i.actionItems
        .filter((a) => everyone || String(a.owner?.id) === actor.organization.id)
        .map((a) => ({
          id: a.id ?? '',
          text: a.text ?? '',
          owner: presentOrg(a.owner),
          dueDate: dateOnly(a.dueDate),
          done: a.done,
          overdue: Boolean(!a.done && a.dueDate && a.dueDate < today),
          meeting: { id: String(m._id), title: m.title, startsAt: m.startsAt.toISOString() },
        })),
    ),
  );
}

/**
 * The minutes archive: published minutes across meetings, newest meeting first, a page at a time.
 * The meetings list's rule decides who reads what: everyone who may read meetings reads every
 * meeting but a draft, and published minutes are the published meetings' (presentMeeting shows
 * them to every reader), so the archive is the same for everyone allowed `meeting.read`.
 */
export async function minutesArchive(actor: Actor, query: MinutesArchiveQuery): Promise<MinutesArchive> {
  authorize(actor, 'meeting.read');
  const filter = { status: 'minutesPublished' as MeetingStatus, ...(query.kind ? { kind: query.kind } : {}) };
  const pageSize = MINUTES_ARCHIVE_PAGE_SIZE;
  const [total, meetings] = await Promise.all([
    MeetingModel.countDocuments(filter),
    MeetingModel.find(filter, { kind: 1, title: 1, startsAt: 1, endsAt: 1, 'minutes.publishedAt': 1 })
      .sort({ startsAt: -1, _id: -1 })
      .skip((query.page - 1) * pageSize)
      .limit(pageSize)
      .lean<
        Array<
          Pick<MeetingRecord, 'kind' | 'title' | 'startsAt' | 'endsAt'> & {
            _id: Types.ObjectId;
            minutes?: { publishedAt?: Date | null } | null;
          }
        >
      >(),
  ]);
  return {
    minutes: meetings.map((m) => ({
      meetingId: String(m._id),
      kind: m.kind,
      title: m.title,
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      publishedAt: (m.minutes?.publishedAt ?? m.startsAt).toISOString(),
    })),
    total,
    page: query.page,
    pageSize,
  };
}
