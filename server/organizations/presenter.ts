import type { Organization } from '@shared/schemas/organizations';
import type { ActorOrganization } from '@shared/domain';
import type { BusinessAreaKey } from '@shared/reference/council';
import type { OrganizationDocument } from './model';

export function presentOrganization(org: OrganizationDocument): Organization {
  return {
    id: org.id as string,
    key: org.key,
    kind: org.kind,
    vendorType: org.vendorType ?? null,
    observerKind: org.observerKind ?? null,
    nameJa: org.nameJa,
    nameEn: org.nameEn,
    corporateNumber: org.corporateNumber ?? null,
    businessAreas: org.businessAreas as BusinessAreaKey[],
    // Organisations stored before domains were registered have none.
    emailDomains: org.emailDomains ?? [],
  };
}

export function actorOrganization(
  org: Pick<OrganizationDocument, 'id' | 'key' | 'kind' | 'vendorType' | 'observerKind'>,
): ActorOrganization {
  return {
    id: org.id as string,
    key: org.key,
    kind: org.kind,
    vendorType: org.vendorType ?? null,
    observerKind: org.observerKind ?? null,
  };
}
