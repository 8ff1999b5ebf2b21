/** Accounts: listing, creating, editing and deactivating them, and changing one's own password. */
import { accountNotifications } from '../notifications/triggers/accounts';
import type { Notifier } from '../notifications/types';
import { personOf, presentPerson } from './person';
import type { Actor } from '@shared/domain';
import { personaOf, ROLES_BY_ORG_KIND, type Role } from '@shared/domain';
import type { UserCreateBody, UserUpdateBody } from '@shared/schemas/users';
import { recordAudit } from '../audit/log';
import { deleteSessionsOf } from '../auth/session';
import { hashPassword, temporaryPassword, verifyPassword } from '../auth/password';
import { authorize } from '../http/authorize';
import { isDuplicateKey } from '../db/keys';
import { badRequest, conflict, forbidden, notFound, unauthenticated } from '../http/errors';
import { revokeCalendarTokens } from '../meetings/calendar';
import { OrganizationModel, type OrganizationDocument } from '../organizations/model';
import type { Realtime } from '../realtime/io';
import { checkEmailDomain, takenAddressRefusal } from './accountEmail';
import { deactivatedByOf, UserModel, withOrganization, type ActingUser, type UserWithOrganization } from './model';
import { toActor } from './presenter';

async function loadOrganization(id: string): Promise<OrganizationDocument> {
  const org = await OrganizationModel.findById(id);
  if (!org) throw notFound('organisation');
  return org;
}

async function loadUser(id: string): Promise<UserWithOrganization> {
  const user = await UserModel.findById(id).populate<Pick<UserWithOrganization, 'organization'>>('organization');
  if (!user) throw notFound('user');
  return user;
}

function checkRoleFits(role: Role, org: OrganizationDocument): void {
  const allowed: readonly Role[] = ROLES_BY_ORG_KIND[org.kind];
  if (!allowed.includes(role)) {
    throw badRequest(`body.role: an account of a ${org.kind} organisation may be ${allowed.join(' or ')}`, 'body.role');
  }
}

/** How an account is named on the audit record. */
const accountTarget = (u: Pick<UserWithOrganization, '_id' | 'email'>) => ({ kind: 'user', id: String(u._id), label: u.email });

export async function listOrganizationUsers({ actor, organizationId }: { actor: Actor; organizationId: string }) {
  authorize(actor, 'account.manage', { targetOrganizationId: organizationId });
  await loadOrganization(organizationId);
  return UserModel.find({ organization: organizationId })
    .sort({ displayName: 1 })
    .populate<Pick<UserWithOrganization, 'organization'>>('organization');
}

export async function createUser({ by, organizationId, input }: { by: ActingUser; organizationId: string; input: UserCreateBody }) {
  const actor = toActor(by);
  authorize(actor, 'account.manage', { targetOrganizationId: organizationId });
  const org = await loadOrganization(organizationId);
  checkRoleFits(input.role, org);
  checkEmailDomain(actor, org, input.email);
  const taken = await takenAddressRefusal(actor, org, input.email);
  if (taken) throw taken;
  const password = temporaryPassword();
  const created = await UserModel.create({
    email: input.email,
    displayName: input.displayName,
    organization: org._id,
    role: input.role,
    passwordHash: await hashPassword(password),
  }).catch(async (err: unknown) => {
    // Taken since the look above: the same answer as had it been taken before.
    throw (isDuplicateKey(err) && (await takenAddressRefusal(actor, org, input.email))) || err;
  });
  const user = withOrganization(created, org);
  await recordAudit({ actor: by, action: 'account.created', target: accountTarget(user), detail: { role: user.role, organizationId } });
  return { user, temporaryPassword: password };
}

export async function updateUser({
  by,
  userId,
  input,
  realtime,
  notifier,
}: {
  by: ActingUser;
  userId: string;
  input: UserUpdateBody;
  realtime: Realtime;
  notifier?: Notifier;
}) {
  const actor = toActor(by);
  const user = await loadUser(userId);
  authorize(actor, 'account.manage', { targetOrganizationId: user.organization.id as string });
  if (input.role !== undefined) {
    if (userId === actor.id && input.role !== user.role) throw badRequest('body.role: you cannot change your own role', 'body.role');
    checkRoleFits(input.role, user.organization);
  }
  await UserModel.updateOne({ _id: user._id }, input);
  if (input.role !== undefined && input.role !== user.role) {
    realtime.refreshUserSockets(userId);
    if (notifier)
      accountNotifications(notifier).roleChanged({ id: userId, displayName: user.displayName }, input.role, presentPerson(personOf(by)));
  }
  await recordAudit({ actor: by, action: 'account.updated', target: accountTarget(user), detail: { change: input } });
  return loadUser(userId);
}

/**
 * Deactivate or reactivate an account. A deactivation records who made it: the secretariat's is a
 * hold its org admins cannot lift (they would otherwise undo a suspension the council decided), and
 * a later deactivation by the organisation does not turn the hold into the organisation's own.
 */
export async function setUserActive({
  by,
  userId,
  active,
  realtime,
}: {
  by: ActingUser;
  userId: string;
  active: boolean;
  realtime: Realtime;
}) {
  const actor = toActor(by);
  const user = await loadUser(userId);
  authorize(actor, 'account.manage', { targetOrganizationId: user.organization.id as string });
  if (userId === actor.id && !active) throw badRequest('you cannot deactivate your own account', 'id');
  const bySecretariat = personaOf(actor) === 'secretariat';
  const heldBy = deactivatedByOf(user);
  if (active && heldBy === 'secretariat' && !bySecretariat) {
    throw forbidden('this account was deactivated by the secretariat; only the secretariat can reactivate it', {
      reason: 'accountHeldBySecretariat',
    });
  }
  const deactivatedBy = active ? null : bySecretariat ? 'secretariat' : (heldBy ?? 'organization');
  // An org admin's change applies only to the state it was decided on: a secretariat deactivation
  // landing in between is not undone by it.
  const decidedOn = bySecretariat ? {} : { active: user.active, deactivatedBy: user.deactivatedBy ?? null };
  const { matchedCount } = await UserModel.updateOne({ _id: user._id, ...decidedOn }, { active, deactivatedBy });
  if (matchedCount === 0) throw conflict('the account was changed meanwhile; reload it and try again');
  if (!active) {
    // Stored first, then announced: the sessions and calendar feed URLs go (reactivation brings
    // neither back), and live sockets are told and dropped.
    await deleteSessionsOf(userId);
    await revokeCalendarTokens(userId);
    realtime.endUserSockets(userId, 'deactivated');
  }
  await recordAudit({ actor: by, action: active ? 'account.reactivated' : 'account.deactivated', target: accountTarget(user) });
  return loadUser(userId);
}

/** `user` is the signed-in person as loaded for this request, password hash included. */
export async function changePassword(options: {
  user: UserWithOrganization;
  currentPassword: string;
  newPassword: string;
  keepSessionId: string;
  realtime: Realtime;
}) {
  const { user } = options;
  if (!(await verifyPassword(user.passwordHash, options.currentPassword))) {
    throw unauthenticated('the current password is incorrect');
  }
  await UserModel.updateOne({ _id: user._id }, { passwordHash: await hashPassword(options.newPassword), passwordChangedAt: new Date() });
  // Stored first, then announced: the other sessions go, and the calendar feed URL (a credential that
  // may have leaked with the old password; the person issues a new one), and live sockets are told and dropped.
  await deleteSessionsOf(user.id as string, options.keepSessionId);
  await revokeCalendarTokens(String(user._id));
  options.realtime.endOtherSessionSockets(String(user._id), options.keepSessionId);
}
