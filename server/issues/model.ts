/**
 * The register's collections. Support is one document per issue × organisation (its `_id`), so
 * "once per organisation" is enforced by the storage; the count on the issue is recounted from
 * them after each change. History is append-only.
 */
import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { BUSINESS_AREA_KEYS, MINISTRY_KEYS, SPECIAL_MIGRATION_REASONS } from '@shared/reference/council';
import { ISSUE_CATEGORIES, ISSUE_STATUSES, PRIORITIES } from '@shared/register/rules';
import { recordWritesIn } from '../db/collectionView';
import { indexWritesIn } from '../search/indexWrites';
import { followModel } from '../follows/personalFollows';
import { personSchema } from '../users/person';

const issueSchema = new Schema(
  {
    fiscalYear: { type: Number, required: true },
    seq: { type: Number, required: true },
    /** `2025-0042`: fiscal year and its sequence. */
    number: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    description: { type: String, required: true },
    businessAreas: { type: [{ type: String, enum: BUSINESS_AREA_KEYS }], required: true },
    category: { type: String, enum: ISSUE_CATEGORIES, required: true },
    specialReason: { type: String, enum: [...SPECIAL_MIGRATION_REASONS.map((r) => r.key), null], default: null },
    raisedBy: { type: personSchema, required: true },
    priority: { type: String, enum: [...PRIORITIES, null], default: null },
    ministry: { type: String, enum: [...MINISTRY_KEYS, null], default: null },
    ministryOverridden: { type: Boolean, default: false },
    /** 担当者: the secretariat member looking after the issue (set by the secretariat). */
    assignee: { type: personSchema, default: null },
    dueDate: { type: Date, default: null },
    lawEnforcementDate: { type: Date, default: null },
    specPublishedDate: { type: Date, default: null },
    /** Enforcement minus 365 days: the latest the revised specification should be published. */
    specDeadline: { type: Date, default: null },
    /** The specification was published after its deadline (known once it is published). */
    publishedLate: { type: Boolean, default: false },
    status: { type: String, enum: ISSUE_STATUSES, default: 'new' },
    rejectionReason: { type: String, default: null },
    duplicateOf: { type: Schema.Types.ObjectId, default: null },
    supportCount: { type: Number, default: 1 },
    answerCount: { type: Number, default: 0 },
    commentCount: { type: Number, default: 0 },
    answeredAt: { type: Date, default: null },
    grams: { type: [String], default: [], select: false },
    /** Number, title and description normalised as search sees them, to confirm a gram match. */
    searchText: { type: String, default: '', select: false },
  },
  { timestamps: true },
);
issueSchema.index({ fiscalYear: -1, seq: -1 });
issueSchema.index({ status: 1, updatedAt: -1 });
issueSchema.index({ businessAreas: 1 });
issueSchema.index({ ministry: 1 });
issueSchema.index({ category: 1 });
issueSchema.index({ duplicateOf: 1 });
issueSchema.index({ 'raisedBy.organization.id': 1 });
issueSchema.index({ grams: 1 });

/**
 * Every write to an issue is recorded in the register's change log (server/db/changeLog.ts) before
 * it resolves, so each process's in-memory register (registerView.ts) picks it up on its next read.
 */
export const REGISTER_LOG = 'register';

recordWritesIn(issueSchema, REGISTER_LOG);

/** What "search everywhere" reads of an issue (server/search/kinds/issues.ts): a write touching none of them is not re-indexed. */
export const ISSUE_SEARCH_FIELDS = ['number', 'title', 'description'] as const;
indexWritesIn(issueSchema, 'issues', ISSUE_SEARCH_FIELDS);

const supportSchema = new Schema({
  /** `<issueId>:<organizationId>` */
  _id: { type: String, required: true },
  issueId: { type: Schema.Types.ObjectId, required: true },
  organization: {
    type: new Schema({ id: Schema.Types.ObjectId, nameJa: String, nameEn: String }, { _id: false }),
    required: true,
  },
  /**
   * The organisation's id again, at the top level: the embedded engine looks up only top-level
   * fields by index (a dotted path like `organization.id` reads every support). Filled from
   * `organization` on create; older supports get it at start-up (upgrade.ts).
   */
  organizationId: {
    type: Schema.Types.ObjectId,
    default: function (this: { organization?: { id?: unknown } }) {
      return this.organization?.id;
    },
  },
  by: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, required: true },
});
supportSchema.index({ issueId: 1, at: 1 });
/** The register's 自組織が賛同 filter: an organisation's supports, one equality lookup. */
supportSchema.index({ organizationId: 1 });

const commentSchema = new Schema(
  {
    issueId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: ['comment', 'answer'], required: true },
    author: { type: personSchema, required: true },
    body: { type: String, required: true },
    editedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
commentSchema.index({ issueId: 1, createdAt: 1 });
/** What "search everywhere" reads of a comment or answer (server/search/kinds/issueComments.ts). */
export const ISSUE_COMMENT_SEARCH_FIELDS = ['kind', 'body'] as const;
indexWritesIn(commentSchema, 'issueComments', ISSUE_COMMENT_SEARCH_FIELDS);

const historySchema = new Schema({
  issueId: { type: Schema.Types.ObjectId, required: true },
  type: { type: String, required: true },
  changes: { type: [new Schema({ field: String, from: Schema.Types.Mixed, to: Schema.Types.Mixed }, { _id: false })], default: [] },
  note: { type: String, default: null },
  by: { type: personSchema, required: true },
  at: { type: Date, required: true },
});
historySchema.index({ issueId: 1, at: 1 });

const linkSchema = new Schema({
  /** `<issueId>:<kind>:<targetId>` */
  _id: { type: String, required: true },
  issueId: { type: Schema.Types.ObjectId, required: true },
  kind: { type: String, enum: ['thread', 'meeting'], required: true },
  targetId: { type: Schema.Types.ObjectId, required: true },
  by: { type: Schema.Types.ObjectId, required: true },
  /** The maker's organisation, whose admin may remove the link too (absent on links made before it was kept). */
  byOrganization: { type: Schema.Types.ObjectId, default: null },
  at: { type: Date, required: true },
});
linkSchema.index({ issueId: 1 });
linkSchema.index({ kind: 1, targetId: 1 });

/** An official answer being drafted: one per issue and answering organisation, saved as it is written. */
const answerDraftSchema = new Schema({
  /** `<issueId>:<organizationId>` */
  _id: { type: String, required: true },
  issueId: { type: Schema.Types.ObjectId, required: true },
  body: { type: String, required: true },
  by: { type: personSchema, required: true },
  at: { type: Date, required: true },
});
answerDraftSchema.index({ issueId: 1 });

export type IssueRecord = InferSchemaType<typeof issueSchema>;
export type IssueDocument = HydratedDocument<IssueRecord>;
/** An issue's stored fields: a lean row, as the register view keeps it (registerView.ts), or a document. */
export type IssueRow = IssueRecord & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };
export type IssueCommentDocument = HydratedDocument<InferSchemaType<typeof commentSchema>>;

export const IssueModel = mongoose.model('Issue', issueSchema);
export const IssueSupportModel = mongoose.model('IssueSupport', supportSchema);
export const IssueCommentModel = mongoose.model('IssueComment', commentSchema);
export const IssueHistoryModel = mongoose.model('IssueHistory', historySchema);
export const IssueLinkModel = mongoose.model('IssueLink', linkSchema);
export const IssueAnswerDraftModel = mongoose.model('IssueAnswerDraft', answerDraftSchema);
/** 事務局メモ: the secretariat's internal notes, one document per note, read by `issueId` (server/issues/notes.ts). */
const noteSchema = new Schema({
  issueId: { type: Schema.Types.ObjectId, required: true },
  body: { type: String, required: true },
  by: { type: personSchema, required: true },
  at: { type: Date, required: true },
});
noteSchema.index({ issueId: 1, at: 1 });
export const IssueNoteModel = mongoose.model('IssueNote', noteSchema, 'issue_notes');
/** Following and muting issues, per person (`<issueId>:<userId>`, userId indexed; server/issues/follows.ts). */
export const IssueFollowModel = followModel('IssueFollow', 'issue_follows', 'issueId');
