import type { Actor } from '@shared/domain';
import { personaOf } from '@shared/domain';
import { abilitiesOf } from '@shared/permissions';
import type { Me, User } from '@shared/schemas/users';
import { mustEnrol, secondFactorRequired, type SignInFactor } from '@shared/signIn';
import { actorOrganization, presentOrganization } from '../organizations/presenter';
import { deactivatedByOf, type ActingUser, type UserWithOrganization } from './model';

export function toActor(user: ActingUser): Actor {
  return {
    id: user.id as string,
    role: user.role,
    active: user.active,
    organization: actorOrganization(user.organization),
  };
}

export function presentUser(user: UserWithOrganization): User {
  return {
    id: user.id as string,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
    deactivatedBy: deactivatedByOf(user),
    organization: presentOrganization(user.organization),
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    createdAt: (user.get('createdAt') as Date).toISOString(),
  };
}

/**
 * The signed-in person, with what they may do, so the client never re-derives permissions, and how
 * this session was signed in (`factors`), which decides whether only enrolment is open.
 */
export function presentMe(user: UserWithOrganization, factors: SignInFactor[] = []): Me {
  const actor = toActor(user);
  return {
    ...presentUser(user),
    previousLoginAt: user.previousLoginAt ? user.previousLoginAt.toISOString() : null,
    persona: personaOf(actor),
    abilities: abilitiesOf(actor),
    signIn: { factors, secondFactorRequired: secondFactorRequired(actor), enrolmentRequired: mustEnrol(actor, factors) },
  };
}
