import { z } from 'zod';
import { MEETING_KINDS, MEETING_STATUSES, RSVP_RESPONSES } from '../meetings/rules';
import { ObjectIdString } from './common';
import { DateOnly, IssueRef } from './issues';
import { Attachment, ClientId, OrganizationRef, Person, RoomPerson } from './threads';

export const MeetingKind = z.enum(MEETING_KINDS);
export const MeetingStatus = z.enum(MEETING_STATUSES);
export const RsvpResponse = z.enum(RSVP_RESPONSES);

/** An instant with its offset, e.g. `2026-12-10T14:00:00+09:00`; stored in UTC. */
export const Instant = z.iso.datetime({ offset: true, message: 'must be a date and time with an offset, e.g. 2026-12-10T14:00:00+09:00' });
const HttpsUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(500);

export const AgendaItemInput = z.strictObject({
  /** Keep an item's id when editing, so links, materials and minutes stay with it. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .optional(),
  title: z.string().trim().min(1, 'required').max(200),
  presenterOrganizationId: ObjectIdString.nullable().default(null),
  minutes: z.number().int().min(1).max(600),
  issueIds: z.array(ObjectIdString).max(20).default([]),
  threadIds: z.array(ObjectIdString).max(20).default([]),
});

export const AgendaItem = z.object({
  id: z.string(),
  title: z.string(),
  presenter: OrganizationRef.nullable(),
  minutes: z.number().int(),
  issues: z.array(IssueRef),
  threads: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

const MeetingFields = {
  title: z.string().trim().min(1, 'required').max(200),
  startsAt: Instant,
  endsAt: Instant,
  onlineUrl: HttpsUrl.nullable().default(null),
  venue: z.string().trim().max(200).nullable().default(null),
  capacity: z.number().int().min(1).max(10_000).nullable().default(null),
  description: z.string().max(20_000).default(''),
  agenda: z.array(AgendaItemInput).max(50).default([]),
  extraInviteeIds: z.array(ObjectIdString).max(300).default([]),
};

const orderedTimes = (b: { startsAt?: string; endsAt?: string }) => !b.startsAt || !b.endsAt || new Date(b.endsAt) > new Date(b.startsAt);

export const MeetingCreateBody = z
  .strictObject({ kind: MeetingKind, ...MeetingFields })
  .refine(orderedTimes, { message: 'must be after the start', path: ['endsAt'] });
export type MeetingCreateBody = z.infer<typeof MeetingCreateBody>;

export const MeetingUpdateBody = z
  .strictObject({
    title: MeetingFields.title.optional(),
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
    onlineUrl: HttpsUrl.nullable().optional(),
    venue: z.string().trim().max(200).nullable().optional(),
    capacity: z.number().int().min(1).max(10_000).nullable().optional(),
    description: z.string().max(20_000).optional(),
    agenda: z.array(AgendaItemInput).max(50).optional(),
    extraInviteeIds: z.array(ObjectIdString).max(300).optional(),
  })
  .refine(orderedTimes, { message: 'must be after the start', path: ['endsAt'] })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type MeetingUpdateBody = z.infer<typeof MeetingUpdateBody>;

export const MeetingStatusBody = z.strictObject({ to: z.enum(['scheduled', 'live', 'ended', 'cancelled', 'draft']) });

export const ActionItem = z.object({
  id: z.string(),
  text: z.string(),
  owner: OrganizationRef.nullable(),
  dueDate: DateOnly.nullable(),
  done: z.boolean(),
  overdue: z.boolean(),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const Decision = z.object({
  text: z.string(),
  issueId: z.string().nullable(),
  /** The linked issue's number and title, so the minutes can name it without fetching it (null without one). */
  issue: IssueRef.nullable(),
  /** Publishing writes the decision into the issue's history; `answer` also posts it as the official answer (→ 回答済). */
  effect: z.enum(['record', 'answer']),
});

export const MinutesItem = z.object({
  agendaItemId: z.string(),
  summary: z.string(),
  decisions: z.array(Decision),
  actionItems: z.array(ActionItem),
});

export const Minutes = z.object({
  items: z.array(MinutesItem),
  circulatedAt: z.string().nullable(),
  /** When the circulated draft last changed: confirmations given before it were reset. */
  revisedAt: z.string().nullable(),
  confirmations: z.array(
    z.object({
      organization: OrganizationRef,
      status: z.enum(['confirmed', 'commented']),
      comment: z.string().nullable(),
      by: Person,
      at: z.string(),
    }),
  ),
  /** Presenting organisations asked to confirm. */
  awaiting: z.array(OrganizationRef),
  publishedAt: z.string().nullable(),
  /**
   * 出席者: the organisations present, as the secretariat recorded them (organisers' order: vendors,
   * observers, the secretariat). Null until the editor saves a list; publishing records the proposal then.
   */
  attendees: z.array(OrganizationRef).nullable(),
});
export type Minutes = z.infer<typeof Minutes>;

export const MinutesBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        agendaItemId: z.string().min(1).max(40),
        summary: z.string().max(20_000).default(''),
        decisions: z
          .array(
            z.strictObject({
              text: z.string().trim().min(1).max(5_000),
              issueId: ObjectIdString.nullable().default(null),
              effect: z.enum(['record', 'answer']).default('record'),
            }),
          )
          .max(50)
          .default([]),
        actionItems: z
          .array(
            z.strictObject({
              id: z
                .string()
                .regex(/^[A-Za-z0-9_-]{1,40}$/)
                .optional(),
              text: z.string().trim().min(1).max(2_000),
              ownerOrganizationId: ObjectIdString.nullable().default(null),
              dueDate: DateOnly.nullable().default(null),
              done: z.boolean().default(false),
            }),
          )
          .max(50)
          .default([]),
      }),
    )
    .max(50),
  /** 出席者 by organisation; left out, the stored list stays as it is. */
  attendeeOrganizationIds: z
    .array(ObjectIdString)
    .max(300)
    .refine((ids) => new Set(ids).size === ids.length, 'an organisation is listed twice')
    .optional(),
});
export type MinutesBody = z.infer<typeof MinutesBody>;

/** Why an organisation is proposed as present: someone of it joined the live room, or answered that they attend. */
export const ATTENDANCE_SOURCES = ['room', 'rsvp'] as const;
export const AttendeeProposal = z
  .object({
    organizations: z.array(z.object({ organization: OrganizationRef, sources: z.array(z.enum(ATTENDANCE_SOURCES)) })),
  })
  .meta({ id: 'AttendeeProposal' });
export type AttendeeProposal = z.infer<typeof AttendeeProposal>;
export const ConfirmBody = z.strictObject({ comment: z.string().trim().max(5_000).nullable().default(null) });

export const RsvpCounts = z.object({ online: z.number().int(), inPerson: z.number().int(), absent: z.number().int() });

export const Meeting = z
  .object({
    id: z.string(),
    kind: MeetingKind,
    title: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    /** The online join URL: null when not set yet, or when the reader's organisation is not invited. */
    onlineUrl: z.string().nullable(),
    venue: z.string().nullable(),
    capacity: z.number().int().nullable(),
    description: z.string(),
    status: MeetingStatus,
    agenda: z.array(AgendaItem),
    currentAgendaItemId: z.string().nullable(),
    extraInvitees: z.array(OrganizationRef),
    materials: z.array(Attachment.extend({ agendaItemId: z.string().nullable() })),
    rsvpCounts: RsvpCounts,
    /** The reader's own answer, and whether they are invited. */
    myRsvp: RsvpResponse.nullable(),
    invited: z.boolean(),
    overdueActionItems: z.number().int(),
    minutes: Minutes.nullable(),
  })
  .meta({ id: 'Meeting' });
export type Meeting = z.infer<typeof Meeting>;

export const MeetingListQuery = z.strictObject({
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  kind: MeetingKind.optional(),
});
export const MeetingSummary = Meeting.omit({ agenda: true, materials: true, minutes: true, extraInvitees: true }).meta({
  id: 'MeetingSummary',
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;
export const MeetingList = z.object({ meetings: z.array(MeetingSummary) }).meta({ id: 'MeetingList' });

/** The minutes archive: published minutes across meetings, newest meeting first, a page at a time. */
export const MINUTES_ARCHIVE_PAGE_SIZE = 20;
export const MinutesArchiveQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  kind: MeetingKind.optional(),
});
export type MinutesArchiveQuery = z.infer<typeof MinutesArchiveQuery>;
export const MinutesArchiveEntry = z.object({
  meetingId: z.string(),
  kind: MeetingKind,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  publishedAt: z.string(),
});
export type MinutesArchiveEntry = z.infer<typeof MinutesArchiveEntry>;
export const MinutesArchive = z
  .object({ minutes: z.array(MinutesArchiveEntry), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'MinutesArchive' });
export type MinutesArchive = z.infer<typeof MinutesArchive>;

export const RsvpBody = z.strictObject({ response: RsvpResponse });
export const AttendanceRow = z.object({ person: Person, response: RsvpResponse, at: z.string() });
export const Attendance = z
  .object({
    byOrganization: z.array(
      z.object({ organization: OrganizationRef, online: z.number().int(), inPerson: z.number().int(), absent: z.number().int() }),
    ),
    rows: z.array(AttendanceRow),
    counts: RsvpCounts,
  })
  .meta({ id: 'Attendance' });
export type Attendance = z.infer<typeof Attendance>;

export const MaterialBody = z.strictObject({ attachmentId: ObjectIdString, agendaItemId: z.string().max(40).nullable().default(null) });

export const CalendarToken = z.object({ url: z.string(), createdAt: z.string() }).meta({ id: 'CalendarToken' });

/* The live room. */
export const ChatMessage = z.object({
  id: z.string(),
  meetingId: z.string(),
  seq: z.number().int(),
  clientId: z.string(),
  author: RoomPerson,
  body: z.string(),
  at: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;
export const Question = z.object({
  id: z.string(),
  meetingId: z.string(),
  author: RoomPerson,
  body: z.string(),
  status: z.enum(['open', 'current', 'answered']),
  supportCount: z.number().int(),
  supporterIds: z.array(z.string()),
  at: z.string(),
});
export type Question = z.infer<typeof Question>;
export const RoomPresence = z.array(z.object({ organization: OrganizationRef, people: z.array(RoomPerson) }));
export type RoomPresence = z.infer<typeof RoomPresence>;
/** An observer asking the secretariat for the floor (挙手), since `at`; the queue is in the order hands went up. */
export const RaisedHand = z.object({ person: RoomPerson, at: z.string() });
export type RaisedHand = z.infer<typeof RaisedHand>;
export const RoomState = z.object({
  meeting: MeetingSummary,
  agenda: z.array(AgendaItem),
  chat: z.array(ChatMessage),
  questions: z.array(Question),
  presence: RoomPresence,
  floor: z.array(RoomPerson),
  /** Raised hands, first raised first. */
  hands: z.array(RaisedHand),
  canSpeak: z.boolean(),
});
export type RoomState = z.infer<typeof RoomState>;

/** A chat message or a question in the live room (socket events `meeting.chat`, `meeting.question`). */
const RoomText = z.strictObject({
  clientId: ClientId,
  body: z
    .string()
    .max(2_000)
    .refine((s) => s.trim().length > 0, 'required'),
});
export const ChatBody = RoomText;
export const QuestionBody = RoomText;

export const ActionItemList = z
  .object({ actionItems: z.array(ActionItem.extend({ meeting: z.object({ id: z.string(), title: z.string(), startsAt: z.string() }) })) })
  .meta({ id: 'ActionItemList' });
