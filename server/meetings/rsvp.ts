/**
 * RSVPs: one per person per meeting. In-person places are limited by the venue's capacity; when
 * several people take the last places at once, the order of arrival (time, then id) decides, and
 * whoever falls outside the capacity is refused and put back where they were.
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '@shared/domain';
import { isHybrid, RSVP_LABELS, type RsvpResponse } from '@shared/meetings/rules';
import { neutralizeCell } from '@shared/register/rules';
import type { Attendance, MeetingSummary } from '@shared/schemas/meetings';
import { authorize } from '../http/authorize';
import { badRequest, conflict } from '../http/errors';
import type { UserWithOrganization } from '../users/model';
import { personOf, presentPerson } from '../users/person';
import { toActor } from '../users/presenter';
import { readableMeeting, requireInvited, requireStatus } from './access';
import { RsvpModel } from './model';
import { presentSummary } from './presenter';

export async function respond(input: { user: UserWithOrganization; meetingId: string; response: RsvpResponse }): Promise<MeetingSummary> {
  const { user, response } = input;
  const actor = toActor(user);
  const meeting = await readableMeeting(actor, input.meetingId);
  requireInvited(meeting, actor);
  requireStatus(meeting, ['scheduled', 'live'], 'rsvp');
  if (response === 'inPerson' && !isHybrid(meeting.kind)) throw badRequest('response: this meeting is online only', 'response');
  const _id = `${String(meeting._id)}:${actor.id}`;
  const previous = await RsvpModel.findById(_id).lean();
  if (previous?.response === response) return presentSummary(meeting, actor);
  const at = new Date();
  await RsvpModel.updateOne({ _id }, { $set: { meetingId: meeting._id, person: personOf(user), response, at } }, { upsert: true });
  if (response === 'inPerson') {
    const capacity = meeting.capacity ?? 0;
    const seated = await RsvpModel.find({ meetingId: meeting._id, response: 'inPerson' }, { _id: 1 })
      .sort({ at: 1, _id: 1 })
      .limit(capacity)
      .lean();
    if (!seated.some((r) => r._id === _id)) {
      if (previous) await RsvpModel.updateOne({ _id }, { $set: { response: previous.response, at: previous.at } });
      else await RsvpModel.deleteOne({ _id });
      throw conflict(`response: the venue is full (${capacity} places); attend online instead`, 'response');
    }
  }
  return presentSummary(meeting, actor);
}

export async function attendance(actor: Actor, meetingId: string): Promise<Attendance> {
  authorize(actor, 'meeting.manage');
  const meeting = await readableMeeting(actor, meetingId);
  const rows = await RsvpModel.find({ meetingId: meeting._id }).sort({ 'person.organization.nameJa': 1, at: 1 }).lean();
  const byOrg = new Map<string, Attendance['byOrganization'][number]>();
  const counts = { online: 0, inPerson: 0, absent: 0 };
  for (const r of rows) {
    const person = presentPerson(r.person);
    const entry = byOrg.get(person.organization.id) ?? { organization: person.organization, online: 0, inPerson: 0, absent: 0 };
    entry[r.response] += 1;
    counts[r.response] += 1;
    byOrg.set(person.organization.id, entry);
  }
  return {
    byOrganization: [...byOrg.values()],
    rows: rows.map((r) => ({ person: presentPerson(r.person), response: r.response, at: r.at.toISOString() })),
    counts,
  };
}

const HEADERS = ['組織', '氏名', '出欠', '回答日時'];
const rowOf = (r: Attendance['rows'][number]) => [
  r.person.organization.nameJa,
  r.person.displayName,
  RSVP_LABELS[r.response].ja,
  new Date(r.at),
];

export async function attendanceXlsx(list: Attendance): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('出欠', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: HEADERS[0], width: 32 },
    { header: HEADERS[1], width: 16 },
    { header: HEADERS[2], width: 14 },
    { header: HEADERS[3], width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of list.rows) sheet.addRow(rowOf(r).map((v) => (typeof v === 'string' ? neutralizeCell(v) : v)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, list.rows.length + 1), column: HEADERS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function attendanceCsv(list: Attendance): string {
  const text = (v: string | Date) => (v instanceof Date ? v.toISOString() : neutralizeCell(v));
  return `\uFEFF${stringify([HEADERS, ...list.rows.map((r) => rowOf(r).map(text))], { record_delimiter: '\r\n' })}`;
}
