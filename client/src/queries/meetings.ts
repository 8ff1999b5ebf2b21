/**
 * Meetings (全体会議・課題協議会議): their query keys, reads, writes, and how a meeting returned by a
 * write (or announced by the server) is put into the caches in place.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MeetingKind, RsvpResponse } from '@shared/meetings/rules';
import type {
  ActionItemList,
  Attendance,
  CalendarToken,
  Meeting,
  MeetingCreateBody,
  MeetingStatusBody,
  MeetingSummary,
  MeetingUpdateBody,
  MinutesBody,
} from '@shared/schemas/meetings';
import type { IssueDetail, IssueList } from '@shared/schemas/issues';
import type { ThreadList } from '@shared/schemas/threads';
import { api, apiRequest } from '@client/api';

export type MeetingWhen = 'upcoming' | 'past' | 'all';
export interface MeetingListFilters {
  when: MeetingWhen;
  /** Only meetings the reader's organisation is invited to. */
  mine?: boolean;
  kind?: MeetingKind;
}
export type StatusMove = z.infer<typeof MeetingStatusBody>['to'];
export type IssueRef = { id: string; number: string; title: string };
export type ThreadRef = { id: string; title: string };

/** This feature's keys; every key starts with 'meetings' so nothing else shares its caches. */
export const meetingKeys = {
  all: ['meetings'] as const,
  lists: ['meetings', 'list'] as const,
  list: (filters: MeetingListFilters) => ['meetings', 'list', filters] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
  attendance: (id: string) => ['meetings', 'attendance', id] as const,
  actionItems: ['meetings', 'actionItems'] as const,
  /** Pickers in the meeting and minutes forms, kept apart from the register's and threads' caches. */
  issueSearch: (q: string) => ['meetings', 'issueSearch', q] as const,
  issueRef: (id: string) => ['meetings', 'issueRef', id] as const,
  recentThreads: ['meetings', 'recentThreads'] as const,
};

const meetingPath = (id: string, rest = '') => `/api/meetings/${encodeURIComponent(id)}${rest}`;

function listPath(filters: MeetingListFilters): string {
  const query = new URLSearchParams({ when: filters.when });
  if (filters.mine) query.set('mine', 'true');
  if (filters.kind) query.set('kind', filters.kind);
  return `/api/meetings?${query.toString()}`;
}

export function useMeetingList(filters: MeetingListFilters) {
  return useQuery({
    queryKey: meetingKeys.list(filters),
    queryFn: ({ signal }) => api.get<{ meetings: MeetingSummary[] }>(listPath(filters), signal),
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: meetingKeys.detail(id),
    queryFn: ({ signal }) => api.get<Meeting>(meetingPath(id), signal),
  });
}

/** The secretariat's attendance list (others are refused with 403). */
export function useAttendance(id: string) {
  return useQuery({
    queryKey: meetingKeys.attendance(id),
    queryFn: ({ signal }) => api.get<Attendance>(meetingPath(id, '/attendance'), signal),
  });
}

export function useActionItems() {
  return useQuery({
    queryKey: meetingKeys.actionItems,
    queryFn: ({ signal }) => api.get<z.infer<typeof ActionItemList>>('/api/action-items', signal),
  });
}

/** Put a meeting a write returned into its detail cache; lists show summaries, so they refetch. */
export function storeMeeting(queryClient: QueryClient, meeting: Meeting): void {
  queryClient.setQueryData(meetingKeys.detail(meeting.id), meeting);
  void queryClient.invalidateQueries({ queryKey: meetingKeys.lists });
}

/** The server said a meeting changed (status, agenda, materials, minutes): fetch exactly that again. */
export function refetchMeeting(queryClient: QueryClient, meetingId: string): void {
  void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId), exact: true });
  void queryClient.invalidateQueries({ queryKey: meetingKeys.lists });
}

export function useCreateMeeting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingCreateBody) => api.post<Meeting>('/api/meetings', body),
    onSuccess: (meeting) => storeMeeting(queryClient, meeting),
  });
}

export function useUpdateMeeting(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingUpdateBody) => api.patch<Meeting>(meetingPath(id), body),
    onSuccess: (meeting) => storeMeeting(queryClient, meeting),
  });
}

export function useSetMeetingStatus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (to: StatusMove) => api.post<Meeting>(meetingPath(id, '/status'), { to }),
    onSuccess: (meeting) => storeMeeting(queryClient, meeting),
  });
}

export function useRsvp(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (response: RsvpResponse) => apiRequest<MeetingSummary>(meetingPath(id, '/rsvp'), { method: 'PUT', body: { response } }),
    onSuccess(summary) {
      // The answer comes back as a summary: merge it into the detail rather than fetch it all again.
      queryClient.setQueryData<Meeting>(meetingKeys.detail(id), (old) => (old ? { ...old, ...summary } : old));
      void queryClient.invalidateQueries({ queryKey: meetingKeys.lists });
      void queryClient.invalidateQueries({ queryKey: meetingKeys.attendance(id), exact: true });
    },
  });
}

export function useAddMaterial(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { attachmentId: string; agendaItemId: string | null }) => api.post<Meeting>(meetingPath(id, '/materials'), body),
    onSuccess: (meeting) => storeMeeting(queryClient, meeting),
  });
}

export function useRemoveMaterial(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) => apiRequest<Meeting>(meetingPath(id, `/materials/${encodeURIComponent(attachmentId)}`), { method: 'DELETE' }),
    onSuccess: (meeting) => storeMeeting(queryClient, meeting),
  });
}

export function useSaveMinutes(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MinutesBody) => apiRequest<Meeting>(meetingPath(id, '/minutes'), { method: 'PUT', body }),
    onSuccess: (meeting) => storeMeeting(queryClient, meeting),
  });
}

export function useCirculateMinutes(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Meeting>(meetingPath(id, '/minutes/circulate')),
    onSuccess: (meeting) => storeMeeting(queryClient, meeting),
  });
}

/** A presenting organisation confirms the circulated draft (no comment) or comments on it. */
export function useConfirmMinutes(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (comment: string | null) => api.post<Meeting>(meetingPath(id, '/minutes/confirm'), { comment }),
    onSuccess: (meeting) => storeMeeting(queryClient, meeting),
  });
}

export function usePublishMinutes(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Meeting>(meetingPath(id, '/minutes/publish')),
    onSuccess(meeting) {
      storeMeeting(queryClient, meeting);
      // Publishing creates the action items everyone's panel lists.
      void queryClient.invalidateQueries({ queryKey: meetingKeys.actionItems });
    },
  });
}

export function useIssueCalendarToken() {
  return useMutation({ mutationFn: () => api.post<z.infer<typeof CalendarToken>>('/api/me/calendar-token') });
}

export function useRevokeCalendarToken() {
  return useMutation({ mutationFn: () => apiRequest<void>('/api/me/calendar-token', { method: 'DELETE' }) });
}

/** Up to ten register issues matching `q` (a number like 2025-0012, or words of the title). */
export function useIssueSearch(q: string) {
  const trimmed = q.trim();
  return useQuery({
    queryKey: meetingKeys.issueSearch(trimmed),
    queryFn: async ({ signal }): Promise<IssueRef[]> => {
      const query = new URLSearchParams({ q: trimmed, pageSize: '10' });
      const { issues } = await api.get<IssueList>(`/api/issues?${query.toString()}`, signal);
      return issues.map(({ id, number, title }) => ({ id, number, title }));
    },
    enabled: trimmed.length > 0,
    staleTime: 60_000,
  });
}

/** The number and title of one issue a saved decision points to, when nothing on the page names it. */
export function useIssueRef(id: string | null) {
  return useQuery({
    queryKey: meetingKeys.issueRef(id ?? ''),
    queryFn: async ({ signal }): Promise<IssueRef> => {
      const { issue } = await api.get<IssueDetail>(`/api/issues/${encodeURIComponent(id ?? '')}`, signal);
      return { id: issue.id, number: issue.number, title: issue.title };
    },
    enabled: id !== null,
    staleTime: 5 * 60_000,
  });
}

/** The most recently active threads the secretariat may link to an agenda item. */
export function useRecentThreads() {
  return useQuery({
    queryKey: meetingKeys.recentThreads,
    queryFn: async ({ signal }): Promise<ThreadRef[]> => {
      const { threads } = await api.get<ThreadList>('/api/threads?limit=50', signal);
      return threads.map(({ id, title }) => ({ id, title }));
    },
    staleTime: 60_000,
  });
}
