/** 開発状況報告: reporting rounds, vendors' reports and their versions, and the secretariat's picture. */
import { z } from 'zod';
import { REPORT_ABILITIES, ROUND_ABILITIES } from '../policies/statusReport';
import { BUSINESS_AREA_KEYS } from '../reference/council';
import { PHASES, PROBLEM_CODES, REPORT_STATES, ROUND_STATES, SPECIAL_REASON_KEYS, STATUS_LIMITS, TRACKS } from '../statusReports/rules';
import { abilitiesSchema, ObjectIdString } from './common';
import { DateOnly } from './issues';
import { OrganizationRef, Person } from './threads';

export const RoundState = z.enum(ROUND_STATES);
export const Phase = z.enum(PHASES);
export const Track = z.enum(TRACKS);
export const ReportState = z.enum(REPORT_STATES);
export const BusinessAreaKey = z.enum(BUSINESS_AREA_KEYS);

/** An instant with its offset (`2027-01-29T17:00:00+09:00`); stored in UTC. */
const Deadline = z.iso.datetime({ offset: true, message: 'must be a date and time with an offset, e.g. 2027-01-29T17:00:00+09:00' });
const Text = (max: number) => z.string().max(max);
const Areas = z
  .array(BusinessAreaKey)
  .min(1, 'choose at least one business area')
  .max(BUSINESS_AREA_KEYS.length)
  .refine((a) => new Set(a).size === a.length, 'each business area once');

// ---- rounds ------------------------------------------------------------------------------------------

const RoundFields = {
  title: z.string().trim().min(1, 'required').max(STATUS_LIMITS.titleLength),
  periodStart: DateOnly,
  periodEnd: DateOnly,
  deadline: Deadline,
  businessAreas: Areas,
  note: Text(STATUS_LIMITS.noteLength),
};
const periodInOrder = (b: { periodStart?: string; periodEnd?: string }) => !b.periodStart || !b.periodEnd || b.periodStart <= b.periodEnd;
const PERIOD_ORDER = { message: 'the period must end on or after the day it starts', path: ['periodEnd'] };

export const RoundCreateBody = z
  .strictObject({ ...RoundFields, businessAreas: Areas.default([...BUSINESS_AREA_KEYS]), note: RoundFields.note.default('') })
  .refine(periodInOrder, PERIOD_ORDER);
export type RoundCreateBody = z.infer<typeof RoundCreateBody>;

/** An open round's deadline and note may move; its areas and period change only while it is a draft (409). */
export const RoundUpdateBody = z
  .strictObject({
    title: RoundFields.title.optional(),
    periodStart: DateOnly.optional(),
    periodEnd: DateOnly.optional(),
    deadline: Deadline.optional(),
    businessAreas: Areas.optional(),
    note: RoundFields.note.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .refine(periodInOrder, PERIOD_ORDER);
export type RoundUpdateBody = z.infer<typeof RoundUpdateBody>;

export const RoundListQuery = z.strictObject({ state: RoundState.optional() });
export type RoundListQuery = z.infer<typeof RoundListQuery>;

export const RoundRef = z.object({ id: z.string(), title: z.string() });
export type RoundRef = z.infer<typeof RoundRef>;

export const RoundAbilities = abilitiesSchema(ROUND_ABILITIES, 'StatusRoundAbilities');

export const Round = z
  .object({
    id: z.string(),
    title: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    deadline: z.string(),
    businessAreas: z.array(BusinessAreaKey),
    note: z.string(),
    state: RoundState,
    createdAt: z.string(),
    openedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    /** The round opened before this one: what "change since the previous round" compares with. */
    previousRound: RoundRef.nullable(),
    /** The reader's organisation's report in it (vendors), else null. */
    myReport: z.object({ state: ReportState, version: z.number().int() }).nullable(),
    /** How many organisations are expected to report, and how many have submitted. */
    counts: z.object({ expected: z.number().int(), submitted: z.number().int() }),
    abilities: RoundAbilities,
  })
  .meta({ id: 'StatusRound' });
export type Round = z.infer<typeof Round>;

export const RoundList = z.object({ rounds: z.array(Round) }).meta({ id: 'StatusRoundList' });
export type RoundList = z.infer<typeof RoundList>;

// ---- a report ----------------------------------------------------------------------------------------

export const ReportParams = z.strictObject({ id: ObjectIdString, orgId: ObjectIdString });
export type ReportParams = z.infer<typeof ReportParams>;

/** A whole, non-negative number of municipalities or systems; empty while a draft is being written. */
const Count = z.number().int('must be a whole number').min(0, 'must not be negative').max(STATUS_LIMITS.municipalities).nullable();
/** A real calendar day (2026-02-30 is refused), meaning a day in Japan. */
const Day = DateOnly.nullable();
const IssueNumber = z.string().regex(/^\d{4}-\d{4}$/, 'must be an issue number such as 2026-0012');

/** One business area as typed: types and ranges are checked here, the rules across fields by shared/statusReports/rules.ts. */
export const AreaEntry = z
  .strictObject({
    phase: Phase.nullable(),
    specVersion: Text(STATUS_LIMITS.specVersionLength),
    plannedAvailability: Day,
    actualAvailability: Day,
    customers: Count,
    migrated: Count,
    plannedByFyEnd: Count,
    plannedAfter: Count,
    special: z.strictObject(
      Object.fromEntries(SPECIAL_REASON_KEYS.map((k) => [k, Count])) as Record<(typeof SPECIAL_REASON_KEYS)[number], typeof Count>,
    ),
    track: Track.nullable(),
    explanation: Text(STATUS_LIMITS.textLength),
    risks: Text(STATUS_LIMITS.textLength),
    blockingIssues: z
      .array(IssueNumber)
      .max(STATUS_LIMITS.blockingIssues)
      .refine((a) => new Set(a).size === a.length, 'each issue once'),
  })
  .meta({ id: 'StatusAreaEntry' });
export type AreaEntryInput = z.infer<typeof AreaEntry>;

/** An area added to (or removed from) what the organisation's profile says it reports, with the reason. */
export const AreaChange = z.strictObject({
  area: BusinessAreaKey,
  reason: z.string().trim().min(1, 'required').max(STATUS_LIMITS.reasonLength),
});
export type AreaChange = z.infer<typeof AreaChange>;

/**
 * A draft saved as it is typed: the areas given replace those areas whole (others are left as they
 * are, so two members writing different areas keep both); `added`/`removed` replace the lists.
 */
export const ReportDraftBody = z
  .strictObject({
    areas: z.partialRecord(BusinessAreaKey, AreaEntry).optional(),
    comment: Text(STATUS_LIMITS.textLength).optional(),
    added: z.array(AreaChange).max(BUSINESS_AREA_KEYS.length).optional(),
    removed: z.array(AreaChange).max(BUSINESS_AREA_KEYS.length).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to save');
export type ReportDraftBody = z.infer<typeof ReportDraftBody>;

export const ReturnBody = z.strictObject({ reason: z.string().trim().min(1, 'required').max(STATUS_LIMITS.reasonLength) });
export type ReturnBody = z.infer<typeof ReturnBody>;

export const Problem = z.object({ field: z.string(), code: z.enum(PROBLEM_CODES) });
export type Problem = z.infer<typeof Problem>;

export const ReportAbilities = abilitiesSchema(REPORT_ABILITIES, 'StatusReportAbilities');

export const ReportArea = z.object({
  area: BusinessAreaKey,
  /** From the organisation's profile, or added for this round (with the reason in `added`). */
  source: z.enum(['profile', 'added']),
  entry: AreaEntry,
});
export type ReportArea = z.infer<typeof ReportArea>;

export const Report = z
  .object({
    /** null: nothing saved yet (state `notStarted`). */
    id: z.string().nullable(),
    round: RoundRef.extend({ state: RoundState, deadline: z.string() }),
    organization: OrganizationRef,
    state: ReportState,
    /** How many times it was submitted (each submission is a version). */
    version: z.number().int(),
    /** The areas the reader may see: a ministry sees those it oversees only. */
    areas: z.array(ReportArea),
    added: z.array(AreaChange),
    removed: z.array(AreaChange),
    /** The free comment to the secretariat: null for a reader it is not addressed to (a ministry). */
    comment: z.string().nullable(),
    updatedAt: z.string().nullable(),
    updatedBy: Person.nullable(),
    submittedAt: z.string().nullable(),
    submittedBy: Person.nullable(),
    returned: z.object({ reason: z.string(), by: Person, at: z.string() }).nullable(),
    /** What a submission would refuse now (every rule, with `complete`). */
    problems: z.array(Problem),
    abilities: ReportAbilities,
  })
  .meta({ id: 'StatusReport' });
export type Report = z.infer<typeof Report>;

export const VersionAreas = z.array(z.object({ area: BusinessAreaKey, entry: AreaEntry }));

/** Every submission of one report, newest first, and the same organisation's last submission in the previous round. */
export const ReportVersions = z
  .object({
    versions: z.array(
      z.object({
        version: z.number().int(),
        submittedAt: z.string(),
        submittedBy: Person,
        areas: VersionAreas,
        comment: z.string().nullable(),
      }),
    ),
    previousRound: z.object({ round: RoundRef, areas: VersionAreas }).nullable(),
  })
  .meta({ id: 'StatusReportVersions' });
export type ReportVersions = z.infer<typeof ReportVersions>;

// ---- the picture ---------------------------------------------------------------------------------------

const n = z.number().int();
export const AreaFigures = z
  .object({
    vendors: n,
    phases: z.object(
      Object.fromEntries(PHASES.map((p) => [p, z.object({ vendors: n, customers: n })])) as Record<
        (typeof PHASES)[number],
        z.ZodObject<{ vendors: typeof n; customers: typeof n }>
      >,
    ),
    timing: z.object({ customers: n, migrated: n, byFyEnd: n, after: n }),
    special: z.object(Object.fromEntries(SPECIAL_REASON_KEYS.map((k) => [k, n])) as Record<(typeof SPECIAL_REASON_KEYS)[number], typeof n>),
    tracks: z.object(Object.fromEntries(TRACKS.map((t) => [t, n])) as Record<(typeof TRACKS)[number], typeof n>),
  })
  .meta({ id: 'StatusAreaFigures' });

export const ProgressCounts = z.object({ expected: n, submitted: n, draft: n, returned: n, notStarted: n });

export const Overview = z
  .object({
    round: RoundRef.extend({ state: RoundState }),
    previousRound: RoundRef.nullable(),
    /** `council`: every area, no vendor's own figures; `ministry`: the areas it oversees, each vendor's figures readable; `all`: the secretariat. */
    scope: z.enum(['council', 'ministry', 'all']),
    progress: ProgressCounts,
    /** Per area of the round (those in scope). `figures` null: fewer than three vendors submitted it and the reader may not see each vendor's figures. */
    areas: z.array(z.object({ area: BusinessAreaKey, figures: AreaFigures.nullable(), change: AreaFigures.nullable() })),
    total: AreaFigures,
    totalChange: AreaFigures.nullable(),
    /** The council's reference figures (2024-10-31), shown as reference beside the totals. */
    reference: z.object({
      asOf: z.string(),
      systemsTotal: n,
      specialSystems: n,
      reasons: z.array(z.object({ key: z.enum(SPECIAL_REASON_KEYS), systems: n, municipalities: n })),
    }),
  })
  .meta({ id: 'StatusOverview' });
export type Overview = z.infer<typeof Overview>;

export const AreaParams = z.strictObject({ id: ObjectIdString, area: BusinessAreaKey });

/** Drill-down: each vendor's submitted figures for one area (the secretariat; a ministry for its areas). */
export const AreaDrillDown = z
  .object({
    round: RoundRef,
    area: BusinessAreaKey,
    rows: z.array(
      z.object({
        organization: OrganizationRef,
        vendorType: z.enum(['development', 'support']).nullable(),
        state: ReportState,
        entry: AreaEntry,
      }),
    ),
  })
  .meta({ id: 'StatusAreaDrillDown' });
export type AreaDrillDown = z.infer<typeof AreaDrillDown>;

export const ProgressQuery = z.strictObject({ state: ReportState.optional() });
export type ProgressQuery = z.infer<typeof ProgressQuery>;

export const StatusReminder = z
  .object({ id: z.string(), by: Person, at: z.string(), organizations: n, people: n })
  .meta({ id: 'StatusReminder' });
export type StatusReminder = z.infer<typeof StatusReminder>;

/** The secretariat's submission progress: every expected organisation, by state. */
export const Progress = z
  .object({
    round: RoundRef.extend({ state: RoundState }),
    counts: ProgressCounts,
    rows: z.array(
      z.object({
        organization: OrganizationRef,
        vendorType: z.enum(['development', 'support']).nullable(),
        areas: z.array(BusinessAreaKey),
        state: ReportState,
        version: n,
        updatedAt: z.string().nullable(),
        submittedAt: z.string().nullable(),
      }),
    ),
    reminders: z.array(StatusReminder),
  })
  .meta({ id: 'StatusProgress' });
export type Progress = z.infer<typeof Progress>;

/** The reports that cite one register issue as blocking, as far as the reader may see them. */
export const IssueCitations = z
  .object({ reports: z.array(z.object({ round: RoundRef, organization: OrganizationRef, area: BusinessAreaKey })) })
  .meta({ id: 'StatusIssueCitations' });
export type IssueCitations = z.infer<typeof IssueCitations>;

/** The members an org admin allowed to submit its reports. */
export const ReportersBody = z.strictObject({
  userIds: z
    .array(ObjectIdString)
    .max(500)
    .refine((a) => new Set(a).size === a.length, 'each person once'),
});
export type ReportersBody = z.infer<typeof ReportersBody>;
export const Reporters = z.object({ reporters: z.array(Person) }).meta({ id: 'StatusReporters' });
export type Reporters = z.infer<typeof Reporters>;
