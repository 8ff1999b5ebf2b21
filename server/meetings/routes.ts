import type { Request } from 'express';
import { z } from 'zod';
import { ErrorBody, IdParams, ObjectIdString } from '@shared/schemas/common';
import {
  ActionItemList,
  Attendance,
  AttendeeProposal,
  CalendarToken,
  ConfirmBody,
  MaterialBody,
  Meeting,
  MeetingCreateBody,
  MeetingList,
  MeetingListQuery,
  MeetingStatusBody,
  MeetingSummary,
  MeetingUpdateBody,
  MinutesArchive,
  MinutesArchiveQuery,
  MinutesBody,
  RsvpBody,
} from '@shared/schemas/meetings';
import type { Actor } from '@shared/domain';
import { recordAudit } from '../audit/log';
import type { AppContext } from '../context';
import { sendExport, XLSX_TYPE } from '../http/download';
import { conflictResponse, errorResponses } from '../http/responses';
import { defineRoute } from '../http/route';
import type { UserWithOrganization } from '../users/model';
import { readableMeeting } from './access';
import { CALENDAR_TOKEN, calendarFeed, issueCalendarToken, meetingIcs, revokeCalendarTokens } from './calendar';
import { addMaterial, removeMaterial } from './materials';
import { attendeeProposal } from './attendees';
import { actionItemsFor, circulateMinutes, confirmMinutes, minutesArchive, publishMinutes, saveMinutes } from './minutes';
import { attendance, attendanceCsv, attendanceXlsx, respond } from './rsvp';
import { createMeeting, listMeetings, meetingDetail, setMeetingStatus, updateMeeting } from './service';

const errors = errorResponses;
const ATTENDANCE_FILE = { asciiName: 'attendance', japaneseName: '出欠状況' };

/** A meeting's attendance for a download, put on the audit record. */
async function exportedAttendance(user: UserWithOrganization, actor: Actor, meetingId: string, format: string) {
  const list = await attendance(actor, meetingId);
  await recordAudit({ actor: user, action: 'export.attendance', target: { kind: 'meeting', id: meetingId }, detail: { format } });
  return list;
}
const MaterialParams = z.strictObject({ id: ObjectIdString, attachmentId: ObjectIdString });
const FeedParams = z.strictObject({ file: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/, 'not a calendar feed') });

/** Where links in calendars point: the configured public origin, else the address this request came to. */
function originOf(req: Request, configured: readonly string[]): string {
  return configured[0] ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

export function meetingRoutes({ meetings: broadcast, register, config }: AppContext) {
  const origin = (req: Request) => originOf(req, config.PUBLIC_ORIGIN);
  return [
    defineRoute(
      {
        method: 'get',
        path: '/meetings',
        tag: 'meetings',
        summary: 'Meetings: upcoming, past or all; `mine` = those one’s organisation is invited to',
        access: 'user',
        query: MeetingListQuery,
        responses: { 200: { description: 'meetings', schema: MeetingList }, ...errors },
      },
      async ({ actor, query }) => ({ meetings: await listMeetings(actor, query) }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/meetings',
        tag: 'meetings',
        summary: 'Create a meeting (secretariat; starts as a draft)',
        access: 'user',
        body: MeetingCreateBody,
        status: 201,
        responses: { 201: { description: 'created', schema: Meeting }, ...errors },
      },
      ({ user, body }) => createMeeting({ user, body }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/action-items',
        tag: 'meetings',
        summary: "Action items from published minutes: one's organisation's (the secretariat: all)",
        access: 'user',
        responses: { 200: { description: 'action items', schema: ActionItemList }, ...errors },
      },
      async ({ actor }) => ({ actionItems: await actionItemsFor(actor) }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/minutes',
        tag: 'meetings',
        summary: 'Published minutes across meetings, newest meeting first, a page at a time (what the meetings list shows the reader)',
        access: 'user',
        query: MinutesArchiveQuery,
        responses: { 200: { description: 'published minutes', schema: MinutesArchive }, ...errors },
      },
      ({ actor, query }) => minutesArchive(actor, query),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/me/calendar-token',
        tag: 'meetings',
        summary: 'A new private calendar feed URL (the previous one stops working)',
        access: 'user',
        status: 201,
        responses: { 201: { description: 'the feed URL (shown once)', schema: CalendarToken }, ...errors },
      },
      ({ actor, req }) => issueCalendarToken(actor, origin(req)),
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/me/calendar-token',
        tag: 'meetings',
        summary: 'Revoke the private calendar feed',
        access: 'user',
        responses: { 204: { description: 'revoked' }, ...errors },
      },
      async ({ actor }) => void (await revokeCalendarTokens(actor.id)),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/calendar/:file',
        tag: 'meetings',
        summary: 'A private calendar feed (the token in the URL is the credential)',
        access: 'public',
        params: FeedParams,
        responses: {
          200: { description: 'iCalendar', contentType: 'text/calendar' },
          404: { description: 'unknown or revoked', schema: ErrorBody },
        },
      },
      async ({ params, req, res }) => {
        const token = params.file.slice(0, -'.ics'.length);
        if (!CALENDAR_TOKEN.test(token)) return res.status(404).end();
        const body = await calendarFeed(token, origin(req));
        res.set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300' }).send(body);
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/meetings/:id',
        tag: 'meetings',
        summary: 'A meeting with agenda, materials, RSVP counts and minutes',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the meeting', schema: Meeting }, ...errors },
      },
      ({ actor, params }) => meetingDetail(actor, params.id),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/meetings/:id',
        tag: 'meetings',
        summary: 'Edit a meeting (secretariat)',
        access: 'user',
        params: IdParams,
        body: MeetingUpdateBody,
        responses: { 200: { description: 'edited', schema: Meeting }, ...errors, ...conflictResponse },
      },
      ({ user, params, body }) => updateMeeting({ user, meetingId: params.id, body, broadcast }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/meetings/:id/status',
        tag: 'meetings',
        summary: 'Schedule, start (opens the live room), end, cancel, or return to draft (secretariat)',
        access: 'user',
        params: IdParams,
        body: MeetingStatusBody,
        responses: { 200: { description: 'moved', schema: Meeting }, ...errors, ...conflictResponse },
      },
      ({ user, params, body }) => setMeetingStatus({ user, meetingId: params.id, to: body.to, broadcast }),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/meetings/:id/rsvp',
        tag: 'meetings',
        summary: 'Answer the invitation (in person: hybrid only, while places remain)',
        access: 'user',
        params: IdParams,
        body: RsvpBody,
        responses: { 200: { description: 'the meeting', schema: MeetingSummary }, ...errors, ...conflictResponse },
      },
      ({ user, params, body }) => respond({ user, meetingId: params.id, response: body.response }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/meetings/:id/attendance',
        tag: 'meetings',
        summary: 'Attendance by organisation and person (secretariat)',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'attendance', schema: Attendance }, ...errors },
      },
      ({ actor, params }) => attendance(actor, params.id),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/meetings/:id/attendance.xlsx',
        tag: 'meetings',
        summary: 'Attendance list as Excel (secretariat)',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'workbook', contentType: XLSX_TYPE }, ...errors },
      },
      async ({ user, actor, params, res }) => {
        sendExport(res, {
          format: 'xlsx',
          data: await attendanceXlsx(await exportedAttendance(user, actor, params.id, 'xlsx')),
          ...ATTENDANCE_FILE,
        });
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/meetings/:id/attendance.csv',
        tag: 'meetings',
        summary: 'Attendance list as CSV (secretariat)',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'CSV', contentType: 'text/csv' }, ...errors },
      },
      async ({ user, actor, params, res }) => {
        sendExport(res, {
          format: 'csv',
          data: attendanceCsv(await exportedAttendance(user, actor, params.id, 'csv')),
          ...ATTENDANCE_FILE,
        });
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/meetings/:id/calendar',
        tag: 'meetings',
        summary: 'The meeting as an .ics file',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'iCalendar', contentType: 'text/calendar' }, ...errors },
      },
      async ({ actor, params, req, res }) => {
        const meeting = await readableMeeting(actor, params.id);
        res
          .set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="meeting-${params.id}.ics"` })
          .send(meetingIcs(meeting, actor, origin(req)));
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/meetings/:id/materials',
        tag: 'meetings',
        summary: 'Attach an uploaded file to the meeting or an agenda item (secretariat)',
        access: 'user',
        params: IdParams,
        body: MaterialBody,
        responses: { 200: { description: 'the meeting', schema: Meeting }, ...errors },
      },
      ({ user, params, body }) =>
        addMaterial({ user, meetingId: params.id, attachmentId: body.attachmentId, agendaItemId: body.agendaItemId, broadcast }),
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/meetings/:id/materials/:attachmentId',
        tag: 'meetings',
        summary: 'Remove a material (secretariat)',
        access: 'user',
        params: MaterialParams,
        responses: { 200: { description: 'the meeting', schema: Meeting }, ...errors },
      },
      ({ user, params }) => removeMaterial({ user, meetingId: params.id, attachmentId: params.attachmentId, broadcast }),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/meetings/:id/minutes',
        tag: 'meetings',
        summary: 'Save the draft minutes (secretariat, after the meeting)',
        access: 'user',
        params: IdParams,
        body: MinutesBody,
        responses: { 200: { description: 'the meeting', schema: Meeting }, ...errors, ...conflictResponse },
      },
      ({ user, params, body }) => saveMinutes({ user, meetingId: params.id, body, broadcast }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/meetings/:id/minutes/attendees',
        tag: 'meetings',
        summary: '出席者 to propose: organisations that joined the live room or answered that they attend (secretariat)',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'proposed attendees', schema: AttendeeProposal }, ...errors },
      },
      ({ actor, params }) => attendeeProposal(actor, params.id),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/meetings/:id/minutes/circulate',
        tag: 'meetings',
        summary: 'Circulate the draft to the presenting organisations for confirmation',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the meeting', schema: Meeting }, ...errors, ...conflictResponse },
      },
      ({ user, params }) => circulateMinutes({ user, meetingId: params.id, broadcast }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/meetings/:id/minutes/confirm',
        tag: 'meetings',
        summary: 'Confirm the circulated draft (or comment on it) for one’s presenting organisation',
        access: 'user',
        params: IdParams,
        body: ConfirmBody,
        responses: { 200: { description: 'the meeting', schema: Meeting }, ...errors, ...conflictResponse },
      },
      ({ user, params, body }) => confirmMinutes({ user, meetingId: params.id, body, broadcast }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/meetings/:id/minutes/publish',
        tag: 'meetings',
        summary: 'Publish the minutes: notify the invited and write decisions into linked issues',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the meeting', schema: Meeting }, ...errors, ...conflictResponse },
      },
      ({ user, params }) => publishMinutes({ user, meetingId: params.id, broadcast, register }),
    ),
  ];
}
