import type { Actor } from '@shared/domain';
import { decide, type Action, type PermissionContext } from '@shared/permissions';
import type { Verdict } from '@shared/policies/verdict';
import { badRequest, conflict, forbidden } from './errors';

/** Throw a 403 with the rule's reason unless `actor` may perform `action`. */
export function authorize(actor: Actor, action: Action, context: PermissionContext = {}): void {
  const decision = decide(actor, action, context);
  if (!decision.allowed) throw forbidden(decision.reason);
}

/** Throw a policy's refusal (shared/policies) as its HTTP error, naming the case where the policy does (`explain`). */
export function enforce(verdict: Verdict): void {
  if (verdict.allowed) return;
  if (verdict.status === 409) throw conflict(verdict.reason);
  if (verdict.status === 400) throw badRequest(verdict.reason);
  throw forbidden(verdict.reason, verdict.explain && { reason: verdict.explain });
}
