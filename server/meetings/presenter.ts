/** Stored meetings → the shared shapes, for one reader. */
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { RsvpResponse } from '@shared/meetings/rules';
import type { IssueRef } from '@shared/schemas/issues';
import type { AgendaItem, Meeting, MeetingSummary, Minutes } from '@shared/schemas/meetings';
import { readableVisibilities } from '@shared/threads/rules';
import { AttachmentModel } from '../attachments/model';
import { IssueModel } from '../issues/model';
import { dateOnly, todayInJapan } from '@shared/japanDates';
import { ThreadModel } from '../threads/model';
import { presentPerson } from '../users/person';
import { invites, joinUrlFor, minutesShownTo } from './access';
import { MinutesConfirmationModel, RsvpModel, type MeetingDocument, type MinutesConfirmationRecord } from './model';

type OrgRef = { id: unknown; nameJa?: string | null; nameEn?: string | null } | null | undefined;
export const presentOrg = (o: OrgRef) => (o ? { id: String(o.id), nameJa: o.nameJa ?? '', nameEn: o.nameEn ?? '' } : null);

/** Open action items of the minutes that are past their due date (Japan time). */
export function overdueActionItems(meeting: MeetingDocument, now = new Date()): number {
  const today = todayInJapan(now);
  return (meeting.minutes?.items ?? []).flatMap((i) => i.actionItems).filter((a) => !a.done && a.dueDate && a.dueDate < today).length;
}

type RsvpSummary = { counts: { online: number; inPerson: number; absent: number }; mine: MeetingSummary['myRsvp'] };

/** RSVP counts and the reader's own answer for several meetings at once (a list is two queries, not two per row). */
async function rsvpSummaries(meetings: readonly MeetingDocument[], actor: Actor): Promise<Map<string, RsvpSummary>> {
  const ids = meetings.map((m) => m._id);
  const myKeys = ids.map((id) => `${String(id)}:${actor.id}`);
  const [rows, mine] = await Promise.all([
    RsvpModel.aggregate<{ _id: { meetingId: unknown; response: string }; count: number }>([
      { $match: { meetingId: trusted({ $in: ids }) } },
      { $group: { _id: { meetingId: '$meetingId', response: '$response' }, count: { $sum: 1 } } },
    ]),
    // One meeting (every live-room join, every detail page): an `_id` lookup, not an `$in` the embedded engine scans for (docs/DATABASE.md).
    myKeys.length === 1
      ? RsvpModel.findById(myKeys[0], { meetingId: 1, response: 1 })
          .lean()
          .then((r) => (r ? [r] : []))
      : RsvpModel.find({ _id: trusted({ $in: myKeys }) }, { meetingId: 1, response: 1 }).lean(),
  ]);
  const out = new Map<string, RsvpSummary>(
    meetings.map((m) => [String(m._id), { counts: { online: 0, inPerson: 0, absent: 0 }, mine: null }]),
  );
  for (const r of rows) out.get(String(r._id.meetingId))!.counts[r._id.response as RsvpResponse] = r.count;
  for (const r of mine) out.get(String(r.meetingId))!.mine = r.response;
  return out;
}

function summaryOf(meeting: MeetingDocument, actor: Actor, rsvp: RsvpSummary): MeetingSummary {
  return {
    id: String(meeting._id),
    kind: meeting.kind,
    title: meeting.title,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    onlineUrl: joinUrlFor(meeting, actor),
    venue: meeting.venue ?? null,
    capacity: meeting.capacity ?? null,
    description: meeting.description,
    status: meeting.status,
    currentAgendaItemId: meeting.currentAgendaItemId ?? null,
    rsvpCounts: rsvp.counts,
    myRsvp: rsvp.mine,
    invited: invites(meeting, actor),
    overdueActionItems: overdueActionItems(meeting),
  };
}

export async function presentSummaries(meetings: readonly MeetingDocument[], actor: Actor): Promise<MeetingSummary[]> {
  if (!meetings.length) return [];
  const rsvps = await rsvpSummaries(meetings, actor);
  return meetings.map((m) => summaryOf(m, actor, rsvps.get(String(m._id))!));
}

export async function presentSummary(meeting: MeetingDocument, actor: Actor): Promise<MeetingSummary> {
  return (await presentSummaries([meeting], actor))[0]!;
}

/** The number and title of each of these issues, by id (one query; none for no ids). */
async function issueRefs(ids: readonly unknown[]): Promise<Map<string, IssueRef>> {
  const issues = ids.length ? await IssueModel.find({ _id: trusted({ $in: ids }) }, { number: 1, title: 1 }).lean() : [];
  return new Map(issues.map((i) => [String(i._id), { id: String(i._id), number: i.number, title: i.title }]));
}

export async function presentAgenda(meeting: MeetingDocument, actor: Actor): Promise<AgendaItem[]> {
  const threadIds = meeting.agenda.flatMap((a) => a.threadIds);
  const [issueById, threads] = await Promise.all([
    issueRefs(meeting.agenda.flatMap((a) => a.issueIds)),
    threadIds.length
      ? ThreadModel.find(
          { _id: trusted({ $in: threadIds }), visibility: trusted({ $in: readableVisibilities(actor) }) },
          { title: 1 },
        ).lean()
      : [],
  ]);
  const threadById = new Map(threads.map((t) => [String(t._id), { id: String(t._id), title: t.title }]));
  return meeting.agenda.map((a) => ({
    id: a.id,
    title: a.title,
    presenter: presentOrg(a.presenter),
    minutes: a.minutes,
    issues: a.issueIds.flatMap((id) => issueById.get(String(id)) ?? []),
    threads: a.threadIds.flatMap((id) => threadById.get(String(id)) ?? []),
  }));
}

/** `issues`: the number and title of the issues its decisions link to (issueRefs). */
export function presentMinutes(
  meeting: MeetingDocument,
  confirmations: readonly MinutesConfirmationRecord[],
  issues: ReadonlyMap<string, IssueRef>,
  now = new Date(),
): Minutes | null {
  const m = meeting.minutes;
  if (!m) return null;
  const today = todayInJapan(now);
  const confirmedIds = new Set(confirmations.map((c) => String(c.organization.id)));
  const presenters = new Map(meeting.agenda.flatMap((a) => (a.presenter ? [[String(a.presenter.id), presentOrg(a.presenter)!]] : [])));
  return {
    items: m.items.map((i) => ({
      agendaItemId: i.agendaItemId ?? '',
      summary: i.summary,
      decisions: i.decisions.map((d) => ({
        text: d.text ?? '',
        issueId: d.issueId ? String(d.issueId) : null,
        issue: (d.issueId ? issues.get(String(d.issueId)) : undefined) ?? null,
        effect: d.effect === 'answer' ? 'answer' : 'record',
      })),
      actionItems: i.actionItems.map((a) => ({
        id: a.id ?? '',
        text: a.text ?? '',
        owner: presentOrg(a.owner),
        dueDate: dateOnly(a.dueDate),
        done: a.done,
        overdue: Boolean(!a.done && a.dueDate && a.dueDate < today),
      })),
    })),
    circulatedAt: m.circulatedAt ? m.circulatedAt.toISOString() : null,
    revisedAt: m.revisedAt ? m.revisedAt.toISOString() : null,
    confirmations: [...confirmations]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((c) => ({
        organization: presentOrg(c.organization)!,
        status: c.status,
        comment: c.comment ?? null,
        by: presentPerson(c.by),
        at: c.at.toISOString(),
      })),
    awaiting: m.circulatedAt ? [...presenters].filter(([id]) => !confirmedIds.has(id)).map(([, org]) => org) : [],
    publishedAt: m.publishedAt ? m.publishedAt.toISOString() : null,
    attendees: m.attendees ? m.attendees.map((o) => presentOrg(o)!) : null,
  };
}

export async function presentMeeting(meeting: MeetingDocument, actor: Actor): Promise<Meeting> {
  const [summary, agenda, materials, confirmations, decisionIssues] = await Promise.all([
    presentSummary(meeting, actor),
    presentAgenda(meeting, actor),
    AttachmentModel.find({ meetingId: meeting._id }).sort({ createdAt: 1 }).lean(),
    meeting.minutes?.circulatedAt ? MinutesConfirmationModel.find({ meetingId: meeting._id }).lean() : [],
    issueRefs((meeting.minutes?.items ?? []).flatMap((i) => i.decisions.flatMap((d) => (d.issueId ? [d.issueId] : [])))),
  ]);
  const minutes = presentMinutes(meeting, confirmations, decisionIssues);
  const showMinutes = minutes && minutesShownTo(actor, meeting);
  return {
    ...summary,
    agenda,
    extraInvitees: meeting.extraInvitees.map((o) => presentOrg(o)!),
    materials: materials.map((a) => ({
      id: String(a._id),
      name: a.name,
      type: a.type,
      size: a.size,
      sha256: a.sha256,
      agendaItemId: a.agendaItemId ?? null,
    })),
    minutes: showMinutes ? minutes : null,
  };
}
