/**
 * The permission rules of DESIGN.md §2 as one pure table. The server enforces them on every
 * route and socket event; the client uses the same answers only to hide what would be refused.
 */
import { personaOf, type Actor, type Persona } from './domain';

export const ACTIONS = [
  'thread.readCouncil',
  'thread.readVendors',
  'thread.readDevelopment',
  'thread.create',
  'message.post',
  'message.editOwn',
  'issue.read',
  'issue.raise',
  'issue.support',
  'issue.comment',
  'issue.answer',
  'issue.editOwnAnswer',
  'issue.transition',
  'issue.merge',
  'meeting.read',
  'meeting.manage',
  'minutes.publish',
  'meeting.speak',
  'meeting.raiseHand',
  'moderate',
  'account.manage',
  'account.resetSecondFactor',
  'organization.manage',
  'audit.read',
  'announcement.publish',
  'announcement.confirm',
  'status.manage',
  'status.report',
  'status.submit',
  'status.readAggregates',
  'status.readFigures',
  'status.designateReporters',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Facts about the target that some rules depend on. */
export interface PermissionContext {
  /** The ministry an issue is routed to. */
  routedMinistry?: string | null;
  /** Whether the secretariat has given this person the floor in a live meeting room. */
  hasFloor?: boolean;
  /** The organisation whose accounts are being managed. */
  targetOrganizationId?: string;
  /** A vendor member whom the org admin allowed to submit the organisation's development status reports. */
  statusReporter?: boolean;
  /** The ministry that oversees the business area whose figures are read (shared/reference/council.json). */
  areaMinistry?: string | null;
}

type Rule = boolean | ((actor: Actor, context: PermissionContext) => boolean);

const isDevelopmentVendor = (actor: Actor) => actor.organization.vendorType === 'development';
const routedToOwnMinistry = (actor: Actor, c: PermissionContext) => c.routedMinistry != null && c.routedMinistry === actor.organization.key;
const hasFloor = (_actor: Actor, c: PermissionContext) => c.hasFloor === true;
const withoutFloor = (_actor: Actor, c: PermissionContext) => c.hasFloor !== true;
const ownOrganization = (actor: Actor, c: PermissionContext) => c.targetOrganizationId === actor.organization.id;
const designatedReporter = (actor: Actor, c: PermissionContext) => ownOrganization(actor, c) && c.statusReporter === true;
const overseesArea = (actor: Actor, c: PermissionContext) => c.areaMinistry != null && c.areaMinistry === actor.organization.key;

type PersonaRules = Record<Persona, Rule>;
const everyone: PersonaRules = { vendorMember: true, vendorAdmin: true, secretariat: true, ministry: true, body: true };
const vendorsAndSecretariat: PersonaRules = { vendorMember: true, vendorAdmin: true, secretariat: true, ministry: false, body: false };
const secretariatOnly: PersonaRules = { vendorMember: false, vendorAdmin: false, secretariat: true, ministry: false, body: false };

export const RULES = {
  'thread.readCouncil': everyone,
  'thread.readVendors': vendorsAndSecretariat,
  'thread.readDevelopment': {
    vendorMember: isDevelopmentVendor,
    vendorAdmin: isDevelopmentVendor,
    secretariat: true,
    ministry: false,
    body: false,
  },
  'thread.create': vendorsAndSecretariat,
  'message.post': vendorsAndSecretariat,
  'message.editOwn': vendorsAndSecretariat,
  'issue.read': everyone,
  'issue.raise': vendorsAndSecretariat,
  // Support (同様の課題あり) is counted per vendor organisation: it says "we have this problem too".
  'issue.support': { vendorMember: true, vendorAdmin: true, secretariat: false, ministry: false, body: false },
  // The routed ministry may ask the raising vendor a question before it answers.
  'issue.comment': { vendorMember: true, vendorAdmin: true, secretariat: true, ministry: routedToOwnMinistry, body: false },
  'issue.answer': { vendorMember: false, vendorAdmin: false, secretariat: true, ministry: routedToOwnMinistry, body: false },
  'issue.editOwnAnswer': { vendorMember: false, vendorAdmin: false, secretariat: true, ministry: routedToOwnMinistry, body: false },
  'issue.transition': secretariatOnly,
  'issue.merge': secretariatOnly,
  'meeting.read': everyone,
  'meeting.manage': secretariatOnly,
  'minutes.publish': secretariatOnly,
  'meeting.speak': { vendorMember: true, vendorAdmin: true, secretariat: true, ministry: hasFloor, body: hasFloor },
  // 挙手: an observer without the floor asks the secretariat for it; vendors and the secretariat speak without it.
  'meeting.raiseHand': { vendorMember: false, vendorAdmin: false, secretariat: false, ministry: withoutFloor, body: withoutFloor },
  moderate: secretariatOnly,
  'account.manage': { vendorMember: false, vendorAdmin: ownOrganization, secretariat: true, ministry: false, body: false },
  // A lost phone: the secretariat clears a person's second factor so they can enrol again (audited).
  'account.resetSecondFactor': secretariatOnly,
  'organization.manage': secretariatOnly,
  // The audit log: who did what, when and from where. The secretariat keeps the council's record.
  'audit.read': secretariatOnly,
  // お知らせ: the secretariat writes, reminds and tracks who confirmed; every other organisation confirms as a whole.
  'announcement.publish': secretariatOnly,
  'announcement.confirm': { vendorMember: true, vendorAdmin: true, secretariat: false, ministry: true, body: true },
  // 開発状況報告 (docs/STATUS_REPORTS.md): the secretariat runs the rounds and sees everything; a vendor writes its own
  // report (drafts by any member; submission by its org admins and the members they allow); a ministry reads each
  // vendor's figures for the areas it oversees; everyone reads the council-wide aggregates.
  'status.manage': secretariatOnly,
  'status.report': { vendorMember: ownOrganization, vendorAdmin: ownOrganization, secretariat: false, ministry: false, body: false },
  'status.submit': { vendorMember: designatedReporter, vendorAdmin: ownOrganization, secretariat: false, ministry: false, body: false },
  'status.readAggregates': everyone,
  'status.readFigures': {
    vendorMember: ownOrganization,
    vendorAdmin: ownOrganization,
    secretariat: true,
    ministry: overseesArea,
    body: false,
  },
  'status.designateReporters': { vendorMember: false, vendorAdmin: ownOrganization, secretariat: true, ministry: false, body: false },
} satisfies Record<Action, PersonaRules>;

export type Decision = { allowed: true } | { allowed: false; reason: string };

const PERSONA_LABEL = {
  vendorMember: 'vendor members',
  vendorAdmin: 'vendor organisation admins',
  secretariat: 'the secretariat',
  ministry: 'ministry observers',
  body: 'body observers',
} satisfies Record<Persona, string>;

/** Decide whether `actor` may perform `action`; a refusal carries a reason fit to show. */
export function decide(actor: Actor, action: Action, context: PermissionContext = {}): Decision {
  if (!actor.active) return { allowed: false, reason: 'this account is deactivated' };
  const persona = personaOf(actor);
  const rule: Rule = RULES[action][persona];
  const allowed = typeof rule === 'function' ? rule(actor, context) : rule;
  if (allowed) return { allowed: true };
  const conditional = typeof rule === 'function' ? ' here' : '';
  return { allowed: false, reason: `${PERSONA_LABEL[persona]} may not ${action}${conditional}` };
}

export function can(actor: Actor, action: Action, context: PermissionContext = {}): boolean {
  return decide(actor, action, context).allowed;
}

export type Abilities = Record<Action, boolean>;

/** What the actor may do in their own context (own organisation, no floor): sent to the client. */
export function abilitiesOf(actor: Actor): Abilities {
  const context: PermissionContext = { targetOrganizationId: actor.organization.id };
  return Object.fromEntries(ACTIONS.map((a) => [a, can(actor, a, context)])) as Abilities;
}
