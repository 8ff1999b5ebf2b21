import type { Actor } from '@shared/domain';
import { decide, type Action, type PermissionContext } from '@shared/permissions';
import { forbidden } from './errors';

/** Throw a 403 with the rule's reason unless `actor` may perform `action`. */
export function authorize(actor: Actor, action: Action, context: PermissionContext = {}): void {
  const decision = decide(actor, action, context);
  if (!decision.allowed) throw forbidden(decision.reason);
}
