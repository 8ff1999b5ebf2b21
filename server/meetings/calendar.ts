/**
 * Calendars: an .ics per meeting, and a private feed per person (all meetings their organisation is
 * invited to) that Outlook or Google Calendar subscribe to by URL. The URL carries a random token;
 * only its SHA-256 is stored, and issuing a new one revokes the old.
 */
import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import { MEETING_KIND_LABELS } from '@shared/meetings/rules';
import { notFound } from '../http/errors';
import { UserModel, type UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { invites } from './access';
import { CalendarTokenModel, MeetingModel, type MeetingDocument } from './model';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
export const CALENDAR_TOKEN = /^[A-Za-z0-9_-]{43}$/;

function calendarOf(meetings: readonly MeetingDocument[], name: string, origin: string): string {
  const calendar = ical({ name, method: ICalCalendarMethod.PUBLISH, prodId: { company: 'council', product: 'council-platform', language: 'JA' } });
  calendar.x([{ key: 'X-WR-TIMEZONE', value: 'Asia/Tokyo' }]);
  for (const m of meetings) {
    calendar.createEvent({
      id: `meeting-${String(m._id)}@council`,
      start: m.startsAt,
      end: m.endsAt,
      summary: `【${MEETING_KIND_LABELS[m.kind].ja}】${m.title}`,
      description: [m.description, m.onlineUrl ? `オンライン: ${m.onlineUrl}` : '', `${origin}/meetings/${String(m._id)}`].filter(Boolean).join('\n\n'),
      location: m.venue ?? m.onlineUrl ?? null,
      url: `${origin}/meetings/${String(m._id)}`,
      status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      stamp: m.updatedAt,
    });
  }
  return calendar.toString();
}

export function meetingIcs(meeting: MeetingDocument, origin: string): string {
  return calendarOf([meeting], meeting.title, origin);
}

/** A new feed URL for the person; any previous one stops working. */
export async function issueCalendarToken(actor: Actor, origin: string): Promise<{ url: string; createdAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const createdAt = new Date();
  await CalendarTokenModel.deleteMany({ userId: actor.id });
  await CalendarTokenModel.create({ _id: hash(token), userId: actor.id, createdAt });
  return { url: `${origin}/api/calendar/${token}.ics`, createdAt: createdAt.toISOString() };
}

export async function revokeCalendarToken(actor: Actor): Promise<void> {
  await CalendarTokenModel.deleteMany({ userId: actor.id });
}

export async function calendarFeed(token: string, origin: string): Promise<string> {
  const stored = await CalendarTokenModel.findById(hash(token)).lean();
  const user = stored ? ((await UserModel.findById(stored.userId).populate('organization')) as UserWithOrganization | null) : null;
  if (!stored || !user?.active) throw notFound('calendar');
  const actor = toActor(user);
  const since = new Date(Date.now() - 90 * 24 * 3600_000);
  const meetings = await MeetingModel.find({ status: trusted({ $ne: 'draft' }), endsAt: trusted({ $gte: since }) }).sort({ startsAt: 1 }).limit(500);
  return calendarOf(meetings.filter((m) => invites(m, actor)), '事業者協議会 会議予定', origin);
}
