/**
 * Calendars: an .ics per meeting, and a private feed per person (all meetings their organisation is
 * invited to) that Outlook or Google Calendar subscribe to by URL. The URL carries a random token;
 * only its SHA-256 is stored, and issuing a new one revokes the old, as do a password change and
 * deactivation (users/service.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import { MEETING_KIND_LABELS } from '@shared/meetings/rules';
import { notFound } from '../http/errors';
import { UserModel, type UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { invites, joinUrlFor } from './access';
import { CalendarTokenModel, MeetingModel, type MeetingDocument } from './model';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
export const CALENDAR_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Stored text as RFC 5545 TEXT content (§3.3.11): CR removed (a line break is LF alone) and the other
 * control characters, which TEXT does not allow, dropped. Every text that enters a calendar passes here.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const plainText = (value: string) => value.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, (c) => (c === '\t' ? c : ''));

/**
 * TEXT escaped for a line: backslash, `;` and `,` escaped, LF as `\n`. ical-generator does this for the
 * event properties it writes, but writes the calendar's own NAME and X-WR-CALNAME as given, so a title
 * with a line break would add properties to the calendar: the name is escaped here instead.
 */
const escapedText = (value: string) =>
  plainText(value)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');

/** The meetings as the reader may see them: the online join URL only where their organisation is invited. */
function calendarOf(meetings: readonly MeetingDocument[], name: string, origin: string, reader: Actor): string {
  const calendar = ical({
    name: escapedText(name),
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'council', product: 'council-platform', language: 'JA' },
  });
  calendar.x([{ key: 'X-WR-TIMEZONE', value: 'Asia/Tokyo' }]);
  for (const m of meetings) {
    const joinUrl = joinUrlFor(m, reader);
    const page = `${origin}/meetings/${String(m._id)}`;
    const location = m.venue ?? joinUrl;
    calendar.createEvent({
      id: `meeting-${String(m._id)}@council`,
      start: m.startsAt,
      end: m.endsAt,
      summary: plainText(`【${MEETING_KIND_LABELS[m.kind].ja}】${m.title}`),
      description: plainText([m.description, joinUrl ? `オンライン: ${joinUrl}` : '', page].filter(Boolean).join('\n\n')),
      location: location ? plainText(location) : null,
      url: page,
      status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      stamp: m.updatedAt,
    });
  }
  return calendar.toString();
}

export function meetingIcs(meeting: MeetingDocument, reader: Actor, origin: string): string {
  return calendarOf([meeting], meeting.title, origin, reader);
}

/** A new feed URL for the person; any previous one stops working. */
export async function issueCalendarToken(actor: Actor, origin: string): Promise<{ url: string; createdAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const createdAt = new Date();
  await CalendarTokenModel.deleteMany({ userId: actor.id });
  await CalendarTokenModel.create({ _id: hash(token), userId: actor.id, createdAt });
  return { url: `${origin}/api/calendar/${token}.ics`, createdAt: createdAt.toISOString() };
}

/**
 * Every feed URL of the person stops working: on their own request, and when their password changes or
 * their account is deactivated (a reactivated account issues a new one). A scan by `userId`, but of a
 * collection of at most one small document per person, on rare events.
 */
export async function revokeCalendarTokens(userId: string): Promise<void> {
  await CalendarTokenModel.deleteMany({ userId });
}

export async function calendarFeed(token: string, origin: string): Promise<string> {
  const stored = await CalendarTokenModel.findById(hash(token)).lean();
  const user = stored ? ((await UserModel.findById(stored.userId).populate('organization')) as UserWithOrganization | null) : null;
  // A token older than the last password change is refused too: one that outlived a change made before changes revoked tokens.
  if (!stored || !user?.active || (user.passwordChangedAt && stored.createdAt < user.passwordChangedAt)) throw notFound('calendar');
  const actor = toActor(user);
  const since = new Date(Date.now() - 90 * 24 * 3600_000);
  const meetings = await MeetingModel.find({ status: trusted({ $ne: 'draft' }), endsAt: trusted({ $gte: since }) })
    .sort({ startsAt: 1 })
    .limit(500);
  return calendarOf(
    meetings.filter((m) => invites(m, actor)),
    '事業者協議会 会議予定',
    origin,
    actor,
  );
}
