/**
 * Meetings (全体会議・課題協議会議): their reads (on meetingKeys), writes, and how a meeting returned
 * by a write (or announced by the server) is put into the caches in place.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MeetingKind, RsvpResponse } from '@shared/meetings/rules';
import type {
  ActionItemList,
  Attendance,
  AttendeeProposal,
  CalendarToken,
  Meeting,
  MeetingCreateBody,
  MeetingStatusBody,
  MeetingSummary,
  MeetingUpdateBody,
  MinutesArchive,
  MinutesBody,
} from '@shared/schemas/meetings';
import { api, apiRequest } from '@client/api';
import { getQuery } from './getQuery';
import { meetingKeys } from './keys';

export type MeetingWhen = 'upcoming' | 'past' | 'all';
export interface MeetingListFilters {
  when: MeetingWhen;
  /** Only meetings the reader's organisation is invited to. */
  mine?: boolean;
  kind?: MeetingKind;
}
/** A page of the minutes archive, optionally of one kind. */
export interface MinutesArchiveParams {
  page: number;
  kind?: MeetingKind;
}
export type StatusMove = z.infer<typeof MeetingStatusBody>['to'];

const meetingPath = (id: string, rest = '') => `/api/meetings/${encodeURIComponent(id)}${rest}`;

function listPath(filters: MeetingListFilters): string {
  const query = new URLSearchParams({ when: filters.when });
  if (filters.mine) query.set('mine', 'true');
  if (filters.kind) query.set('kind', filters.kind);
  return `/api/meetings?${query.toString()}`;
}

function archivePath(params: MinutesArchiveParams): string {
  const query = new URLSearchParams({ page: String(params.page) });
  if (params.kind) query.set('kind', params.kind);
  return `/api/minutes?${query.toString()}`;
}

/** The meetings' reads; hooks and cache writers take their keys and fetches from here. */
export const meetingQueries = {
  list: (filters: MeetingListFilters) => getQuery<{ meetings: MeetingSummary[] }>(meetingKeys.list(filters), listPath(filters)),
  detail: (id: string) => getQuery<Meeting>(meetingKeys.detail(id), meetingPath(id)),
  /** The secretariat's attendance list (others are refused with 403). */
  attendance: (id: string) => getQuery<Attendance>(meetingKeys.attendance(id), meetingPath(id, '/attendance')),
  actionItems: () => getQuery<z.infer<typeof ActionItemList>>(meetingKeys.actionItems, '/api/action-items'),
  /** Published minutes across meetings, newest meeting first; the previous page stays shown while the next loads. */
  minutesArchive: (params: MinutesArchiveParams) =>
    getQuery<MinutesArchive>(meetingKeys.minutesArchive(params), archivePath(params), { placeholderData: (previous) => previous }),
  /** The secretariat's proposed 出席者 for the minutes editor (others are refused with 403). */
  attendeeProposal: (id: string) => getQuery<AttendeeProposal>(meetingKeys.attendeeProposal(id), meetingPath(id, '/minutes/attendees')),
};

export const useMeetingList = (filters: MeetingListFilters) => useQuery(meetingQueries.list(filters));
export const useMeeting = (id: string) => useQuery(meetingQueries.detail(id));
export const useAttendance = (id: string) => useQuery(meetingQueries.attendance(id));
export const useActionItems = () => useQuery(meetingQueries.actionItems());
export const useMinutesArchive = (params: MinutesArchiveParams) => useQuery(meetingQueries.minutesArchive(params));
export const useAttendeeProposal = (id: string) => useQuery(meetingQueries.attendeeProposal(id));

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
    mutationFn: (attachmentId: string) =>
      apiRequest<Meeting>(meetingPath(id, `/materials/${encodeURIComponent(attachmentId)}`), { method: 'DELETE' }),
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
