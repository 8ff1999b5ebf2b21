/**
 * お知らせ. An announcement is one document, written by the secretariat only (one writer at a time).
 * What many people write at once is a document of its own: an organisation's confirmation is
 * `<announcementId>:<organizationId>` in `announcement_confirmations`, claimed by a unique insert,
 * so members confirming at the same moment make one record and lose nothing (docs/DATABASE.md,
 * "No lost writes"); each reminder sent is a document in `announcement_reminders`.
 * Access paths are in docs/ANNOUNCEMENTS.md.
 */
import mongoose, { Schema, type HydratedDocument, type InferSchemaType, type Types } from 'mongoose';
import { AUDIENCE_KINDS } from '@shared/announcements/audience';
import { ANNOUNCEMENT_STATUSES, IMPORTANCES } from '@shared/announcements/rules';
import { BUSINESS_AREA_KEYS } from '@shared/reference/council';
import { CollectionView, recordWritesIn } from '../db/collectionView';
import { indexWritesIn } from '../search/indexWrites';
import { personSchema } from '../users/person';

const audienceSchema = new Schema(
  {
    kind: { type: String, enum: AUDIENCE_KINDS, required: true },
    /** kind `organizations` only. */
    organizationIds: { type: [Schema.Types.ObjectId], default: [] },
    /** kind `businessAreas` only. */
    businessAreas: { type: [{ type: String, enum: BUSINESS_AREA_KEYS }], default: [] },
  },
  { _id: false },
);

const announcementSchema = new Schema(
  {
    title: { type: String, required: true },
    body: { type: String, required: true },
    importance: { type: String, enum: IMPORTANCES, default: 'normal' },
    deadline: { type: Date, default: null },
    mustConfirm: { type: Boolean, default: false },
    audience: { type: audienceSchema, required: true },
    status: { type: String, enum: ANNOUNCEMENT_STATUSES, default: 'draft' },
    createdBy: { type: personSchema, required: true },
    publishedAt: { type: Date, default: null },
    withdrawnAt: { type: Date, default: null },
    /** The last change made after publication (a correction, audited). */
    correctedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
/** On a real MongoDB, lists by status; here the lists and the banner read the in-memory view below. */
announcementSchema.index({ status: 1, publishedAt: -1 });
/** The announcements' change log: every write is recorded for the in-memory view (server/db/collectionView.ts). */
export const ANNOUNCEMENTS_LOG = 'announcements';
recordWritesIn(announcementSchema, ANNOUNCEMENTS_LOG);
/** What an announcement's search entry is made from (server/search/kinds/announcements.ts). */
export const ANNOUNCEMENT_SEARCH_FIELDS = ['title', 'body'] as const;
indexWritesIn(announcementSchema, 'announcements', ANNOUNCEMENT_SEARCH_FIELDS);

const orgRefSchema = new Schema({ id: { type: Schema.Types.ObjectId, required: true }, nameJa: String, nameEn: String }, { _id: false });

const confirmationSchema = new Schema({
  /** `<announcementId>:<organizationId>` */
  _id: { type: String, required: true },
  announcementId: { type: Schema.Types.ObjectId, required: true },
  /** At the top level: the embedded engine uses an index on top-level fields only. */
  organizationId: { type: Schema.Types.ObjectId, required: true },
  organization: { type: orgRefSchema, required: true },
  by: { type: personSchema, required: true },
  at: { type: Date, required: true },
});
/** The tracker and the counts: one announcement's confirmations. */
confirmationSchema.index({ announcementId: 1 });
/** The banner and the 未確認 filter: one organisation's confirmations. */
confirmationSchema.index({ organizationId: 1 });

const reminderSchema = new Schema({
  /** `<announcementId>:<10-minute window>`: the insert claims the window, so two clicks at once send one reminder (earlier ones: ObjectIds). */
  _id: { type: String, required: true },
  announcementId: { type: Schema.Types.ObjectId, required: true },
  by: { type: personSchema, required: true },
  at: { type: Date, required: true },
  /** How many organisations had not confirmed, and how many of their active members were reminded. */
  organizations: { type: Number, required: true },
  people: { type: Number, required: true },
});
reminderSchema.index({ announcementId: 1, at: -1 });

export type AnnouncementRecord = InferSchemaType<typeof announcementSchema>;
export type AnnouncementDocument = HydratedDocument<AnnouncementRecord>;
/** A stored announcement as lists read it (lean, without its body). */
export type AnnouncementRow = Omit<AnnouncementRecord, 'body'> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date; body?: string };
export type ConfirmationRecord = InferSchemaType<typeof confirmationSchema>;
export type ReminderRecord = InferSchemaType<typeof reminderSchema>;

/** The `_id` of one organisation's confirmation of one announcement. */
export const confirmationKey = (announcementId: string | Types.ObjectId, organizationId: string | Types.ObjectId): string =>
  `${String(announcementId)}:${String(organizationId)}`;

export const AnnouncementModel = mongoose.model('Announcement', announcementSchema, 'announcements');
export const AnnouncementConfirmationModel = mongoose.model('AnnouncementConfirmation', confirmationSchema, 'announcement_confirmations');
export const AnnouncementReminderModel = mongoose.model('AnnouncementReminder', reminderSchema, 'announcement_reminders');

/**
 * Every announcement without its body, in memory: the banner on every page and the lists filter
 * them by status, audience and reader without reading the collection (a few a week; bodies stay
 * in the database, read by `_id` when one is opened).
 */
export const announcementsView = new CollectionView<AnnouncementRow>(ANNOUNCEMENTS_LOG, (ids) =>
  AnnouncementModel.find(ids ? { _id: mongoose.trusted({ $in: ids }) } : {}, { body: 0 }).lean<AnnouncementRow[]>(),
);
