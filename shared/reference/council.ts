/**
 * The council's reference facts (copied from the handbook's reference/council.json into
 * shared/reference/council.json). Typed keys here let the compiler check every use.
 */
import council from './council.json';

export const BUSINESS_AREA_KEYS = [
  'child-allowance',
  'child-care-support',
  'resident-register',
  'family-register-supplement',
  'seal-registration',
  'electoral-roll',
  'fixed-asset-tax',
  'individual-inhabitant-tax',
  'corporate-inhabitant-tax',
  'light-vehicle-tax',
  'family-register',
  'school-enrollment',
  'health-management',
  'child-support-allowance',
  'public-assistance',
  'disability-welfare',
  'long-term-care-insurance',
  'national-health-insurance',
  'late-stage-elderly-medical',
  'national-pension',
] as const;
export type BusinessAreaKey = (typeof BUSINESS_AREA_KEYS)[number];

export const MINISTRY_KEYS = ['mic', 'moj', 'mext', 'mhlw', 'cfa'] as const;
export type MinistryKey = (typeof MINISTRY_KEYS)[number];

export const BODY_KEYS = ['applic', 'jisa', 'jahis', 'jlis'] as const;
export type BodyKey = (typeof BODY_KEYS)[number];

export type ObserverKey = MinistryKey | BodyKey;

export interface BusinessArea {
  key: BusinessAreaKey;
  ja: string;
  en: string;
  ministry: MinistryKey;
}

export interface Observer {
  key: ObserverKey;
  kind: 'ministry' | 'body';
  ja: string;
  en: string;
}

export interface SpecialMigrationReason {
  key: string;
  no: number;
  ja: string;
  en: string;
  systems: number;
  municipalities: number;
}

export const BUSINESS_AREAS = council.business_areas as BusinessArea[];

const MINISTRY_OF_AREA = new Map<string, MinistryKey>(BUSINESS_AREAS.map((a) => [a.key, a.ministry]));
/** The ministry that oversees a business area (null for what is not one of the 20). */
export const ministryOfArea = (area: string): MinistryKey | null => MINISTRY_OF_AREA.get(area) ?? null;
export const OBSERVERS = council.observers as Observer[];
/**
 * The reasons in English. The source gives them in Japanese only, and council.json stays a copy of
 * the handbook's, so the translation lives here, next to the type that requires it.
 */
const REASON_EN: Record<string, string> = {
  mainframe: 'The current system runs on a mainframe',
  'custom-built': 'The current system is individually developed rather than a package system',
  'vendor-withdrawal': 'The current vendor will not develop a standard-compliant system, and no replacement can be expected to be procured',
  'vendor-resources': 'Affected by delays in development or migration caused by vendors’ stretched resources, and similar cases',
};
export const SPECIAL_MIGRATION_REASONS: SpecialMigrationReason[] = council.special_migration_reasons.map((reason) => ({
  ...reason,
  en: REASON_EN[reason.key] ?? reason.ja,
}));
export const COUNCIL = council.council;
export const MIGRATION_FIGURES = council.migration_figures;
export const SPEC_REVISION_MIN_LEAD_DAYS = council.spec_revision_rule.min_lead_days;
