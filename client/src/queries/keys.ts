/** Every query key in one place, so a mutation can update or invalidate exactly what it changed. */
import type { OrganizationQuery } from '@shared/schemas/organizations';

export const queryKeys = {
  me: ['me'] as const,
  health: ['health'] as const,
  businessAreas: ['businessAreas'] as const,
  organizationLists: ['organizations', 'list'] as const,
  organizations: (filters: OrganizationQuery) => ['organizations', 'list', filters] as const,
  organization: (id: string) => ['organizations', 'detail', id] as const,
  organizationUsers: (organizationId: string) => ['organizations', 'detail', organizationId, 'users'] as const,
};
