/**
 * What a policy says about one action on one entity: allowed, or refused with the HTTP status and a
 * reason fit to show. The server's guards throw the refusal; presenters turn verdicts into the
 * `abilities` the client reads (Outline's presentPolicies), so the two can never disagree.
 */
import type { Decision } from '../permissions';
import type { ErrorReason } from '../schemas/common';

/** `explain` names the case where the client says it in its own words (`ErrorReason`). */
export type Verdict = { allowed: true } | { allowed: false; status: 400 | 403 | 409; reason: string; explain?: ErrorReason };

export const allowed: Verdict = { allowed: true };
/** Not this person (403). */
export const forbid = (reason: string): Verdict => ({ allowed: false, status: 403, reason });
/** Not in this state (409). */
export const clash = (reason: string): Verdict => ({ allowed: false, status: 409, reason });
/** A malformed request (400). */
export const malformed = (reason: string): Verdict => ({ allowed: false, status: 400, reason });

export const fromDecision = (decision: Decision, suffix = ''): Verdict => (decision.allowed ? allowed : forbid(`${decision.reason}${suffix}`));

/** The first refusal, or allowed: checks in the order the reasons should be given. */
export function firstOf(...checks: Array<() => Verdict>): Verdict {
  for (const check of checks) {
    const verdict = check();
    if (!verdict.allowed) return verdict;
  }
  return allowed;
}

/** Verdicts → the booleans the client reads. */
export function abilitiesOf<K extends string>(verdicts: Record<K, Verdict>): Record<K, boolean> {
  return Object.fromEntries(Object.entries<Verdict>(verdicts).map(([k, v]) => [k, v.allowed])) as Record<K, boolean>;
}
