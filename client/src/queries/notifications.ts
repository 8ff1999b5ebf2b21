/**
 * The inbox (通知): a list of pages per tab, the bell's unread count, marking read and unread, and
 * the person's notification settings; and how what the server pushes (notification.new,
 * notification.unread; realtime/notificationEvents.ts) is written into those caches in place.
 */
import {
  infiniteQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';
import { INBOX_TABS, type InboxTab } from '@shared/notifications/kinds';
import type {
  InboxPage,
  MarkReadBody,
  Notification,
  NotificationSettings,
  NotificationSettingsBody,
  UnreadCount,
} from '@shared/schemas/notifications';
import { api } from '@client/api';
import { getQuery } from './getQuery';
import { notificationKeys } from './keys';

const PAGE_SIZE = 30;

type InboxData = InfiniteData<InboxPage, number | null>;

function inboxPath(tab: InboxTab, before: number | null): string {
  const params = new URLSearchParams({ tab, limit: String(PAGE_SIZE) });
  if (before !== null) params.set('before', String(before));
  return `/api/notifications?${params.toString()}`;
}

export const notificationQueries = {
  /** GET /api/notifications, newest first; each further page asks for those before the last one shown. */
  inbox: (tab: InboxTab) =>
    infiniteQueryOptions({
      queryKey: notificationKeys.inbox(tab),
      queryFn: async ({ pageParam, signal, client }) => {
        const page = await api.get<InboxPage>(inboxPath(tab, pageParam), signal);
        // Every page says how many are unread now: the bell follows.
        storeUnreadCount(client, page.unread);
        return page;
      },
      initialPageParam: null as number | null,
      getNextPageParam: (last) => last.next,
    }),
  /** The bell: fetched once, then kept current by live events (and fetched again when the socket connects). */
  unread: () => getQuery<UnreadCount>(notificationKeys.unread, '/api/notifications/unread', { staleTime: Infinity }),
  settings: () => getQuery<NotificationSettings>(notificationKeys.settings, '/api/me/notification-settings'),
};

export const useInbox = (tab: InboxTab) => useInfiniteQuery(notificationQueries.inbox(tab));
export const useNotificationSettings = () => useQuery(notificationQueries.settings());

export function useUnreadNotificationCount(): number {
  return useQuery(notificationQueries.unread()).data?.unread ?? 0;
}

// ---- Writing into the caches -----------------------------------------------------------------

/** Whether a tab lists the notification (`all` and `unread` every kind, the others one stream). */
function listedIn(tab: InboxTab, notification: Notification): boolean {
  if (tab === 'all') return true;
  if (tab === 'unread') return !notification.read;
  return notification.stream === tab;
}

/** Change every tab's loaded pages. */
function updateInboxes(queryClient: QueryClient, change: (tab: InboxTab, data: InboxData) => InboxData): void {
  for (const [key, data] of queryClient.getQueriesData<InboxData>({ queryKey: notificationKeys.inboxes })) {
    const tab = INBOX_TABS.find((t) => t === key[2]);
    if (data && tab) queryClient.setQueryData<InboxData>(key, change(tab, data));
  }
}

function mapNotifications(data: InboxData, change: (n: Notification) => Notification): InboxData {
  return { ...data, pages: data.pages.map((page) => ({ ...page, notifications: page.notifications.map(change) })) };
}

export function storeUnreadCount(queryClient: QueryClient, unread: number): void {
  queryClient.setQueryData<UnreadCount>(notificationKeys.unread, { unread });
}

/**
 * A new notification, or a batched one brought up to date: on top of each loaded tab that lists it
 * (taken out of where it was), and the count the server sent with it.
 */
export function storeNewNotification(
  queryClient: QueryClient,
  { notification, unread }: { notification: Notification; unread: number },
): void {
  storeUnreadCount(queryClient, unread);
  updateInboxes(queryClient, (tab, data) => {
    const pages = data.pages.map((page) => ({ ...page, notifications: page.notifications.filter((n) => n.id !== notification.id) }));
    const [first, ...older] = pages;
    if (!first || !listedIn(tab, notification)) return { ...data, pages };
    return { ...data, pages: [{ ...first, notifications: [notification, ...first.notifications] }, ...older] };
  });
}

/**
 * The count changed (notification.unread). When it is not the count this tab already holds, the
 * change was made elsewhere (read in another tab, a notification withdrawn), so which rows are read
 * is no longer known here: the lists are fetched again (only those on screen at once). While one of
 * this tab's own changes is on its way, its answer sets things right instead.
 */
export function storeUnreadChange(queryClient: QueryClient, unread: number): void {
  const held = queryClient.getQueryData<UnreadCount>(notificationKeys.unread)?.unread;
  storeUnreadCount(queryClient, unread);
  if (held !== unread && queryClient.isMutating({ mutationKey: notificationKeys.all }) === 0) {
    void queryClient.invalidateQueries({ queryKey: notificationKeys.inboxes });
  }
}

/** Forget what an optimistic change assumed: the server's lists and count are fetched again. */
function refetchAfterFailure(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: notificationKeys.inboxes });
  void queryClient.invalidateQueries({ queryKey: notificationKeys.unread });
}

// ---- Changes ---------------------------------------------------------------------------------

/**
 * POST /api/notifications/read: some notifications read (or unread again). Shown at once in every
 * loaded tab and in the bell; the server's count replaces the guess when it answers.
 */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: notificationKeys.all,
    mutationFn: (body: MarkReadBody) => api.post<UnreadCount>('/api/notifications/read', body),
    async onMutate({ ids, read }) {
      // A fetch on its way would bring back the state before this change.
      await queryClient.cancelQueries({ queryKey: notificationKeys.inboxes });
      const wanted = new Set(ids);
      const changing = new Set<string>();
      updateInboxes(queryClient, (_tab, data) =>
        mapNotifications(data, (n) => {
          if (!wanted.has(n.id) || n.read === read) return n;
          changing.add(n.id);
          return { ...n, read };
        }),
      );
      const held = queryClient.getQueryData<UnreadCount>(notificationKeys.unread)?.unread;
      if (held !== undefined) storeUnreadCount(queryClient, Math.max(0, held + (read ? -changing.size : changing.size)));
    },
    onSuccess: ({ unread }) => storeUnreadCount(queryClient, unread),
    onError: () => refetchAfterFailure(queryClient),
  });
}

/** POST /api/notifications/read-all: everything read, shown at once. */
export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: notificationKeys.all,
    mutationFn: () => api.post<UnreadCount>('/api/notifications/read-all', {}),
    async onMutate() {
      await queryClient.cancelQueries({ queryKey: notificationKeys.inboxes });
      updateInboxes(queryClient, (_tab, data) => mapNotifications(data, (n) => (n.read ? n : { ...n, read: true })));
      storeUnreadCount(queryClient, 0);
    },
    onSuccess: ({ unread }) => storeUnreadCount(queryClient, unread),
    onError: () => refetchAfterFailure(queryClient),
  });
}

/** PUT /api/me/notification-settings: the server answers with the settings as stored. */
export function useUpdateNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationSettingsBody) => api.put<NotificationSettings>('/api/me/notification-settings', body),
    onSuccess: (settings) => queryClient.setQueryData<NotificationSettings>(notificationKeys.settings, settings),
  });
}
