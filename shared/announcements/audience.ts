/**
 * Who an announcement (お知らせ) is for: one pure rule, used by the server for every read, list,
 * confirmation, notification and tracker, and by the client to describe an audience. The
 * secretariat writes announcements and reads them all; it is never part of an audience (it confirms
 * nothing), so `inAudience` is false for it whatever the audience says.
 */
import type { OrgKind, VendorType } from '../domain';

export const AUDIENCE_KINDS = [
  'everyone',
  'vendors',
  'developmentVendors',
  'supportVendors',
  'observers',
  'organizations',
  'businessAreas',
] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

/** An audience as stored and sent: a kind, with the organisations or business areas it names for the last two. */
export type Audience =
  | { kind: Exclude<AudienceKind, 'organizations' | 'businessAreas'> }
  | { kind: 'organizations'; organizationIds: readonly string[] }
  | { kind: 'businessAreas'; businessAreas: readonly string[] };

/** What the rule needs of an organisation (its profile's business areas for a business-area audience). */
export interface AudienceOrganization {
  id: string;
  kind: OrgKind;
  vendorType?: VendorType | null;
  businessAreas?: readonly string[] | null;
}

/** Whether `org` is one of the organisations `audience` addresses (each of which confirms once, as a whole). */
export function inAudience(audience: Audience, org: AudienceOrganization): boolean {
  if (org.kind === 'secretariat') return false;
  const vendor = org.kind === 'vendor';
  switch (audience.kind) {
    case 'everyone':
      return vendor || org.kind === 'observer';
    case 'vendors':
      return vendor;
    case 'developmentVendors':
      return vendor && org.vendorType === 'development';
    case 'supportVendors':
      return vendor && org.vendorType === 'support';
    case 'observers':
      return org.kind === 'observer';
    case 'organizations':
      return audience.organizationIds.includes(org.id);
    case 'businessAreas': {
      // Vendors whose profile covers any of the areas (a ministry's areas are the ones it owns, not a product).
      if (!vendor) return false;
      const covered = new Set(org.businessAreas ?? []);
      return audience.businessAreas.some((area) => covered.has(area));
    }
  }
}

/** The organisations of `organizations` that `audience` addresses, in the order given. */
export function audienceOf<O extends AudienceOrganization>(audience: Audience, organizations: Iterable<O>): O[] {
  const out: O[] = [];
  for (const org of organizations) if (inAudience(audience, org)) out.push(org);
  return out;
}
