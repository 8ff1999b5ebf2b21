/**
 * 開発状況報告: the vocabulary of reporting rounds and vendors' reports, shared by the server (which
 * enforces it), the client (which explains it as the person types) and the exports.
 * docs/STATUS_REPORTS.md tells the whole story.
 */
import { BUSINESS_AREAS, type BusinessAreaKey } from '../reference/council';

/** A round is written as a draft, opened to the vendors, and closed; every round stays readable. */
export const ROUND_STATES = ['draft', 'open', 'closed'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/** 未着手 / 設計 / 開発 / テスト / 提供開始済: where the standard-compliant system of one area stands. */
export const PHASES = ['notStarted', 'design', 'development', 'testing', 'available'] as const;
export type Phase = (typeof PHASES)[number];

/** 順調 / 遅延リスクあり / 遅延: anything but on track needs an explanation. */
export const TRACKS = ['onTrack', 'atRisk', 'delayed'] as const;
export type Track = (typeof TRACKS)[number];

/**
 * A report's state: `notStarted` (nothing saved: no document), `draft` (saved, never submitted or
 * being revised after a submission), `submitted`, `returned` (the secretariat asked for a correction;
 * it stays returned, editable, until submitted again).
 */
export const REPORT_STATES = ['notStarted', 'draft', 'submitted', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** 特定移行支援システムの事由 1–4, keyed as in the council data (shared/reference/council.json). */
export const SPECIAL_REASON_KEYS = ['mainframe', 'custom-built', 'vendor-withdrawal', 'vendor-resources'] as const;
export type SpecialReasonKey = (typeof SPECIAL_REASON_KEYS)[number];

export const STATUS_LIMITS = {
  titleLength: 120,
  noteLength: 4000,
  specVersionLength: 40,
  textLength: 4000,
  reasonLength: 1000,
  blockingIssues: 20,
  /** No vendor serves more municipalities in one area than there are in Japan (1,788). */
  municipalities: 1788,
} as const;

/** Fewer vendors than this in an area and its figures are withheld from those who may not see each vendor's. */
export const MIN_VENDORS_SHOWN = 3;

/** One business area of a report as it is typed: every field may still be empty in a draft. */
export interface AreaEntry {
  phase: Phase | null;
  specVersion: string;
  /** `YYYY-MM-DD`, a day in Japan. */
  plannedAvailability: string | null;
  actualAvailability: string | null;
  customers: number | null;
  migrated: number | null;
  plannedByFyEnd: number | null;
  plannedAfter: number | null;
  special: Record<SpecialReasonKey, number | null>;
  track: Track | null;
  explanation: string;
  risks: string;
  /** Register issue numbers (`2026-0012`) that block this area. */
  blockingIssues: string[];
}

export const emptyAreaEntry = (): AreaEntry => ({
  phase: null,
  specVersion: '',
  plannedAvailability: null,
  actualAvailability: null,
  customers: null,
  migrated: null,
  plannedByFyEnd: null,
  plannedAfter: null,
  special: { mainframe: null, 'custom-built': null, 'vendor-withdrawal': null, 'vendor-resources': null },
  track: null,
  explanation: '',
  risks: '',
  blockingIssues: [],
});

/** The area list of a report: the round's areas the organisation's profile names, plus those it added, minus those it removed. */
export function reportAreas(input: {
  roundAreas: readonly string[];
  profileAreas: readonly string[];
  added: readonly { area: string }[];
  removed: readonly { area: string }[];
}): BusinessAreaKey[] {
  const inRound = new Set(input.roundAreas);
  const removed = new Set(input.removed.map((r) => r.area));
  const chosen = new Set([...input.profileAreas, ...input.added.map((a) => a.area)]);
  return BUSINESS_AREAS.map((a) => a.key).filter((k) => inRound.has(k) && chosen.has(k) && !removed.has(k));
}

// ---- what is wrong with an area entry ---------------------------------------------------------------

export const PROBLEM_CODES = [
  'required',
  'explanationRequired',
  'sumExceedsCustomers',
  'specialExceedsCustomers',
  'actualRequired',
  'actualOnlyWhenAvailable',
  'actualInFuture',
  'noAreas',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One thing to fix, at a field path such as `areas.family-register.migrated` (or `areas` for the whole). */
export interface Problem {
  field: string;
  code: ProblemCode;
}

export const PROBLEM_MESSAGES: Record<ProblemCode, { ja: string; en: string }> = {
  required: { ja: '入力してください', en: 'required' },
  explanationRequired: { ja: '順調でない場合は理由を記入してください', en: 'explain why it is not on track' },
  sumExceedsCustomers: {
    ja: '移行済み・年度末までに移行予定・それ以降に移行予定の合計が顧客団体数を超えています',
    en: 'migrated + planned by FY-end + planned after must not exceed the customers',
  },
  specialExceedsCustomers: {
    ja: '特定移行支援システムの事由別の合計が顧客団体数を超えています',
    en: 'the reasons’ total must not exceed the customers',
  },
  actualRequired: { ja: '提供開始済の場合は提供開始日（実績）を入力してください', en: 'give the actual date of first availability' },
  actualOnlyWhenAvailable: {
    ja: '提供開始日（実績）は提供開始済の場合のみ入力できます',
    en: 'an actual date only when the phase is available',
  },
  actualInFuture: { ja: '提供開始日（実績）が未来の日付です', en: 'the actual date is in the future' },
  noAreas: { ja: '報告する業務がありません', en: 'the report has no business areas' },
};

export const problemMessage = (code: ProblemCode, language: string): string =>
  PROBLEM_MESSAGES[code][language.startsWith('en') ? 'en' : 'ja'];

const sum = (values: Array<number | null>) => values.reduce<number>((s, v) => s + (v ?? 0), 0);

/**
 * The cross-field rules of one area (the schema has checked types and ranges). `complete`: also
 * every required field, as a submission needs; a draft is told only of what contradicts itself.
 * `today` is the day in Japan (`YYYY-MM-DD`).
 */
export function areaProblems(area: string, e: AreaEntry, options: { complete: boolean; today: string }): Problem[] {
  const out: Problem[] = [];
  const at = (field: string, code: ProblemCode) => out.push({ field: `areas.${area}.${field}`, code });
  if (options.complete) {
    if (!e.phase) at('phase', 'required');
    if (!e.specVersion.trim()) at('specVersion', 'required');
    if (e.phase !== 'available' && !e.plannedAvailability) at('plannedAvailability', 'required');
    for (const f of ['customers', 'migrated', 'plannedByFyEnd', 'plannedAfter'] as const) if (e[f] === null) at(f, 'required');
    for (const k of SPECIAL_REASON_KEYS) if (e.special[k] === null) at(`special.${k}`, 'required');
    if (!e.track) at('track', 'required');
    if (e.phase === 'available' && !e.actualAvailability) at('actualAvailability', 'actualRequired');
  }
  if (e.track && e.track !== 'onTrack' && !e.explanation.trim()) at('explanation', 'explanationRequired');
  if (e.actualAvailability && e.phase && e.phase !== 'available') at('actualAvailability', 'actualOnlyWhenAvailable');
  if (e.actualAvailability && e.actualAvailability > options.today) at('actualAvailability', 'actualInFuture');
  if (e.customers !== null && sum([e.migrated, e.plannedByFyEnd, e.plannedAfter]) > e.customers) at('plannedAfter', 'sumExceedsCustomers');
  if (e.customers !== null && sum(SPECIAL_REASON_KEYS.map((k) => e.special[k])) > e.customers) at('special', 'specialExceedsCustomers');
  return out;
}

/** Every problem of a report's areas, in the order of the areas. */
export function reportProblems(
  areas: ReadonlyArray<{ area: string; entry: AreaEntry }>,
  options: { complete: boolean; today: string },
): Problem[] {
  if (options.complete && areas.length === 0) return [{ field: 'areas', code: 'noAreas' }];
  return areas.flatMap((a) => areaProblems(a.area, a.entry, options));
}
