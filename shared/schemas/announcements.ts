/** お知らせ: the secretariat's announcements, each organisation's confirmation, the tracker and its reminders. */
import { z } from 'zod';
import { AUDIENCE_KINDS } from '../announcements/audience';
import { ANNOUNCEMENT_LIMITS, ANNOUNCEMENT_STATUSES, IMPORTANCES, TRACKER_ORG_KINDS } from '../announcements/rules';
import { ANNOUNCEMENT_ABILITIES } from '../policies/announcement';
import { BUSINESS_AREA_KEYS } from '../reference/council';
import { abilitiesSchema, ObjectIdString } from './common';
import { Attachment, OrganizationRef, Person } from './threads';

export const AnnouncementStatus = z.enum(ANNOUNCEMENT_STATUSES);
export const Importance = z.enum(IMPORTANCES);
export const AudienceKind = z.enum(AUDIENCE_KINDS);
export const TrackerOrgKind = z.enum(TRACKER_ORG_KINDS);

/** An instant with its offset (`2026-12-10T17:00:00+09:00`); stored in UTC. */
const Deadline = z.iso.datetime({ offset: true, message: 'must be a date and time with an offset, e.g. 2026-12-10T17:00:00+09:00' });

const plain = <K extends 'everyone' | 'vendors' | 'developmentVendors' | 'supportVendors' | 'observers'>(kind: K) =>
  z.strictObject({ kind: z.literal(kind) });

/** Who it is for. Organisations are checked to exist (400 naming `audience.organizationIds.<n>`); areas are the council's 20. */
export const AudienceInput = z.discriminatedUnion('kind', [
  plain('everyone'),
  plain('vendors'),
  plain('developmentVendors'),
  plain('supportVendors'),
  plain('observers'),
  z.strictObject({
    kind: z.literal('organizations'),
    organizationIds: z.array(ObjectIdString).min(1, 'choose at least one organisation').max(ANNOUNCEMENT_LIMITS.organizations),
  }),
  z.strictObject({
    kind: z.literal('businessAreas'),
    businessAreas: z.array(z.enum(BUSINESS_AREA_KEYS)).min(1, 'choose at least one business area').max(BUSINESS_AREA_KEYS.length),
  }),
]);
export type AudienceInput = z.infer<typeof AudienceInput>;

const Title = z.string().trim().min(1, 'required').max(ANNOUNCEMENT_LIMITS.titleLength);
/** Markdown, kept as written (trailing spaces are a line break), but not blank. */
const Body = z
  .string()
  .max(ANNOUNCEMENT_LIMITS.bodyLength)
  .refine((s) => s.trim().length > 0, 'required');

/**
 * The files it carries: the writer's own uploads (POST /api/attachments) that nothing has claimed yet,
 * or, when editing, those already on it. Unknown, foreign or used ones are refused (400 naming `attachmentIds`).
 */
const AttachmentIds = z.array(ObjectIdString).max(ANNOUNCEMENT_LIMITS.attachments);

export const AnnouncementCreateBody = z.strictObject({
  title: Title,
  body: Body,
  importance: Importance.default('normal'),
  deadline: Deadline.nullable().default(null),
  /** Each organisation of the audience is asked to confirm it (組織として確認). */
  mustConfirm: z.boolean().default(false),
  audience: AudienceInput,
  attachmentIds: AttachmentIds.default([]),
});
export type AnnouncementCreateBody = z.infer<typeof AnnouncementCreateBody>;

export const AnnouncementUpdateBody = z
  .strictObject({
    title: Title.optional(),
    body: Body.optional(),
    importance: Importance.optional(),
    deadline: Deadline.nullable().optional(),
    mustConfirm: z.boolean().optional(),
    audience: AudienceInput.optional(),
    /** Every file it should carry: a new one is claimed, one left out is taken off (its uploader's again). */
    attachmentIds: AttachmentIds.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type AnnouncementUpdateBody = z.infer<typeof AnnouncementUpdateBody>;

/** An audience as a reader is shown it: the named organisations to the secretariat only (others get none listed). */
export const AudienceView = z.object({
  kind: AudienceKind,
  organizations: z.array(OrganizationRef),
  businessAreas: z.array(z.string()),
});
export type AudienceView = z.infer<typeof AudienceView>;

/** One organisation's confirmation: who confirmed for it, and when. */
export const OrganizationConfirmation = z
  .object({ organization: OrganizationRef, by: Person, at: z.string() })
  .meta({ id: 'OrganizationConfirmation' });
export type OrganizationConfirmation = z.infer<typeof OrganizationConfirmation>;

export const ConfirmationCounts = z.object({ audience: z.number().int(), confirmed: z.number().int() });
export type ConfirmationCounts = z.infer<typeof ConfirmationCounts>;

export const AnnouncementAbilities = abilitiesSchema(ANNOUNCEMENT_ABILITIES, 'AnnouncementAbilities');

export const AnnouncementSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    importance: Importance,
    deadline: z.string().nullable(),
    mustConfirm: z.boolean(),
    status: AnnouncementStatus,
    audience: AudienceView,
    author: Person,
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    withdrawnAt: z.string().nullable(),
    /** The last correction made after publication (訂正), if any. */
    correctedAt: z.string().nullable(),
    /** The reader's organisation's confirmation (null: not confirmed, or not asked). */
    myConfirmation: OrganizationConfirmation.nullable(),
    /** Published, asks for confirmation, addressed to the reader's organisation, which has not confirmed yet. */
    awaitingMyConfirmation: z.boolean(),
    /** How many audience organisations there are and how many confirmed: the secretariat's, else null. */
    counts: ConfirmationCounts.nullable(),
  })
  .meta({ id: 'AnnouncementSummary' });
export type AnnouncementSummary = z.infer<typeof AnnouncementSummary>;

export const Announcement = AnnouncementSummary.extend({
  body: z.string(),
  /** Downloaded by whoever may read the announcement (GET /api/attachments/:id); in the order they were uploaded. */
  attachments: z.array(Attachment),
  abilities: AnnouncementAbilities,
}).meta({ id: 'Announcement' });
export type Announcement = z.infer<typeof Announcement>;

export const AnnouncementListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  /** Only those awaiting the reader's organisation's confirmation (未確認). */
  unconfirmed: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** One state only (the secretariat's drafts, say); others see published and withdrawn ones only. */
  status: AnnouncementStatus.optional(),
});
export type AnnouncementListQuery = z.infer<typeof AnnouncementListQuery>;

export const AnnouncementList = z
  .object({
    announcements: z.array(AnnouncementSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'AnnouncementList' });
export type AnnouncementList = z.infer<typeof AnnouncementList>;

/** The banner's list: what the reader's organisation still has to confirm. */
export const PendingAnnouncements = z
  .object({
    announcements: z.array(
      z.object({ id: z.string(), title: z.string(), importance: Importance, deadline: z.string().nullable(), publishedAt: z.string() }),
    ),
  })
  .meta({ id: 'PendingAnnouncements' });
export type PendingAnnouncements = z.infer<typeof PendingAnnouncements>;

/** The answer to a confirmation: the organisation's record (the first one, when someone had confirmed already). */
export const ConfirmResult = z
  .object({ confirmation: OrganizationConfirmation, alreadyConfirmed: z.boolean() })
  .meta({ id: 'AnnouncementConfirmResult' });
export type ConfirmResult = z.infer<typeof ConfirmResult>;

export const TrackerQuery = z.strictObject({
  state: z.enum(['all', 'confirmed', 'unconfirmed']).default('all'),
  kind: TrackerOrgKind.optional(),
});
export type TrackerQuery = z.infer<typeof TrackerQuery>;

export const TrackerRow = z.object({
  organization: OrganizationRef,
  kind: TrackerOrgKind,
  confirmed: z.boolean(),
  by: Person.nullable(),
  at: z.string().nullable(),
});
export type TrackerRow = z.infer<typeof TrackerRow>;

/** A reminder sent: by whom, when, to how many organisations and people. */
export const Reminder = z
  .object({ id: z.string(), by: Person, at: z.string(), organizations: z.number().int(), people: z.number().int() })
  .meta({ id: 'AnnouncementReminder' });
export type Reminder = z.infer<typeof Reminder>;

export const Tracker = z
  .object({
    announcement: z.object({
      id: z.string(),
      title: z.string(),
      status: AnnouncementStatus,
      mustConfirm: z.boolean(),
      deadline: z.string().nullable(),
      publishedAt: z.string().nullable(),
    }),
    /** Over the whole audience, whatever the filter. */
    counts: z.object({ audience: z.number().int(), confirmed: z.number().int(), unconfirmed: z.number().int() }),
    byKind: z.array(z.object({ kind: TrackerOrgKind, audience: z.number().int(), confirmed: z.number().int() })),
    /** The audience organisations the filter keeps: not yet confirmed first, then by kind and name. */
    rows: z.array(TrackerRow),
    /** Newest first. */
    reminders: z.array(Reminder),
  })
  .meta({ id: 'AnnouncementTracker' });
export type Tracker = z.infer<typeof Tracker>;
