import { z } from 'zod';
import { BUSINESS_AREA_KEYS, MINISTRY_KEYS, SPECIAL_MIGRATION_REASONS } from '../reference/council';
import { ISSUE_CATEGORIES, ISSUE_STATUSES, PRIORITIES } from '../register/rules';
import { abilitiesSchema, ObjectIdString } from './common';
import { ISSUE_ABILITIES } from '../policies/issue';
import { BusinessAreaKey } from './organizations';
import { OrganizationRef, Person, SubscriptionBody, SubscriptionState } from './threads';

export const IssueStatus = z.enum(ISSUE_STATUSES);
export const IssueCategory = z.enum(ISSUE_CATEGORIES);
export const Priority = z.enum(PRIORITIES);
export const MinistryKey = z.enum(MINISTRY_KEYS);
export const ReasonKey = z.enum(SPECIAL_MIGRATION_REASONS.map((r) => r.key) as [string, ...string[]]);
/** A calendar date, `YYYY-MM-DD` (Japan time is implied; stored as midnight UTC of that date). */
export const DateOnly = z.iso.date('must be a date, YYYY-MM-DD');

export const ISSUE_LIMITS = { titleLength: 200, descriptionLength: 20_000, commentLength: 10_000, reasonLength: 1_000 } as const;

const Title = z.string().trim().min(1, 'required').max(ISSUE_LIMITS.titleLength);
const Description = z
  .string()
  .max(ISSUE_LIMITS.descriptionLength, `must be at most ${ISSUE_LIMITS.descriptionLength} characters`)
  .refine((s) => s.trim().length > 0, 'required');
const Areas = z.array(BusinessAreaKey).min(1, 'choose at least one business area').max(BUSINESS_AREA_KEYS.length);
const Text = z
  .string()
  .max(ISSUE_LIMITS.commentLength)
  .refine((s) => s.trim().length > 0, 'required');

/** An issue as a link shows it: its number and title. */
export const IssueRef = z.object({ id: z.string(), number: z.string(), title: z.string() });
export type IssueRef = z.infer<typeof IssueRef>;

export const Issue = z
  .object({
    id: z.string(),
    number: z.string(),
    fiscalYear: z.number().int(),
    title: z.string(),
    description: z.string(),
    businessAreas: z.array(BusinessAreaKey),
    category: IssueCategory,
    specialReason: ReasonKey.nullable(),
    raisedBy: Person,
    priority: Priority.nullable(),
    ministry: MinistryKey.nullable(),
    ministryOverridden: z.boolean(),
    /** 担当者: a secretariat member, or none. */
    assignee: Person.nullable(),
    dueDate: DateOnly.nullable(),
    lawEnforcementDate: DateOnly.nullable(),
    specPublishedDate: DateOnly.nullable(),
    /** Days from the specification's publication (or today) to enforcement; flagged under 365. */
    leadTimeDays: z.number().int().nullable(),
    leadTimeShort: z.boolean(),
    status: IssueStatus,
    rejectionReason: z.string().nullable(),
    duplicateOf: IssueRef.nullable(),
    supportCount: z.number().int(),
    answerCount: z.number().int(),
    commentCount: z.number().int(),
    overdue: z.boolean(),
    answeredAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Issue' });
export type Issue = z.infer<typeof Issue>;

export const IssueCreateBody = z.strictObject({
  title: Title,
  description: Description,
  businessAreas: Areas,
  category: IssueCategory,
  specialReason: ReasonKey.nullable().default(null),
  dueDate: DateOnly.nullable().default(null),
  lawEnforcementDate: DateOnly.nullable().default(null),
  specPublishedDate: DateOnly.nullable().default(null),
});
export type IssueCreateBody = z.infer<typeof IssueCreateBody>;

/** Raiser (while new) or secretariat: content; secretariat only: priority, ministry, due date. */
export const IssueUpdateBody = z
  .strictObject({
    title: Title.optional(),
    description: Description.optional(),
    businessAreas: Areas.optional(),
    category: IssueCategory.optional(),
    specialReason: ReasonKey.nullable().optional(),
    lawEnforcementDate: DateOnly.nullable().optional(),
    specPublishedDate: DateOnly.nullable().optional(),
    priority: Priority.nullable().optional(),
    /** A ministry to override the derived one; null returns to the derived one. */
    ministry: MinistryKey.nullable().optional(),
    dueDate: DateOnly.nullable().optional(),
    /** 担当者: a secretariat member's id, or null for none (secretariat only). */
    assignee: ObjectIdString.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type IssueUpdateBody = z.infer<typeof IssueUpdateBody>;

export const TransitionBody = z
  .strictObject({
    to: IssueStatus,
    /** Required when rejecting. */
    reason: z.string().trim().min(1).max(ISSUE_LIMITS.reasonLength).optional(),
    /** Required when marking a duplicate: the surviving issue. */
    duplicateOf: ObjectIdString.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.to === 'rejected' && !b.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a rejection needs a reason' });
    if (b.to === 'duplicate' && !b.duplicateOf)
      ctx.addIssue({ code: 'custom', path: ['duplicateOf'], message: 'name the surviving issue' });
  });
export type TransitionBody = z.infer<typeof TransitionBody>;

/** 一括操作 (secretariat): at most this many issues in one request, handled one by one. */
export const ISSUE_BULK_MAX = 100;
const BulkStatusChange = z
  .strictObject({
    kind: z.literal('status'),
    status: IssueStatus,
    /** Required when rejecting (the transition's `reason`, for every issue). */
    reason: z.string().trim().min(1).max(ISSUE_LIMITS.reasonLength).optional(),
    /** Required when marking duplicates: the surviving issue. */
    duplicateOf: ObjectIdString.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.status === 'rejected' && !b.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a rejection needs a reason' });
    if (b.status === 'duplicate' && !b.duplicateOf)
      ctx.addIssue({ code: 'custom', path: ['duplicateOf'], message: 'name the surviving issue' });
  });
/** 回付先: a ministry to override the derived one, or null to return each issue to its derived one. */
const BulkRouteChange = z.strictObject({ kind: z.literal('route'), ministry: MinistryKey.nullable() });
export const IssueBulkChange = z.discriminatedUnion('kind', [BulkStatusChange, BulkRouteChange]);
export type IssueBulkChange = z.infer<typeof IssueBulkChange>;

export const IssueBulkBody = z.strictObject({
  ids: z
    .array(ObjectIdString)
    .min(1, 'choose at least one issue')
    .max(ISSUE_BULK_MAX, `at most ${ISSUE_BULK_MAX} issues at once`)
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [i], message: `${id} is listed twice` });
        seen.add(id);
      });
    }),
  change: IssueBulkChange,
});
export type IssueBulkBody = z.infer<typeof IssueBulkBody>;

/** An issue as a bulk result shows it: enough to list it and update a register row. */
export const IssueBulkSummary = IssueRef.extend({ status: IssueStatus, ministry: MinistryKey.nullable() });
export const IssueBulkItem = z.discriminatedUnion('ok', [
  z.object({ id: z.string(), number: z.string().optional(), ok: z.literal(true), issue: IssueBulkSummary.optional() }),
  z.object({
    id: z.string(),
    number: z.string().optional(),
    /** The issue's status now, when it exists: what the change could not start from. */
    status: IssueStatus.optional(),
    ok: z.literal(false),
    code: z.string(),
    message: z.string(),
  }),
]);
export type IssueBulkItem = z.infer<typeof IssueBulkItem>;
export const IssueBulkResult = z
  .object({ results: z.array(IssueBulkItem), succeeded: z.number().int(), failed: z.number().int() })
  .meta({ id: 'IssueBulkResult' });
export type IssueBulkResult = z.infer<typeof IssueBulkResult>;

const QueryList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20));
const QueryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ISSUE_SORTS = ['number', '-number', 'updated', '-updated', 'support', '-support', 'due', '-due'] as const;

/** The personal filter `mine`: raised by my organisation, or supported by it (which the raiser's always does). */
export const ISSUE_MINE = ['raised', 'supported'] as const;

export const IssueListQuery = z.strictObject({
  status: QueryList(IssueStatus).optional(),
  businessArea: QueryList(BusinessAreaKey).optional(),
  category: QueryList(IssueCategory).optional(),
  reason: QueryList(ReasonKey).optional(),
  ministry: QueryList(MinistryKey).optional(),
  organization: ObjectIdString.optional(),
  /** 担当者: a secretariat member's id, `me`, or `none`. */
  assignee: z.union([ObjectIdString, z.enum(['me', 'none'])]).optional(),
  hasAnswer: QueryFlag.optional(),
  overdue: QueryFlag.optional(),
  leadTimeShort: QueryFlag.optional(),
  open: QueryFlag.optional(),
  /** Personal: issues my organisation raised (自組織が登録) or supports (自組織が賛同). */
  mine: z.enum(ISSUE_MINE).optional(),
  /** Personal: issues I follow (`true`) or do not (`false`). */
  following: QueryFlag.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(ISSUE_SORTS).default('-number'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type IssueListQuery = z.infer<typeof IssueListQuery>;
/** The filters alone (exports take the same filters, without paging). */
export const IssueExportQuery = IssueListQuery.omit({ page: true, pageSize: true });
export type IssueExportQuery = z.infer<typeof IssueExportQuery>;

export const IssueList = z
  .object({ issues: z.array(Issue), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'IssueList' });
export type IssueList = z.infer<typeof IssueList>;

export const IssueComment = z
  .object({
    id: z.string(),
    issueId: z.string(),
    kind: z.enum(['comment', 'answer']),
    author: Person,
    /** For answers: who answers officially (the secretariat or the routed ministry). */
    official: z.boolean(),
    body: z.string(),
    editedAt: z.string().nullable(),
    createdAt: z.string(),
    /** Whether this reader may edit it (an official answer, by its author): shared/policies/issue.ts. */
    abilities: abilitiesSchema(['edit'] as const, 'IssueCommentAbilities'),
  })
  .meta({ id: 'IssueComment' });
export type IssueComment = z.infer<typeof IssueComment>;
export type IssueCommentView = Omit<IssueComment, 'abilities'>;

export const CommentBody = z.strictObject({ body: Text });
/** An official answer being drafted by one organisation (the routed ministry, or the secretariat). */
export const AnswerDraft = z
  .object({ issueId: z.string(), organization: OrganizationRef, body: z.string(), by: Person, at: z.string() })
  .meta({ id: 'AnswerDraft' });
export type AnswerDraft = z.infer<typeof AnswerDraft>;
export const AnswerDrafts = z.object({ drafts: z.array(AnswerDraft) }).meta({ id: 'AnswerDrafts' });
export type AnswerDrafts = z.infer<typeof AnswerDrafts>;
export const AnswerBody = z.strictObject({ body: Text });

export const HistoryEntry = z
  .object({
    id: z.string(),
    type: z.enum([
      'created',
      'changed',
      'transition',
      'comment',
      'answer',
      'answerEdited',
      'support',
      'unsupport',
      'supportMoved',
      'link',
      'unlink',
      'meetingDecision',
    ]),
    changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
    note: z.string().nullable(),
    by: Person,
    at: z.string(),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const IssueLink = z.object({ kind: z.enum(['thread', 'meeting']), id: z.string(), title: z.string() });
export type IssueLink = z.infer<typeof IssueLink>;
export const LinkBody = z.strictObject({ kind: z.enum(['thread', 'meeting']), id: ObjectIdString });

export const IssueAbilities = abilitiesSchema(ISSUE_ABILITIES, 'IssueAbilities');
export type IssueAbilities = z.infer<typeof IssueAbilities>;

export const IssueDetail = z
  .object({
    issue: Issue,
    supporters: z.array(OrganizationRef),
    /** Whether the reader's organisation supports it (the raiser's always does). */
    supportedByMe: z.boolean(),
    comments: z.array(IssueComment),
    history: z.array(HistoryEntry),
    links: z.array(IssueLink),
    /** The issues merged into this one as duplicates. */
    duplicates: z.array(IssueRef),
    allowedTransitions: z.array(IssueStatus),
    /** How this reader follows the issue (their own choice, or following since they took part). */
    follow: SubscriptionState,
    /** What this reader may do with the issue now (shared/policies/issue.ts). */
    abilities: IssueAbilities,
  })
  .meta({ id: 'IssueDetail' });
export type IssueDetail = z.infer<typeof IssueDetail>;

/** 事務局メモ: one internal note of the secretariat on an issue (a document of its own). */
export const IssueNote = z
  .object({ id: z.string(), issueId: z.string(), body: z.string(), by: Person, at: z.string() })
  .meta({ id: 'IssueNote' });
export type IssueNote = z.infer<typeof IssueNote>;
export const IssueNotes = z.object({ notes: z.array(IssueNote) }).meta({ id: 'IssueNotes' });
export type IssueNotes = z.infer<typeof IssueNotes>;
export const NoteBody = z.strictObject({ body: Text });

/** Follow, leave to normal or mute an issue (one's own choice; PUT /api/issues/:id/follow). */
export const IssueFollowBody = SubscriptionBody;
export const IssueFollow = z.object({ issueId: z.string(), state: SubscriptionState }).meta({ id: 'IssueFollow' });
export type IssueFollow = z.infer<typeof IssueFollow>;

export const SupportResult = z.object({
  issueId: z.string(),
  supportCount: z.number().int(),
  supporters: z.array(OrganizationRef),
  supportedByMe: z.boolean(),
});
export type SupportResult = z.infer<typeof SupportResult>;

const Count = z.object({ key: z.string(), count: z.number().int() });
export const RegisterStats = z
  .object({
    openByStatusAndArea: z.array(z.object({ status: IssueStatus, area: BusinessAreaKey, count: z.number().int() })),
    byStatus: z.array(Count),
    openByReason: z.array(Count),
    openByMinistry: z.array(Count),
    openByCategory: z.array(Count),
    /** Of the issues with a due date that have been answered, how many were answered by it. */
    answeredWithinDue: z.object({ answered: z.number().int(), withinDue: z.number().int(), rate: z.number().nullable() }),
    total: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
  })
  .meta({ id: 'RegisterStats' });
export type RegisterStats = z.infer<typeof RegisterStats>;
