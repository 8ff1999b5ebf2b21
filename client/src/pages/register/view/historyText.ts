/**
 * How a history entry reads: what happened, and for each changed field its name and the old and
 * new values in the reader's words (status and category labels, ministry and area names, dates).
 */
import { formatDate } from '@client/format/dates';
import { ISSUE_CATEGORIES, ISSUE_STATUSES, PRIORITIES } from '@shared/register/rules';
import type { HistoryEntry } from '@shared/schemas/issues';
import type { RegisterLabels } from '../common/labels';
import { parseDateOnly } from '../common/dates';
import { registerJa } from '@client/i18n/register.ja';
import type { RegisterT } from '../useRegisterT';

const DATE_FIELDS = new Set(['dueDate', 'lawEnforcementDate', 'specPublishedDate']);
/** Long texts: the timeline says they changed; the page shows the current wording. */
const TEXT_FIELDS = new Set(['description', 'answer']);
/** The fields the timeline has a name for (the keys of register.history.fields). */
type KnownField = keyof typeof registerJa.history.fields;
const isKnownField = (field: string): field is KnownField => field in registerJa.history.fields;

const isOneOf = <T extends string>(known: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (known as readonly string[]).includes(value);

export function fieldLabel(field: string, rt: RegisterT): string {
  return isKnownField(field) ? rt(`register.history.fields.${field}`) : field;
}

/** The value as a reader says it; null when the field's values are not shown (long texts). */
export function valueText(field: string, value: unknown, labels: RegisterLabels, rt: RegisterT): string | null {
  if (TEXT_FIELDS.has(field)) return null;
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    return rt('register.common.notSet');
  if (field === 'assignee' && typeof value === 'object' && 'displayName' in value) return String(value.displayName);
  // A linked thread comes named, or hidden from a reader who may not read it (server/issues/history.ts).
  if (field === 'thread' && typeof value === 'object') return 'title' in value ? String(value.title) : rt('register.common.hiddenThread');
  if (field === 'status' && isOneOf(ISSUE_STATUSES, value)) return labels.status(value);
  if (field === 'category' && isOneOf(ISSUE_CATEGORIES, value)) return labels.category(value);
  if (field === 'priority' && isOneOf(PRIORITIES, value)) return labels.priority(value);
  if (field === 'ministry' && typeof value === 'string') return labels.ministry(value);
  if (field === 'specialReason' && typeof value === 'string')
    return labels.language === 'ja'
      ? `${labels.reasonShort(value)}（${labels.reasonText(value)}）`
      : `${labels.reasonShort(value)} (${labels.reasonText(value)})`;
  if (field === 'businessAreas' && Array.isArray(value))
    return value.map((key) => labels.area(String(key))).join(labels.language === 'ja' ? '、' : ', ');
  if (DATE_FIELDS.has(field) && typeof value === 'string') {
    const date = parseDateOnly(value);
    return date ? formatDate(date.toISOString(), labels.language) : value;
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** The sentence for the entry as a whole: 状態を変更しました, コメントしました … */
export function entrySummary(entry: HistoryEntry, rt: RegisterT): string {
  return rt(`register.history.types.${entry.type}`);
}

/** Notes the server writes in fixed words, in the reader's words; anything else (a reason) as written. */
const FIXED_NOTES: Record<string, `register.history.notes.${keyof typeof registerJa.history.notes}`> = {
  'official answer published': 'register.history.notes.answerPublished',
  reopened: 'register.history.notes.reopened',
};

export function noteText(note: string, rt: RegisterT): string {
  const key = FIXED_NOTES[note];
  return key ? rt(key) : note;
}
