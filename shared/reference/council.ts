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
  systems: number;
  municipalities: number;
}

export const BUSINESS_AREAS = council.business_areas as BusinessArea[];
export const OBSERVERS = council.observers as Observer[];
export const SPECIAL_MIGRATION_REASONS = council.special_migration_reasons as SpecialMigrationReason[];
export const COUNCIL = council.council;
export const MIGRATION_FIGURES = council.migration_figures;
export const SPEC_REVISION_MIN_LEAD_DAYS = council.spec_revision_rule.min_lead_days;
