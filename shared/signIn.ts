/**
 * How a person proves who they are. A session records the factors it was signed in with, in the
 * order they were given (`['password', 'totp']`), so that what a session may do can depend on how
 * it was proved, and so that later ways in (an organisation's identity provider, passkeys) are one
 * more entry here rather than a second sign-in model.
 */
import { personaOf, type Actor, type Persona } from './domain';

export const SIGN_IN_FACTORS = ['password', 'totp', 'recoveryCode', 'passkey'] as const;
export type SignInFactor = (typeof SIGN_IN_FACTORS)[number];

/**
 * The factors that count as a second factor on top of a password. A passkey counts on its own too:
 * it is something the person has, unlocked on the device by something they know or are (user
 * verification), and it is bound to the site, so it cannot be phished.
 */
export const SECOND_FACTORS: readonly SignInFactor[] = ['totp', 'recoveryCode', 'passkey'];

/**
 * Who must have a second factor: the people who can do the most (the secretariat moderates and
 * manages every account; an org admin manages their company's accounts). Everyone else may enrol.
 */
export const SECOND_FACTOR_POLICY = {
  vendorMember: 'optional',
  vendorAdmin: 'required',
  secretariat: 'required',
  ministry: 'optional',
  body: 'optional',
} as const satisfies Record<Persona, 'required' | 'optional'>;

export function secondFactorRequired(actor: Pick<Actor, 'role' | 'organization'>): boolean {
  return SECOND_FACTOR_POLICY[personaOf(actor)] === 'required';
}

export function hasSecondFactor(factors: readonly SignInFactor[] | undefined): boolean {
  return (factors ?? []).some((f) => SECOND_FACTORS.includes(f));
}

/** Signed in, but only enrolment is open until a second factor is set up (and proved in this session). */
export function mustEnrol(actor: Pick<Actor, 'role' | 'organization'>, factors: readonly SignInFactor[] | undefined): boolean {
  return secondFactorRequired(actor) && !hasSecondFactor(factors);
}

/** TOTP as authenticator apps expect it (RFC 6238 with SHA-1, 6 digits, 30 s). */
export const TOTP_DIGITS = 6;
/** How many one-time recovery codes are issued at enrolment and at each regeneration. */
export const RECOVERY_CODE_COUNT = 10;
