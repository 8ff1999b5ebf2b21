/**
 * The council’s organisations as announcements need them (their active members: notifications/people.ts `membersOf`), from the
 * in-memory people view (server/users/peopleView.ts): deciding an audience, its members to notify
 * and the tracker's rows costs no database read. Computed once per change of the view.
 */
import { inAudience, type Audience, type AudienceKind, type AudienceOrganization } from '@shared/announcements/audience';
import type { BusinessAreaKey } from '@shared/reference/council';
import type { Actor, ObserverKind } from '@shared/domain';
import type { AudienceInput } from '@shared/schemas/announcements';
import { badRequest } from '../http/errors';
import { peopleView } from '../users/peopleView';
import type { AnnouncementRecord } from './model';

export interface CouncilOrganization extends AudienceOrganization {
  observerKind: ObserverKind | null;
  nameJa: string;
  nameEn: string;
}

interface Directory {
  /** Every organisation, by id. (Their active members: notifications/people.ts `membersOf`.) */
  organizations: ReadonlyMap<string, CouncilOrganization>;
}

export function councilDirectory(): Promise<Directory> {
  return peopleView.derived('announcements: organisations', (rows) => {
    const organizations = new Map<string, CouncilOrganization>();
    for (const row of rows.values()) {
      if (row.kind !== 'organization') continue;
      const o = row.doc;
      organizations.set(String(o._id), {
        id: String(o._id),
        kind: o.kind,
        vendorType: o.vendorType ?? null,
        observerKind: o.observerKind ?? null,
        businessAreas: o.businessAreas ?? [],
        nameJa: o.nameJa,
        nameEn: o.nameEn,
      });
    }
    return { organizations };
  });
}

/** The reader's organisation as the audience rule sees it (with its profile's business areas). */
export async function readerOrganization(actor: Actor): Promise<CouncilOrganization> {
  const known = (await councilDirectory()).organizations.get(actor.organization.id);
  return (
    known ?? {
      id: actor.organization.id,
      kind: actor.organization.kind,
      vendorType: actor.organization.vendorType ?? null,
      observerKind: actor.organization.observerKind ?? null,
      businessAreas: [],
      nameJa: '',
      nameEn: '',
    }
  );
}

/** A stored audience as the shared rule takes it. */
export function audienceOf(stored: AnnouncementRecord['audience']): Audience {
  if (stored.kind === 'organizations') return { kind: 'organizations', organizationIds: stored.organizationIds.map(String) };
  if (stored.kind === 'businessAreas') return { kind: 'businessAreas', businessAreas: [...stored.businessAreas] };
  return { kind: stored.kind };
}

/** The audience organisations of an announcement, in the directory's order. */
export async function audienceOrganizations(audience: Audience): Promise<CouncilOrganization[]> {
  const { organizations } = await councilDirectory();
  return [...organizations.values()].filter((o) => inAudience(audience, o));
}

/** An audience's stored fields (ids as strings: the model casts them). */
export interface AudienceFields {
  kind: AudienceKind;
  organizationIds: string[];
  businessAreas: BusinessAreaKey[];
}

/**
 * An audience as it is stored: organisations checked to exist and not to be the secretariat (a 400
 * naming the first bad one, `body.audience.organizationIds.<n>`), each named once.
 */
export async function checkedAudience(input: AudienceInput): Promise<AudienceFields> {
  if (input.kind === 'organizations') {
    const { organizations } = await councilDirectory();
    input.organizationIds.forEach((id, i) => {
      const org = organizations.get(id);
      if (!org || org.kind === 'secretariat') {
        const field = `body.audience.organizationIds.${i}`;
        throw badRequest(`${field}: ${org ? 'the secretariat is not an audience' : 'unknown organisation'}`, field);
      }
    });
    return { kind: 'organizations', organizationIds: [...new Set(input.organizationIds)], businessAreas: [] };
  }
  if (input.kind === 'businessAreas')
    return { kind: 'businessAreas', organizationIds: [], businessAreas: [...new Set(input.businessAreas)] };
  return { kind: input.kind, organizationIds: [], businessAreas: [] };
}
