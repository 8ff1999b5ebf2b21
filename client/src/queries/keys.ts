/**
 * Every query key, one factory per feature, so a read, a write and a live event name a cache the
 * same way and a mutation can update or invalidate exactly what it changed. Each feature's module
 * (threads.ts, issues.ts, meetings.ts …) builds its reads from these with `queryOptions`; nothing
 * else writes a key by hand. A feature's keys share a root (or, for thread messages, roots of
 * their own) so invalidating one feature never touches another's caches.
 */
import type { AuditExportQuery } from '@shared/schemas/audit';
import type { InboxTab } from '@shared/notifications/kinds';
import type { OrganizationQuery } from '@shared/schemas/organizations';
import type { ReportState } from '@shared/statusReports/rules';
import type { AnnouncementListFilters, TrackerFilters } from './announcements';
import type { IssueListParams } from './issues';
import type { MeetingListFilters, MinutesArchiveParams } from './meetings';
import type { SearchParams, SimilarKind } from './search';
import type { ThreadFilters } from './threads';

/** The signed-in person; invalidating `me` refreshes their second factor and passkeys too. */
export const meKeys = {
  me: ['me'] as const,
  secondFactor: ['me', 'secondFactor'] as const,
  passkeys: ['me', 'passkeys'] as const,
};

/** What the server says about itself and the council's reference data. */
export const systemKeys = {
  health: ['health'] as const,
  businessAreas: ['businessAreas'] as const,
};

export const organizationKeys = {
  lists: ['organizations', 'list'] as const,
  list: (filters: OrganizationQuery) => ['organizations', 'list', filters] as const,
  detail: (id: string) => ['organizations', 'detail', id] as const,
  users: (organizationId: string) => ['organizations', 'detail', organizationId, 'users'] as const,
};

export const threadKeys = {
  lists: ['threads', 'list'] as const,
  list: (filters: ThreadFilters) => ['threads', 'list', filters] as const,
  /** The meeting form's picker: the latest threads as id and title, apart from the lists (which live events rewrite). */
  recent: ['threads', 'recent'] as const,
  unread: ['threads', 'unread'] as const,
  detail: (id: string) => ['threads', 'detail', id] as const,
  moderation: (id: string) => ['threads', 'moderation', id] as const,
  // Message caches have roots of their own: refetching a thread's timeline must not refetch its detail.
  timeline: (threadId: string) => ['threadTimeline', threadId] as const,
  allReplies: ['threadReplies'] as const,
  replies: (threadId: string) => ['threadReplies', threadId] as const,
  messageReplies: (threadId: string, parentId: string) => ['threadReplies', threadId, parentId] as const,
  messageVersions: (messageId: string) => ['messageVersions', messageId] as const,
  mentionCandidates: (q: string) => ['mentions', q] as const,
};

/** The register's keys; every one starts with 'issues', so leaving the register can mark them all stale at once. */
export const issueKeys = {
  all: ['issues'] as const,
  lists: ['issues', 'list'] as const,
  list: (params: IssueListParams) => ['issues', 'list', params] as const,
  detail: (id: string) => ['issues', 'detail', id] as const,
  /** Official answers being drafted for one issue (one's own organisation's; the secretariat sees all). */
  answerDrafts: (id: string) => ['issues', 'answerDrafts', id] as const,
  notes: (id: string) => ['issues', 'notes', id] as const,
  stats: ['issues', 'stats'] as const,
  /** The pickers' look-ups (duplicates, agenda, decisions), kept apart from the lists so list updates do not touch them. */
  search: (q: string) => ['issues', 'search', q] as const,
  /** The issues linked to one thread, shown on the thread's page. */
  linkedToThread: (threadId: string) => ['issues', 'linkedToThread', threadId] as const,
};

/** One's own saved register views (保存したビュー): apart from 'issues', so register events never touch them. */
export const savedViewKeys = {
  mine: ['savedViews'] as const,
};

export const meetingKeys = {
  all: ['meetings'] as const,
  lists: ['meetings', 'list'] as const,
  list: (filters: MeetingListFilters) => ['meetings', 'list', filters] as const,
  /** The minutes archive, under the lists: whatever refreshes the meeting lists (a publication) refreshes it too. */
  minutesArchive: (query: MinutesArchiveParams) => ['meetings', 'list', 'minutesArchive', query] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
  attendance: (id: string) => ['meetings', 'attendance', id] as const,
  /** The minutes editor's proposed 出席者 (room attendance and RSVPs). */
  attendeeProposal: (id: string) => ['meetings', 'attendeeProposal', id] as const,
  actionItems: ['meetings', 'actionItems'] as const,
};

export const auditKeys = {
  list: (filters: AuditExportQuery) => ['audit', 'list', filters] as const,
};

/** The person's inbox (one infinite list per tab), the bell's unread count and their notification settings. */
export const notificationKeys = {
  all: ['notifications'] as const,
  inboxes: ['notifications', 'inbox'] as const,
  inbox: (tab: InboxTab) => ['notifications', 'inbox', tab] as const,
  unread: ['notifications', 'unread'] as const,
  settings: ['notifications', 'settings'] as const,
};

/** お知らせ: lists (per filter), one announcement, the banner's pending list and the secretariat's trackers. */
export const announcementKeys = {
  all: ['announcements'] as const,
  lists: ['announcements', 'list'] as const,
  list: (filters: AnnouncementListFilters) => ['announcements', 'list', filters] as const,
  detail: (id: string) => ['announcements', 'detail', id] as const,
  pending: ['announcements', 'pending'] as const,
  trackers: ['announcements', 'tracker'] as const,
  tracker: (id: string, filters: TrackerFilters) => ['announcements', 'tracker', id, filters] as const,
};

/**
 * 開発状況報告: the rounds' list, and everything about one round under `round(id)` (its detail, picture,
 * progress, drill-downs, reports and versions), so a live `status.changed` refetches exactly that round.
 */
export const statusKeys = {
  all: ['status'] as const,
  lists: ['status', 'list'] as const,
  round: (roundId: string) => ['status', 'round', roundId] as const,
  detail: (roundId: string) => ['status', 'round', roundId, 'detail'] as const,
  overview: (roundId: string) => ['status', 'round', roundId, 'overview'] as const,
  progress: (roundId: string, state: ReportState | null) => ['status', 'round', roundId, 'progress', state] as const,
  area: (roundId: string, area: string) => ['status', 'round', roundId, 'area', area] as const,
  report: (roundId: string, organizationId: string) => ['status', 'round', roundId, 'report', organizationId] as const,
  versions: (roundId: string, organizationId: string) => ['status', 'round', roundId, 'versions', organizationId] as const,
  /** The reports citing one register issue (the issue page's panel). */
  citations: (issueId: string) => ['status', 'citations', issueId] as const,
  /** The members an organisation's admins allowed to submit. */
  reporters: (organizationId: string) => ['status', 'reporters', organizationId] as const,
};

/** Search everywhere: the results per query and filters, the header's suggestions, the duplicate hints (never kept live). */
export const searchKeys = {
  everything: (params: SearchParams) => ['search', 'everything', params] as const,
  suggest: (q: string) => ['search', 'suggest', q] as const,
  similar: (kind: SimilarKind, title: string) => ['search', 'similar', kind, title] as const,
};

/** A mail's unsubscribe link: what its token stops (public; the token is the credential). */
export const mailKeys = {
  unsubscribe: (token: string) => ['mail', 'unsubscribe', token] as const,
};
