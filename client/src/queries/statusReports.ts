/**
 * 開発状況報告: the reads (on statusKeys), the writes, and what the live `status.changed` event makes
 * stale. A write stores what it returns (a round, a report) and marks the round's other views stale;
 * the draft saves, which come every few seconds while someone types, store their report only.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ReportState } from '@shared/statusReports/rules';
import type {
  AreaDrillDown,
  IssueCitations,
  Overview,
  Progress,
  Report,
  ReportDraftBody,
  ReportVersions,
  Reporters,
  Round,
  RoundCreateBody,
  RoundList,
  RoundUpdateBody,
  StatusReminder,
} from '@shared/schemas/statusReports';
import { api } from '@client/api';
import { getQuery } from './getQuery';
import { statusKeys } from './keys';

const roundPath = (roundId: string, rest = '') => `/api/status/rounds/${encodeURIComponent(roundId)}${rest}`;
const reportPath = (roundId: string, organizationId: string, rest = '') =>
  roundPath(roundId, `/reports/${encodeURIComponent(organizationId)}${rest}`);

/** Where the round downloads as Excel (a sheet per view and the raw rows) or as CSV (the raw rows). */
export const roundExportPath = (roundId: string, format: 'xlsx' | 'csv') => roundPath(roundId, `/export.${format}`);

export const statusQueries = {
  rounds: () => getQuery<RoundList>(statusKeys.lists, '/api/status/rounds'),
  round: (roundId: string) => getQuery<Round>(statusKeys.detail(roundId), roundPath(roundId)),
  overview: (roundId: string) => getQuery<Overview>(statusKeys.overview(roundId), roundPath(roundId, '/overview')),
  /** The secretariat's progress, all states or one; the rows on screen stay while another filter loads. */
  progress: (roundId: string, state: ReportState | null) =>
    getQuery<Progress>(statusKeys.progress(roundId, state), roundPath(roundId, `/progress${state ? `?state=${state}` : ''}`), {
      placeholderData: (previous) => previous,
    }),
  area: (roundId: string, area: string) =>
    getQuery<AreaDrillDown>(statusKeys.area(roundId, area), roundPath(roundId, `/areas/${encodeURIComponent(area)}`)),
  report: (roundId: string, organizationId: string) =>
    getQuery<Report>(statusKeys.report(roundId, organizationId), reportPath(roundId, organizationId)),
  versions: (roundId: string, organizationId: string) =>
    getQuery<ReportVersions>(statusKeys.versions(roundId, organizationId), reportPath(roundId, organizationId, '/versions')),
  citations: (issueId: string) =>
    getQuery<IssueCitations>(statusKeys.citations(issueId), `/api/issues/${encodeURIComponent(issueId)}/status-citations`),
  reporters: (organizationId: string) =>
    getQuery<Reporters>(statusKeys.reporters(organizationId), `/api/organizations/${encodeURIComponent(organizationId)}/status-reporters`),
};

export const useRounds = () => useQuery(statusQueries.rounds());
export const useRound = (roundId: string) => useQuery(statusQueries.round(roundId));
export const useOverview = (roundId: string, enabled = true) => useQuery({ ...statusQueries.overview(roundId), enabled });
export const useProgress = (roundId: string, state: ReportState | null, enabled = true) =>
  useQuery({ ...statusQueries.progress(roundId, state), enabled });
export const useAreaDrillDown = (roundId: string, area: string) => useQuery(statusQueries.area(roundId, area));
export const useReport = (roundId: string, organizationId: string) => useQuery(statusQueries.report(roundId, organizationId));
export const useReportVersions = (roundId: string, organizationId: string) => useQuery(statusQueries.versions(roundId, organizationId));
/** Off until the issue is shown; a refusal is not retried (the panel simply stays away). */
export const useIssueCitations = (issueId: string, enabled: boolean) =>
  useQuery({ ...statusQueries.citations(issueId), enabled, retry: false });
export const useReporters = (organizationId: string) => useQuery(statusQueries.reporters(organizationId));

/**
 * Something about one round changed. The round itself (opened, closed, a reminder): all its views and the
 * list. One organisation's report: the round's counts and progress, that report, and — only when the
 * figures that count changed (submitted or returned; a draft saved changes none of them) — the picture
 * and the versions; never another organisation's report.
 */
export function refetchRound(queryClient: QueryClient, change: { roundId: string; organizationId: string | null; state: string }): void {
  const { roundId, organizationId, state } = change;
  void queryClient.invalidateQueries({ queryKey: statusKeys.lists });
  if (organizationId === null) {
    void queryClient.invalidateQueries({ queryKey: statusKeys.round(roundId) });
    return;
  }
  const counted = state === 'submitted' || state === 'returned';
  const stale = new Set<string>(['detail', 'progress', ...(counted ? ['overview', 'area'] : [])]);
  void queryClient.invalidateQueries({
    queryKey: statusKeys.round(roundId),
    predicate: ({ queryKey: k }) =>
      stale.has(k[3] as string) || (k[4] === organizationId && (k[3] === 'report' || (counted && k[3] === 'versions'))),
  });
}

/** Put a round a write returned into its cache; its other views and the list are refetched. */
function storeRound(queryClient: QueryClient, round: Round): void {
  queryClient.setQueryData(statusKeys.detail(round.id), round);
  void queryClient.invalidateQueries({ queryKey: statusKeys.round(round.id), predicate: (q) => q.queryKey[3] !== 'detail' });
  void queryClient.invalidateQueries({ queryKey: statusKeys.lists });
}

export function useCreateRound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RoundCreateBody) => api.post<Round>('/api/status/rounds', body),
    onSuccess: (round) => storeRound(queryClient, round),
  });
}

export function useUpdateRound(roundId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RoundUpdateBody) => api.patch<Round>(roundPath(roundId), body),
    onSuccess: (round) => storeRound(queryClient, round),
  });
}

/** Open a draft round to the vendors, or close an open one (the secretariat's). */
export function useMoveRound(roundId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (move: 'open' | 'close') => api.post<Round>(roundPath(roundId, `/${move}`)),
    onSuccess: (round) => storeRound(queryClient, round),
  });
}

export function useRemindRound(roundId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<StatusReminder>(roundPath(roundId, '/remind')),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...statusKeys.round(roundId), 'progress'] }),
  });
}

/** Store a report a write returned; what counts it (the round, its progress, the list) is refetched. */
function storeReport(queryClient: QueryClient, report: Report, around: boolean): void {
  queryClient.setQueryData(statusKeys.report(report.round.id, report.organization.id), report);
  if (!around) return;
  void queryClient.invalidateQueries({
    queryKey: statusKeys.round(report.round.id),
    predicate: (q) => q.queryKey[3] !== 'report',
  });
  void queryClient.invalidateQueries({ queryKey: statusKeys.lists });
}

/**
 * One save of a draft as it is typed: the areas changed (whole), the comment, or the added and
 * removed lists. Only the report's cache is written (the form keeps what is being typed itself).
 */
export function useSaveDraft(roundId: string, organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReportDraftBody) => api.put<Report>(reportPath(roundId, organizationId, '/draft'), body),
    onSuccess: (report) => storeReport(queryClient, report, false),
  });
}

export function useSubmitReport(roundId: string, organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Report>(reportPath(roundId, organizationId, '/submit')),
    onSuccess: (report) => {
      storeReport(queryClient, report, true);
    },
  });
}

export function useReturnReport(roundId: string, organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.post<Report>(reportPath(roundId, organizationId, '/return'), { reason }),
    onSuccess: (report) => storeReport(queryClient, report, true),
  });
}

export function useSetReporters(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userIds: string[]) =>
      api.put<Reporters>(`/api/organizations/${encodeURIComponent(organizationId)}/status-reporters`, { userIds }),
    onSuccess: (reporters) => {
      queryClient.setQueryData(statusKeys.reporters(organizationId), reporters);
      // Whether a member may submit is part of that organisation's reports' abilities.
      void queryClient.invalidateQueries({
        queryKey: statusKeys.all,
        predicate: ({ queryKey: k }) => k[1] === 'round' && k[3] === 'report' && k[4] === organizationId,
      });
    },
  });
}
