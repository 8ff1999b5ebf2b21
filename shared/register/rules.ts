/**
 * The issue register's fixed vocabulary and rules (課題管理表): statuses and the only transitions
 * that exist, categories, priorities, the fiscal-year numbering, the responsible ministry derived
 * from business areas, and the one-year lead-time rule for law changes. Shared so the client shows
 * exactly what the server will accept.
 */
import { personaOf, type Actor } from '../domain';
import { DAY_MS, todayInJapan } from '../japanDates';
import { can } from '../permissions';
import { BUSINESS_AREAS, SPEC_REVISION_MIN_LEAD_DAYS, type BusinessAreaKey, type MinistryKey } from '../reference/council';

export const ISSUE_STATUSES = ['new', 'accepted', 'reviewing', 'answered', 'closed', 'rejected', 'duplicate'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

export const STATUS_LABELS: Record<IssueStatus, { ja: string; en: string }> = {
  new: { ja: '新規', en: 'New' },
  accepted: { ja: '受付', en: 'Accepted' },
  reviewing: { ja: '検討中', en: 'Under review' },
  answered: { ja: '回答済', en: 'Answered' },
  closed: { ja: '完了', en: 'Closed' },
  rejected: { ja: '却下', en: 'Rejected' },
  duplicate: { ja: '重複', en: 'Duplicate' },
};

/** Open issues still need work; the others are settled (and may be reopened by the secretariat). */
export const OPEN_STATUSES: readonly IssueStatus[] = ['new', 'accepted', 'reviewing', 'answered'];
export const isOpen = (status: IssueStatus) => OPEN_STATUSES.includes(status);

/**
 * The only transitions that exist (the secretariat makes them). `answered` is reached by publishing
 * an answer (or, once one exists, by this transition); `rejected` needs a reason, `duplicate` the
 * surviving issue; a settled issue is reopened to `accepted`.
 */
export const TRANSITIONS: Record<IssueStatus, readonly IssueStatus[]> = {
  new: ['accepted', 'rejected', 'duplicate'],
  accepted: ['reviewing', 'rejected', 'duplicate'],
  reviewing: ['answered', 'rejected', 'duplicate'],
  answered: ['closed', 'reviewing', 'rejected', 'duplicate'],
  closed: ['accepted'],
  rejected: ['accepted'],
  duplicate: ['accepted'],
};

export function allowedTransitions(from: IssueStatus): readonly IssueStatus[] {
  return TRANSITIONS[from];
}

export const ISSUE_CATEGORIES = ['spec', 'lawChange', 'migration', 'govCloud', 'performanceCost', 'scheduleResources', 'other'] as const;
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];
export const CATEGORY_LABELS: Record<IssueCategory, { ja: string; en: string }> = {
  spec: { ja: '標準仕様書の解釈・記載', en: 'Specification interpretation or defect' },
  lawChange: { ja: '制度改正対応', en: 'Law or system change' },
  migration: { ja: '移行・データ移行', en: 'Migration and data conversion' },
  govCloud: { ja: 'ガバメントクラウド', en: 'Government Cloud' },
  performanceCost: { ja: '性能・費用', en: 'Performance and cost' },
  scheduleResources: { ja: 'スケジュール・リソース', en: 'Schedule and staffing' },
  other: { ja: 'その他', en: 'Other' },
};

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, { ja: string; en: string }> = {
  high: { ja: '高', en: 'High' },
  medium: { ja: '中', en: 'Medium' },
  low: { ja: '低', en: 'Low' },
};

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The Japanese fiscal year (April–March, Japan time) a moment falls in: 2026-03-31 JST → 2025. */
export function fiscalYearOf(at: Date): number {
  const jst = new Date(at.getTime() + JST_OFFSET_MS);
  const year = jst.getUTCFullYear();
  return jst.getUTCMonth() >= 3 ? year : year - 1;
}

export function formatIssueNumber(fiscalYear: number, seq: number): string {
  return `${fiscalYear}-${String(seq).padStart(4, '0')}`;
}

/**
 * The ministry that answers for a set of business areas (council.json): the one responsible for
 * most of them; on a tie, the one of the first area listed.
 */
export function responsibleMinistry(areas: readonly BusinessAreaKey[]): MinistryKey | null {
  const counts = new Map<MinistryKey, number>();
  for (const key of areas) {
    const ministry = BUSINESS_AREAS.find((a) => a.key === key)?.ministry;
    if (ministry) counts.set(ministry, (counts.get(ministry) ?? 0) + 1);
  }
  let best: MinistryKey | null = null;
  for (const [ministry, n] of counts) if (best === null || n > counts.get(best)!) best = ministry;
  return best;
}

/**
 * Days between the revised specification's publication (or today, while it is unpublished) and the
 * law change's enforcement. The source's rule: at least a year (365 days). Null without an
 * enforcement date.
 */
export function leadTimeDays(enforcement: Date | null, specPublished: Date | null, today = todayInJapan()): number | null {
  if (!enforcement) return null;
  return Math.floor((enforcement.getTime() - (specPublished ?? today).getTime()) / DAY_MS);
}

export function isLeadTimeShort(days: number | null): boolean {
  return days !== null && days < SPEC_REVISION_MIN_LEAD_DAYS;
}

/** The latest day the revised specification may be published for a law change enforced on `enforcement`. */
export function specDeadlineOf(enforcement: Date | null): Date | null {
  return enforcement ? new Date(enforcement.getTime() - SPEC_REVISION_MIN_LEAD_DAYS * DAY_MS) : null;
}

/**
 * Spreadsheet formula injection: a cell that starts like a formula is prefixed so it stays text.
 * OWASP's list (= + - @, tab, CR), and their full-width forms ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D,
 * U+FF20): Japanese input methods type them, and spreadsheet applications may read them as the
 * ASCII ones.
 */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
}

/** Who made an issue–thread link: the person and their organisation. */
export interface LinkMaker {
  by: string;
  byOrganization: string | null;
}

/** A link is removed by its maker, their organisation's admin, or the secretariat (issue 16, finding 8). */
export function mayRemoveLink(actor: Actor, link: LinkMaker): boolean {
  if (!can(actor, 'issue.comment')) return false;
  if (link.by === actor.id || can(actor, 'moderate')) return true;
  return personaOf(actor) === 'vendorAdmin' && link.byOrganization === actor.organization.id;
}
