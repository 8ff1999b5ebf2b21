/**
 * お知らせ: the reads (on announcementKeys), the writes, and what the server's live events change.
 * A write puts the announcement it returns into its detail cache and marks the lists, the banner and
 * the trackers stale; `announcement.changed` / `announcement.confirmed` refetch exactly that one.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AnnouncementStatus } from '@shared/announcements/rules';
import type {
  Announcement,
  AnnouncementCreateBody,
  AnnouncementList,
  AnnouncementUpdateBody,
  ConfirmResult,
  PendingAnnouncements,
  Reminder,
  Tracker,
  TrackerQuery,
} from '@shared/schemas/announcements';
import { api } from '@client/api';
import { getQuery } from './getQuery';
import { announcementKeys } from './keys';

export interface AnnouncementListFilters {
  page: number;
  /** Only those awaiting the reader's organisation's confirmation. */
  unconfirmed?: boolean;
  /** The secretariat's: one state only. */
  status?: AnnouncementStatus;
}
export interface TrackerFilters {
  state: TrackerQuery['state'];
  kind?: NonNullable<TrackerQuery['kind']>;
}

const announcementPath = (id: string, rest = '') => `/api/announcements/${encodeURIComponent(id)}${rest}`;

function listPath(filters: AnnouncementListFilters): string {
  const query = new URLSearchParams({ page: String(filters.page) });
  if (filters.unconfirmed) query.set('unconfirmed', 'true');
  if (filters.status) query.set('status', filters.status);
  return `/api/announcements?${query.toString()}`;
}

function trackerQuery(filters: TrackerFilters): string {
  const query = new URLSearchParams({ state: filters.state });
  if (filters.kind) query.set('kind', filters.kind);
  return query.toString();
}

/** Where the tracker's rows, as filtered, download as Excel. */
export const trackerXlsxPath = (id: string, filters: TrackerFilters) => announcementPath(id, `/tracker.xlsx?${trackerQuery(filters)}`);

export const announcementQueries = {
  /** A page of the list; the previous page stays shown while the next loads. */
  list: (filters: AnnouncementListFilters) =>
    getQuery<AnnouncementList>(announcementKeys.list(filters), listPath(filters), { placeholderData: (previous) => previous }),
  detail: (id: string) => getQuery<Announcement>(announcementKeys.detail(id), announcementPath(id)),
  /** The banner: what the reader's organisation still has to confirm. Cheap on the server; kept a minute unless an event says otherwise. */
  pending: () => getQuery<PendingAnnouncements>(announcementKeys.pending, '/api/announcements/pending', { staleTime: 60_000 }),
  /** The secretariat's tracker (others are refused with 403). */
  tracker: (id: string, filters: TrackerFilters) =>
    getQuery<Tracker>(announcementKeys.tracker(id, filters), announcementPath(id, `/tracker?${trackerQuery(filters)}`), {
      placeholderData: (previous) => previous,
    }),
};

export const useAnnouncementList = (filters: AnnouncementListFilters) => useQuery(announcementQueries.list(filters));
export const useAnnouncement = (id: string) => useQuery(announcementQueries.detail(id));
export const usePendingAnnouncements = (enabled = true) => useQuery({ ...announcementQueries.pending(), enabled });
export const useTracker = (id: string, filters: TrackerFilters) => useQuery(announcementQueries.tracker(id, filters));

/** What a write or an event about one announcement makes stale: the lists, the banner and the trackers, not other details. */
function invalidateAround(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: announcementKeys.lists });
  void queryClient.invalidateQueries({ queryKey: announcementKeys.pending, exact: true });
  void queryClient.invalidateQueries({ queryKey: announcementKeys.trackers });
}

/** Put an announcement a write returned into its detail cache. */
export function storeAnnouncement(queryClient: QueryClient, announcement: Announcement): void {
  queryClient.setQueryData(announcementKeys.detail(announcement.id), announcement);
  invalidateAround(queryClient);
}

/** The server said an announcement changed or was confirmed: fetch that one again, and what lists it. */
export function refetchAnnouncement(queryClient: QueryClient, announcementId: string): void {
  void queryClient.invalidateQueries({ queryKey: announcementKeys.detail(announcementId), exact: true });
  invalidateAround(queryClient);
}

export function useCreateAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AnnouncementCreateBody) => api.post<Announcement>('/api/announcements', body),
    onSuccess: (announcement) => storeAnnouncement(queryClient, announcement),
  });
}

export function useUpdateAnnouncement(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AnnouncementUpdateBody) => api.patch<Announcement>(announcementPath(id), body),
    onSuccess: (announcement) => storeAnnouncement(queryClient, announcement),
  });
}

/** Publish or withdraw (the secretariat's moves). */
export function useMoveAnnouncement(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (move: 'publish' | 'withdraw') => api.post<Announcement>(announcementPath(id, `/${move}`)),
    onSuccess: (announcement) => storeAnnouncement(queryClient, announcement),
  });
}

/** 組織として確認しました: the answer is the organisation's record (the first one, if a colleague was quicker). */
export function useConfirmAnnouncement(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ConfirmResult>(announcementPath(id, '/confirm')),
    onSuccess: ({ confirmation }) => {
      queryClient.setQueryData<Announcement>(announcementKeys.detail(id), (old) =>
        old ? { ...old, myConfirmation: confirmation, awaitingMyConfirmation: false } : old,
      );
      queryClient.setQueryData<PendingAnnouncements>(announcementKeys.pending, (old) =>
        old ? { announcements: old.announcements.filter((a) => a.id !== id) } : old,
      );
      void queryClient.invalidateQueries({ queryKey: announcementKeys.lists });
    },
  });
}

export function useRemind(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Reminder>(announcementPath(id, '/remind')),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: announcementKeys.trackers }),
  });
}
