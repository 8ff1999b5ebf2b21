/**
 * 開発状況報告. Access paths (docs/STATUS_REPORTS.md):
 * - `status_rounds`: written by the secretariat; held in memory (`roundsView`), read by `_id`.
 * - `status_reports`: one document per round and organisation, claimed by a unique insert on
 *   `{ roundId, organizationId }` (two members saving the first draft at once make one report); held
 *   in memory (`reportsView`), written by `_id`. A draft area is `$set` as `areas.<areaKey>` whole, so
 *   two members typing different areas keep both. `submitted` is the last submission's content, which
 *   the aggregates read without touching the versions.
 * - `status_report_versions`: each submission, `_id` `<reportId>:<version>`, claimed by a unique insert
 *   (two submissions at once make one version); read by `_id $in` of the numbers the report counts.
 * - `status_reporters`: the members an org admin allowed to submit, `_id` `<organizationId>:<userId>`.
 * - `status_reminders`: each reminder sent for a round.
 */
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { ROUND_STATES } from '@shared/statusReports/rules';
import type { AreaEntry } from '@shared/statusReports/rules';
import { BUSINESS_AREA_KEYS } from '@shared/reference/council';
import { CollectionView } from '../db/collectionView';
import { recordWritesIn } from '../db/collectionView';
import { indexWritesIn } from '../search/indexWrites';
import { personSchema, type PersonRecord } from '../users/person';

/** The change log of both in-memory views of this feature (server/db/viewFeed.ts). */
export const STATUS_ROUNDS_LOG = 'statusRounds';
export const STATUS_REPORTS_LOG = 'statusReports';

const roundSchema = new Schema(
  {
    title: { type: String, required: true },
    /** Calendar days in Japan, stored as midnight UTC of the day (shared/japanDates.ts). */
    periodStart: { type: Date, required: true },
    periodEnd: { type: Date, required: true },
    deadline: { type: Date, required: true },
    businessAreas: { type: [{ type: String, enum: BUSINESS_AREA_KEYS }], required: true },
    note: { type: String, default: '' },
    state: { type: String, enum: ROUND_STATES, default: 'draft' },
    createdBy: { type: personSchema, required: true },
    openedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    /** Set when it opens: the round opened last before it, which "change since the previous round" compares with. */
    previousRoundId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);
recordWritesIn(roundSchema, STATUS_ROUNDS_LOG);

const areaChangeSchema = new Schema(
  { area: { type: String, enum: BUSINESS_AREA_KEYS, required: true }, reason: { type: String, required: true } },
  { _id: false },
);

const reportSchema = new Schema({
  roundId: { type: Schema.Types.ObjectId, required: true },
  organizationId: { type: Schema.Types.ObjectId, required: true },
  state: { type: String, enum: ['draft', 'submitted', 'returned'], default: 'draft' },
  /** How many times it was submitted: the versions are `<_id>:1` … `<_id>:<version>`. */
  version: { type: Number, default: 0 },
  /** `areaKey → AreaEntry` as last saved (validated by shared/schemas/statusReports.ts before it is written). */
  areas: { type: Schema.Types.Mixed, default: () => ({}) },
  added: { type: [areaChangeSchema], default: [] },
  removed: { type: [areaChangeSchema], default: [] },
  comment: { type: String, default: '' },
  updatedAt: { type: Date, default: null },
  updatedBy: { type: personSchema, default: null },
  /** The last submission's content (the aggregates' source): its effective areas, comment, who and when. */
  submitted: { type: Schema.Types.Mixed, default: null },
  /** The secretariat's request for a correction, until the next submission. */
  returned: {
    type: new Schema(
      { reason: { type: String, required: true }, by: { type: personSchema, required: true }, at: { type: Date, required: true } },
      { _id: false },
    ),
    default: null,
  },
});
/** Claims the one report of an organisation in a round (a unique insert). */
reportSchema.index({ roundId: 1, organizationId: 1 }, { unique: true });
recordWritesIn(reportSchema, STATUS_REPORTS_LOG);
/**
 * What a report's search entry is made of (server/search/kinds/statusReports.ts): the draft's and the last
 * submission's texts, the reasons for added and removed areas, the comment, and the organisation's name as its
 * writer carries it.
 */
export const STATUS_REPORT_SEARCH_FIELDS = ['areas', 'submitted', 'added', 'removed', 'comment', 'updatedBy'] as const;
indexWritesIn(reportSchema, 'statusReports', STATUS_REPORT_SEARCH_FIELDS);

const versionSchema = new Schema({
  /** `<reportId>:<version>` */
  _id: { type: String, required: true },
  reportId: { type: Schema.Types.ObjectId, required: true },
  roundId: { type: Schema.Types.ObjectId, required: true },
  organizationId: { type: Schema.Types.ObjectId, required: true },
  version: { type: Number, required: true },
  at: { type: Date, required: true },
  by: { type: personSchema, required: true },
  /** `[{ area, entry }]` in the order of the council's areas. */
  areas: { type: Schema.Types.Mixed, required: true },
  comment: { type: String, default: '' },
});

const reporterSchema = new Schema({
  /** `<organizationId>:<userId>` */
  _id: { type: String, required: true },
  organizationId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  by: { type: personSchema, required: true },
  at: { type: Date, required: true },
});
reporterSchema.index({ organizationId: 1 });

const reminderSchema = new Schema({
  /** `<roundId>:<10-minute window>`: the insert claims the window, so two clicks at once send one reminder. */
  _id: { type: String, required: true },
  roundId: { type: Schema.Types.ObjectId, required: true },
  by: { type: personSchema, required: true },
  at: { type: Date, required: true },
  organizations: { type: Number, required: true },
  people: { type: Number, required: true },
});
reminderSchema.index({ roundId: 1, at: -1 });

export type RoundRecord = InferSchemaType<typeof roundSchema>;
export type RoundRow = RoundRecord & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

/** The content of one submission, as `submitted` and the versions hold it. */
export interface SubmittedContent {
  at: Date;
  by: PersonRecord;
  version: number;
  areas: Array<{ area: string; entry: AreaEntry }>;
  comment: string;
}

export interface ReportRow {
  _id: Types.ObjectId;
  roundId: Types.ObjectId;
  organizationId: Types.ObjectId;
  state: 'draft' | 'submitted' | 'returned';
  version: number;
  areas: Record<string, AreaEntry>;
  added: Array<{ area: string; reason: string }>;
  removed: Array<{ area: string; reason: string }>;
  comment: string;
  updatedAt: Date | null;
  updatedBy: PersonRecord | null;
  submitted: SubmittedContent | null;
  returned: { reason: string; by: PersonRecord; at: Date } | null;
}

export interface VersionRecord extends SubmittedContent {
  _id: string;
  reportId: Types.ObjectId;
  roundId: Types.ObjectId;
  organizationId: Types.ObjectId;
}

export type ReminderRecord = InferSchemaType<typeof reminderSchema>;

/** The `_id` of one submission of one report. */
export const versionKey = (reportId: string | Types.ObjectId, version: number): string => `${String(reportId)}:${version}`;
/** The `_id` of one member's permission to submit their organisation's reports. */
export const reporterKey = (organizationId: string | Types.ObjectId, userId: string | Types.ObjectId): string =>
  `${String(organizationId)}:${String(userId)}`;

export const StatusRoundModel = mongoose.model('StatusRound', roundSchema, 'status_rounds');
export const StatusReportModel = mongoose.model('StatusReport', reportSchema, 'status_reports');
export const StatusReportVersionModel = mongoose.model('StatusReportVersion', versionSchema, 'status_report_versions');
export const StatusReporterModel = mongoose.model('StatusReporter', reporterSchema, 'status_reporters');
export const StatusReminderModel = mongoose.model('StatusReminder', reminderSchema, 'status_reminders');

/** Every round, in memory (a handful a year). */
export const roundsView = new CollectionView<RoundRow>(STATUS_ROUNDS_LOG, (ids) =>
  StatusRoundModel.find(ids ? { _id: mongoose.trusted({ $in: ids }) } : {}).lean<RoundRow[]>(),
);

/** Every report of every round, in memory (182 vendors a round: a few thousand documents over years). */
export const reportsView = new CollectionView<ReportRow>(STATUS_REPORTS_LOG, (ids) =>
  StatusReportModel.find(ids ? { _id: mongoose.trusted({ $in: ids }) } : {}).lean<ReportRow[]>(),
);
