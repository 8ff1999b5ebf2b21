/** Enumerations of the council's domain, shared by server and client. */
export const ROLES = ['member', 'orgAdmin', 'secretariat'] as const;
export type Role = (typeof ROLES)[number];

export const ORG_KINDS = ['secretariat', 'vendor', 'observer'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const VENDOR_TYPES = ['development', 'support'] as const;
export type VendorType = (typeof VENDOR_TYPES)[number];

export const OBSERVER_KINDS = ['ministry', 'body'] as const;
export type ObserverKind = (typeof OBSERVER_KINDS)[number];

/** The organisation as the permission rules need to see it. */
export interface ActorOrganization {
  id: string;
  key: string;
  kind: OrgKind;
  vendorType?: VendorType | null;
  observerKind?: ObserverKind | null;
}

/** A signed-in person as the permission rules need to see them. */
export interface Actor {
  id: string;
  role: Role;
  active: boolean;
  organization: ActorOrganization;
}

/**
 * The five kinds of person in DESIGN.md §2. A persona is derived from the role and the
 * organisation, never stored, so the two can never disagree.
 */
export const PERSONAS = ['vendorMember', 'vendorAdmin', 'secretariat', 'ministry', 'body'] as const;
export type Persona = (typeof PERSONAS)[number];

export function personaOf(actor: Pick<Actor, 'role' | 'organization'>): Persona {
  const org = actor.organization;
  if (org.kind === 'secretariat') return 'secretariat';
  if (org.kind === 'observer') return org.observerKind === 'ministry' ? 'ministry' : 'body';
  return actor.role === 'orgAdmin' ? 'vendorAdmin' : 'vendorMember';
}

/**
 * The badge a person carries in the live room — which of the council's five kinds of organisation
 * they speak for: 府省 (a ministry observer), 団体 (a public body observer), 事務局, 開発 (a
 * development vendor), 支援 (a support vendor). Derived from the organisation, never stored apart.
 */
export const SPEAKER_KINDS = ['ministry', 'body', 'secretariat', 'development', 'support'] as const;
export type SpeakerKind = (typeof SPEAKER_KINDS)[number];

export function speakerKindOf(org: { kind: OrgKind; vendorType?: VendorType | null; observerKind?: ObserverKind | null }): SpeakerKind {
  if (org.kind === 'secretariat') return 'secretariat';
  // As personaOf: an observer that is not a ministry is a body.
  if (org.kind === 'observer') return org.observerKind === 'ministry' ? 'ministry' : 'body';
  return org.vendorType === 'development' ? 'development' : 'support';
}

/**
 * Who deactivated an account. The secretariat's deactivation is a hold: only the secretariat lifts
 * it; an organisation's own deactivation its org admins may undo.
 */
export const DEACTIVATED_BY = ['secretariat', 'organization'] as const;
export type DeactivatedBy = (typeof DEACTIVATED_BY)[number];

/** Which roles an account may hold in an organisation of each kind. */
export const ROLES_BY_ORG_KIND = {
  secretariat: ['secretariat'],
  vendor: ['member', 'orgAdmin'],
  observer: ['member'],
} as const satisfies Record<OrgKind, readonly Role[]>;
