/**
 * One business area of a report as the form holds it: numbers and issue numbers as typed (so
 * 「１２」 or 「1.5」 can be explained rather than lost), and the AreaEntry the server takes, with what
 * stops it from being one. An area with such a mistake is not saved until it is put right: nothing
 * half-saved.
 */
import { AreaEntry as AreaEntrySchema } from '@shared/schemas/statusReports';
import {
  SPECIAL_REASON_KEYS,
  STATUS_LIMITS,
  type AreaEntry,
  type Phase,
  type SpecialReasonKey,
  type Track,
} from '@shared/statusReports/rules';

export const COUNT_FIELDS = ['customers', 'migrated', 'plannedByFyEnd', 'plannedAfter'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

export interface AreaForm {
  phase: Phase | null;
  specVersion: string;
  /** `YYYY-MM-DD` from a date input, or '' for none. */
  plannedAvailability: string;
  actualAvailability: string;
  customers: string;
  migrated: string;
  plannedByFyEnd: string;
  plannedAfter: string;
  special: Record<SpecialReasonKey, string>;
  track: Track | null;
  explanation: string;
  risks: string;
  /** Issue numbers as typed: 「2026-0012, 2026-0040」. */
  blockingIssues: string;
}

/** Why a typed value is not yet what the server takes (the form phrases each). */
export type InputProblem = 'notNumber' | 'notWhole' | 'negative' | 'tooMany' | 'issueFormat' | 'tooManyIssues' | 'tooLong';

const text = (n: number | null) => (n === null ? '' : String(n));

export function formOf(entry: AreaEntry): AreaForm {
  return {
    phase: entry.phase,
    specVersion: entry.specVersion,
    plannedAvailability: entry.plannedAvailability ?? '',
    actualAvailability: entry.actualAvailability ?? '',
    customers: text(entry.customers),
    migrated: text(entry.migrated),
    plannedByFyEnd: text(entry.plannedByFyEnd),
    plannedAfter: text(entry.plannedAfter),
    special: Object.fromEntries(SPECIAL_REASON_KEYS.map((k) => [k, text(entry.special[k])])) as Record<SpecialReasonKey, string>,
    track: entry.track,
    explanation: entry.explanation,
    risks: entry.risks,
    blockingIssues: entry.blockingIssues.join(', '),
  };
}

/** Full-width digits and signs (typed with a Japanese IME) as ASCII; separators of thousands dropped. */
const normalized = (value: string) => value.normalize('NFKC').replace(/[,，]/g, '').trim();

/** A count as typed: empty is null (a draft may leave it), anything else a whole number from 0 to 1,788. */
export function parseCount(raw: string): { value: number | null; problem?: InputProblem } {
  const value = normalized(raw).replace(/^[−ー]/, '-');
  if (value === '') return { value: null };
  if (/^-?\d+\.\d*$/.test(value)) return { value: null, problem: 'notWhole' };
  if (!/^-?\d+$/.test(value)) return { value: null, problem: 'notNumber' };
  const n = Number(value);
  if (n < 0) return { value: null, problem: 'negative' };
  if (n > STATUS_LIMITS.municipalities) return { value: null, problem: 'tooMany' };
  return { value: n };
}

/** Issue numbers as typed, separated by commas, 、 or spaces; each `2026-0012`; each once. */
export function parseIssueNumbers(raw: string): { value: string[]; problem?: InputProblem } {
  const parts = normalized(raw.replace(/[、，,\s]+/g, ' '))
    .split(' ')
    .map((p) => p.replace(/^#/, ''))
    .filter(Boolean);
  const unique = [...new Set(parts)];
  if (unique.some((p) => !/^\d{4}-\d{4}$/.test(p))) return { value: unique.filter((p) => /^\d{4}-\d{4}$/.test(p)), problem: 'issueFormat' };
  if (unique.length > STATUS_LIMITS.blockingIssues) return { value: unique, problem: 'tooManyIssues' };
  return { value: unique };
}

/** Where a problem at `path` shows: its field (`blockingIssues.2` → `blockingIssues`), a reason's count by itself. */
export function displayField(path: string): string {
  const [first = '', second] = path.split('.');
  return first === 'special' && second ? `special.${second}` : first;
}

/**
 * The entry the server takes, and the problems (keyed by field: `customers`, `special.mainframe`)
 * that keep the form from sending it. The shared schema checks what the parsing does not (lengths).
 */
export function entryOf(form: AreaForm): { entry: AreaEntry; problems: Record<string, InputProblem> } {
  const problems: Record<string, InputProblem> = {};
  const count = (field: string, raw: string) => {
    const parsed = parseCount(raw);
    if (parsed.problem) problems[field] = parsed.problem;
    return parsed.value;
  };
  const issues = parseIssueNumbers(form.blockingIssues);
  if (issues.problem) problems.blockingIssues = issues.problem;
  const entry: AreaEntry = {
    phase: form.phase,
    specVersion: form.specVersion.trim(),
    plannedAvailability: form.plannedAvailability || null,
    actualAvailability: form.actualAvailability || null,
    customers: count('customers', form.customers),
    migrated: count('migrated', form.migrated),
    plannedByFyEnd: count('plannedByFyEnd', form.plannedByFyEnd),
    plannedAfter: count('plannedAfter', form.plannedAfter),
    special: Object.fromEntries(SPECIAL_REASON_KEYS.map((k) => [k, count(`special.${k}`, form.special[k])])) as AreaEntry['special'],
    track: form.track,
    explanation: form.explanation,
    risks: form.risks,
    blockingIssues: issues.value,
  };
  const checked = AreaEntrySchema.safeParse(entry);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = displayField(issue.path.map(String).join('.'));
      problems[key] ??= issue.code === 'too_big' ? 'tooLong' : 'notNumber';
    }
  }
  return { entry, problems };
}
