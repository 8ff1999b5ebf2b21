/** Every query key in one place, so a mutation can update or invalidate exactly what it changed. */
import type { AuditExportQuery } from '@shared/schemas/audit';
import type { OrganizationQuery } from '@shared/schemas/organizations';
import type { ThreadFilters } from './threads';

export const queryKeys = {
  me: ['me'] as const,
  secondFactor: ['me', 'secondFactor'] as const,
  passkeys: ['me', 'passkeys'] as const,
  health: ['health'] as const,
  businessAreas: ['businessAreas'] as const,
  organizationLists: ['organizations', 'list'] as const,
  organizations: (filters: OrganizationQuery) => ['organizations', 'list', filters] as const,
  organization: (id: string) => ['organizations', 'detail', id] as const,
  organizationUsers: (organizationId: string) => ['organizations', 'detail', organizationId, 'users'] as const,
  threadLists: ['threads', 'list'] as const,
  threadsUnread: ['threads', 'unread'] as const,
  threadList: (filters: ThreadFilters) => ['threads', 'list', filters] as const,
  thread: (id: string) => ['threads', 'detail', id] as const,
  threadModeration: (id: string) => ['threads', 'moderation', id] as const,
  // Message caches have roots of their own: refetching a thread's timeline must not refetch its detail.
  threadTimeline: (threadId: string) => ['threadTimeline', threadId] as const,
  allReplies: ['threadReplies'] as const,
  threadReplies: (threadId: string) => ['threadReplies', threadId] as const,
  messageReplies: (threadId: string, parentId: string) => ['threadReplies', threadId, parentId] as const,
  messageVersions: (messageId: string) => ['messageVersions', messageId] as const,
  mentionCandidates: (q: string) => ['mentions', q] as const,
  search: (q: string) => ['search', q] as const,
  auditList: (filters: AuditExportQuery) => ['audit', 'list', filters] as const,
};
