/**
 * The issue register (課題管理表): its reads (on issueKeys), writes, and how an issue, comment,
 * history entry or support change (from our own request or pushed by the server) is written into
 * the caches in place.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  AnswerDraft,
  AnswerDrafts,
  HistoryEntry,
  Issue,
  IssueBulkBody,
  IssueBulkResult,
  IssueComment,
  IssueCreateBody,
  IssueDetail,
  IssueFollow,
  IssueLink,
  IssueList,
  IssueListQuery,
  IssueNote,
  IssueNotes,
  IssueRef,
  IssueUpdateBody,
  RegisterStats,
  SupportResult,
  TransitionBody,
} from '@shared/schemas/issues';
import { OPEN_STATUSES, TRANSITIONS } from '@shared/register/rules';
import type { Me } from '@shared/schemas/users';
import { registerQueryString } from '@shared/register/viewQuery';
import type { SubscriptionState } from '@shared/threads/rules';
import { api, apiRequest } from '@client/api';
import { getQuery } from './getQuery';
import { issueKeys, meKeys } from './keys';

/** What a list view asks for: the filters, the order and the page (as the URL holds them). */
export type IssueListParams = Omit<Partial<IssueListQuery>, 'sort' | 'page' | 'pageSize'> &
  Pick<IssueListQuery, 'sort' | 'page' | 'pageSize'>;
/** The filters alone, which an export takes too. */
export type IssueFilterParams = Omit<IssueListParams, 'page' | 'pageSize'>;

const issuePath = (id: string) => `/api/issues/${encodeURIComponent(id)}`;

/** The query string the server reads (lists are comma-separated); used by the list and the exports. */
export function issueSearchParams(params: Partial<IssueListParams>): URLSearchParams {
  return new URLSearchParams(registerQueryString(params));
}

/** An issue as the pages that link to it show it: number, title and status. */
export type LinkedIssue = IssueRef & Pick<Issue, 'status'>;

/** The register's reads; hooks and cache writers take their keys and fetches from here. */
export const issueQueries = {
  list: (params: IssueListParams) =>
    getQuery<IssueList>(issueKeys.list(params), `/api/issues?${issueSearchParams(params).toString()}`, {
      // Changing a filter or the page keeps the old rows on screen until the new ones arrive.
      placeholderData: keepPreviousData,
    }),
  /** A few issues matching `q` (number or words), newest first, for the pickers; off while `q` is blank. */
  search: (q: string) => {
    const text = q.trim();
    const query = issueSearchParams({ q: text, sort: '-number', pageSize: 10 });
    return getQuery<IssueList>(issueKeys.search(text), `/api/issues?${query.toString()}`, { enabled: text.length > 0, staleTime: 10_000 });
  },
  detail: (id: string) => getQuery<IssueDetail>(issueKeys.detail(id), issuePath(id)),
  answerDrafts: (id: string, enabled: boolean) =>
    getQuery<AnswerDrafts>(issueKeys.answerDrafts(id), `${issuePath(id)}/answer-drafts`, { enabled }),
  stats: () => getQuery<RegisterStats>(issueKeys.stats, '/api/issues/stats'),
  /** The issues linked to a thread (the link is made from the issue's page), for the thread's page. */
  linkedToThread: (threadId: string) =>
    getQuery<{ issues: LinkedIssue[] }>(issueKeys.linkedToThread(threadId), `/api/threads/${encodeURIComponent(threadId)}/issues`),
};

export const useIssueList = (params: IssueListParams) => useQuery(issueQueries.list(params));
export const useIssueSearch = (q: string) => useQuery(issueQueries.search(q));
export const useIssueDetail = (id: string) => useQuery(issueQueries.detail(id));
export const useRegisterStats = () => useQuery(issueQueries.stats());
export const useLinkedIssues = (threadId: string) => useQuery(issueQueries.linkedToThread(threadId));
export const useAnswerDrafts = (id: string, enabled: boolean) => useQuery(issueQueries.answerDrafts(id, enabled));
/** 事務局メモ (the secretariat only: server/issues/notes.ts). */
export const useIssueNotes = (id: string) => useQuery(getQuery<IssueNotes>(issueKeys.notes(id), `${issuePath(id)}/notes`));

export function useAddNote(issueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.post<IssueNote>(`${issuePath(issueId)}/notes`, { body }),
    onSuccess: (note) => queryClient.setQueryData<IssueNotes>(issueKeys.notes(issueId), (d) => d && { notes: [...d.notes, note] }),
  });
}

// ---- Writes ---------------------------------------------------------------------------------

export function useRaiseIssue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IssueCreateBody) => api.post<Issue>('/api/issues', body),
    onSuccess: () => markRegisterStale(queryClient),
  });
}

export function useUpdateIssue(issueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: IssueUpdateBody) => api.patch<Issue>(issuePath(issueId), change),
    onSuccess: (issue) => storeIssue(queryClient, issue),
  });
}

export function useTransitionIssue(issueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionBody) => api.post<Issue>(`${issuePath(issueId)}/transition`, body),
    onSuccess(issue, body) {
      storeIssue(queryClient, issue);
      // Marking a duplicate moves its supporters to the surviving issue, which we may hold.
      if (body.duplicateOf) void queryClient.invalidateQueries({ queryKey: issueKeys.detail(body.duplicateOf), exact: true });
    },
  });
}

/** 一括操作 (the secretariat): the register and the changed issues are read again; live updates follow too. */
export function useBulkChangeIssues() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IssueBulkBody) => api.post<IssueBulkResult>('/api/issues/bulk', body),
    onSuccess(result) {
      markRegisterStale(queryClient);
      for (const r of result.results) if (r.ok) void queryClient.invalidateQueries({ queryKey: issueKeys.detail(r.id), exact: true });
    },
  });
}

/** 同様の課題あり: our organisation says it has this problem too (on), or withdraws that (off). */
export function useSupportIssue(issueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => apiRequest<SupportResult>(`${issuePath(issueId)}/support`, { method: on ? 'PUT' : 'DELETE' }),
    onSuccess: (result, on) => {
      storeSupport(queryClient, result);
      if (on) followedByTakingPart(queryClient, issueId);
    },
  });
}

/** Follow, leave to normal or mute an issue (PUT /api/issues/:id/follow); the "following" lists change. */
export function useFollowIssue(issueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (state: SubscriptionState) => api.put<IssueFollow>(`${issuePath(issueId)}/follow`, { state }),
    onSuccess: ({ state }) => {
      queryClient.setQueryData<IssueDetail>(issueKeys.detail(issueId), (d) => d && { ...d, follow: state });
      void queryClient.invalidateQueries({ queryKey: issueKeys.lists });
    },
  });
}

/** Supporting or commenting follows the issue on the server, unless it is muted: the page shows the same. */
function followedByTakingPart(queryClient: QueryClient, issueId: string): void {
  queryClient.setQueryData<IssueDetail>(issueKeys.detail(issueId), (d) => d && (d.follow === 'normal' ? { ...d, follow: 'following' } : d));
}

export function useAddComment(issueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.post<IssueComment>(`${issuePath(issueId)}/comments`, { body }),
    onSuccess: (comment) => {
      storeComment(queryClient, comment);
      followedByTakingPart(queryClient, issueId);
    },
  });
}

/** Publish an official answer (公式回答); the server moves the issue to 回答済. */
export function useAddAnswer(issueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.post<IssueComment>(`${issuePath(issueId)}/answers`, { body }),
    onSuccess: (answer) => {
      storeComment(queryClient, answer);
      // Publishing discards the organisation's draft (server/issues/answerDrafts.ts).
      void queryClient.invalidateQueries({ queryKey: issueKeys.answerDrafts(issueId) });
    },
  });
}

/** Save (a text) or discard (null) one's organisation's draft of an official answer. */
export function useAnswerDraft(issueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string | null): Promise<AnswerDraft | { discarded: boolean }> =>
      body === null
        ? api.delete<{ discarded: boolean }>(`${issuePath(issueId)}/answer-draft`)
        : api.put<AnswerDraft>(`${issuePath(issueId)}/answer-draft`, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: issueKeys.answerDrafts(issueId) }),
  });
}

export function useEditAnswer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ answerId, body }: { answerId: string; body: string }) =>
      api.patch<IssueComment>(`/api/issue-answers/${encodeURIComponent(answerId)}`, { body }),
    onSuccess: (answer) => storeComment(queryClient, answer),
  });
}

export function useThreadLink(issueId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ threadId, on }: { threadId: string; on: boolean }) =>
      on
        ? api.post<{ links: IssueLink[] }>(`${issuePath(issueId)}/links`, { kind: 'thread', id: threadId })
        : apiRequest<{ links: IssueLink[] }>(`${issuePath(issueId)}/links/thread/${encodeURIComponent(threadId)}`, { method: 'DELETE' }),
    onSuccess({ links }, { threadId }) {
      queryClient.setQueryData<IssueDetail>(issueKeys.detail(issueId), (detail) => detail && { ...detail, links });
      // The thread's page lists the issues linked to it: the other end of this link.
      void queryClient.invalidateQueries({ queryKey: issueKeys.linkedToThread(threadId), exact: true });
    },
  });
}

// ---- Writing issues into the caches ---------------------------------------------------------

/**
 * Some pushes present an issue without its duplicate reference (the server omits the look-up
 * there); a duplicate keeps the reference we already hold rather than losing its link.
 */
function keepDuplicateRef(next: Issue, held: Issue | undefined): Issue {
  if (next.status === 'duplicate' && next.duplicateOf === null && held?.duplicateOf) return { ...next, duplicateOf: held.duplicateOf };
  return next;
}

/** Full-width and half-width, upper and lower case all match each other (as the server's search does, roughly). */
const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/**
 * Whether a list with these filters could show the issue. Text search is judged on the number
 * and title only (the description is not in a row); a miss there only delays a refresh.
 */
export function couldListShow(issue: Issue, params: IssueFilterParams): boolean {
  const within = <T>(values: readonly T[] | undefined, value: T) => !values?.length || values.includes(value);
  const text = fold(`${issue.number} ${issue.title}`);
  return (
    within(params.status, issue.status) &&
    (!params.businessArea?.length || issue.businessAreas.some((a) => params.businessArea!.includes(a))) &&
    within(params.category, issue.category) &&
    (!params.reason?.length || (issue.specialReason !== null && params.reason.includes(issue.specialReason))) &&
    (!params.ministry?.length || (issue.ministry !== null && params.ministry.includes(issue.ministry))) &&
    (params.organization === undefined || issue.raisedBy.organization.id === params.organization) &&
    (params.open === undefined || params.open === OPEN_STATUSES.includes(issue.status)) &&
    (params.hasAnswer === undefined || params.hasAnswer === issue.answerCount > 0) &&
    (params.overdue === undefined || params.overdue === issue.overdue) &&
    (params.leadTimeShort === undefined || params.leadTimeShort === issue.leadTimeShort) &&
    // The personal filters (mine, following) are the server's to judge: such a list is refreshed instead.
    (!params.q ||
      params.q
        .split(/\s+/u)
        .filter(Boolean)
        .every((word) => text.includes(fold(word))))
  );
}

/**
 * A changed issue (issue.updated, or our own write): its detail, and its row wherever a loaded
 * page shows it, changed in place (a row does not jump away while someone reads the page).
 * A list it has left, or one that does not show it but whose filters it now matches, is marked
 * stale; returns whether there was one of the latter, so the caller can refresh what is on screen.
 */
export function storeIssue(queryClient: QueryClient, issue: Issue): boolean {
  queryClient.setQueryData<IssueDetail>(issueKeys.detail(issue.id), (detail) => {
    if (!detail) return detail;
    // Only the secretariat is offered transitions; the status decides which.
    const allowedTransitions = detail.allowedTransitions.length > 0 ? [...TRANSITIONS[issue.status]] : [];
    return { ...detail, issue: keepDuplicateRef(issue, detail.issue), allowedTransitions };
  });
  let missing = false;
  for (const [key, list] of queryClient.getQueriesData<IssueList>({ queryKey: issueKeys.lists })) {
    if (!list) continue;
    const matches = couldListShow(issue, key[2] as IssueListParams);
    if (list.issues.some((row) => row.id === issue.id)) {
      queryClient.setQueryData<IssueList>(key, {
        ...list,
        issues: list.issues.map((row) => (row.id === issue.id ? keepDuplicateRef(issue, row) : row)),
      });
      // It stays on screen, but the list no longer holds it: fetched again when next shown.
      if (!matches) void queryClient.invalidateQueries({ queryKey: key, exact: true, refetchType: 'none' });
    } else if (matches) {
      missing = true;
      void queryClient.invalidateQueries({ queryKey: key, exact: true, refetchType: 'none' });
    }
  }
  return missing;
}

/** A new issue, or a change that can move issues between pages and figures: lists and stats are due again. */
export function markRegisterStale(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: issueKeys.lists });
  void queryClient.invalidateQueries({ queryKey: issueKeys.stats });
}

/** A comment or official answer, new or edited (issue.comment, or our own post). */
export function storeComment(queryClient: QueryClient, comment: IssueComment): void {
  queryClient.setQueryData<IssueDetail>(issueKeys.detail(comment.issueId), (detail) => {
    if (!detail) return detail;
    const known = detail.comments.some((c) => c.id === comment.id);
    const comments = known ? detail.comments.map((c) => (c.id === comment.id ? comment : c)) : [...detail.comments, comment];
    return { ...detail, comments };
  });
}

export function storeHistory(queryClient: QueryClient, issueId: string, entry: HistoryEntry): void {
  queryClient.setQueryData<IssueDetail>(issueKeys.detail(issueId), (detail) => {
    if (!detail || detail.history.some((h) => h.id === entry.id)) return detail;
    return { ...detail, history: [...detail.history, entry] };
  });
}

/** Who supports an issue changed; whether "we" do is read off the list by our organisation. */
export function storeSupport(queryClient: QueryClient, result: Omit<SupportResult, 'supportedByMe'> & { supportedByMe?: boolean }): void {
  const me = queryClient.getQueryData<Me | null>(meKeys.me);
  queryClient.setQueryData<IssueDetail>(issueKeys.detail(result.issueId), (detail) => {
    if (!detail) return detail;
    const supportedByMe = result.supportedByMe ?? result.supporters.some((org) => org.id === me?.organization.id);
    return { ...detail, supporters: result.supporters, supportedByMe, issue: { ...detail.issue, supportCount: result.supportCount } };
  });
}
