/**
 * The statuses a result can carry, in the words of its own feature: a thread's 未解決/解決済み, an issue's,
 * a meeting's (its agenda and minutes share it), an announcement's, a status report's. The filter offers those of
 * the kinds chosen.
 */
import { useTranslation } from 'react-i18next';
import { ANNOUNCEMENT_STATUSES } from '@shared/announcements/rules';
import { MEETING_STATUSES, MEETING_STATUS_LABELS, type MeetingStatus } from '@shared/meetings/rules';
import { ISSUE_STATUSES, STATUS_LABELS, type IssueStatus } from '@shared/register/rules';
import type { SearchKind } from '@shared/schemas/search';
import type { ReportState } from '@shared/statusReports/rules';
import { useLanguage } from '@client/i18n/useLanguage';

const THREAD_STATUSES = ['open', 'resolved'] as const;
/** A stored report's states (`notStarted` is a report never saved: nothing to find). */
const REPORT_STATUSES = ['draft', 'submitted', 'returned'] as const satisfies readonly ReportState[];

/** Each feature with a status: the kinds that carry it and its statuses. */
const FEATURES = [
  { feature: 'thread', kinds: ['thread', 'message'], statuses: THREAD_STATUSES },
  { feature: 'issue', kinds: ['issue', 'comment', 'answer'], statuses: ISSUE_STATUSES },
  { feature: 'meeting', kinds: ['meeting', 'agenda', 'minutes'], statuses: MEETING_STATUSES },
  { feature: 'announcement', kinds: ['announcement'], statuses: ANNOUNCEMENT_STATUSES },
  { feature: 'statusReport', kinds: ['statusReport'], statuses: REPORT_STATUSES },
] as const satisfies ReadonlyArray<{ feature: SearchKind; kinds: readonly SearchKind[]; statuses: readonly string[] }>;

const has = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

export interface StatusGroup {
  feature: SearchKind;
  statuses: { value: string; label: string }[];
}

/** `status` of a result of `kind` in the reader's language (the raw value when it is not one we know). */
export function useStatusLabel(): (kind: SearchKind, status: string) => string {
  const { t } = useTranslation();
  const [language] = useLanguage();
  return (kind, status) => {
    const feature = FEATURES.find((f) => has(f.kinds, kind))?.feature;
    if (feature === 'thread' && has(THREAD_STATUSES, status)) return t(`search.threadStatus.${status}`);
    if (feature === 'issue' && has<IssueStatus>(ISSUE_STATUSES, status)) return STATUS_LABELS[status][language];
    if (feature === 'meeting' && has<MeetingStatus>(MEETING_STATUSES, status)) return MEETING_STATUS_LABELS[status][language];
    if (feature === 'announcement' && has(ANNOUNCEMENT_STATUSES, status)) return t(`announcements.status.${status}`);
    if (feature === 'statusReport' && has(REPORT_STATUSES, status)) return t(`status.reportState.${status}`);
    return status;
  };
}

/** The features whose statuses are offered for these kinds (all when none are chosen). */
const featuresFor = (kinds: readonly SearchKind[] | undefined) =>
  FEATURES.filter((f) => !kinds?.length || f.kinds.some((k) => kinds.includes(k)));

/** Whether the status filter still means something once these kinds are chosen. */
export const isOfferedStatus = (kinds: readonly SearchKind[] | undefined, status: string) =>
  featuresFor(kinds).some((f) => has(f.statuses, status));

/**
 * The statuses to offer for these kinds (all kinds when none are chosen), grouped by feature. A value two features
 * share (a meeting's and an announcement's 下書き) is offered once: the filter matches it in both.
 */
export function useStatusGroups(kinds: readonly SearchKind[] | undefined): StatusGroup[] {
  const label = useStatusLabel();
  const seen = new Set<string>();
  return featuresFor(kinds)
    .map(({ feature, statuses }) => ({
      feature,
      statuses: statuses.filter((s) => !seen.has(s) && seen.add(s)).map((value) => ({ value, label: label(feature, value) })),
    }))
    .filter((group) => group.statuses.length > 0);
}
