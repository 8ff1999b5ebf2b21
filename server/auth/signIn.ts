/**
 * Signing a session in, in one or two steps. A right password either signs the person in or, when
 * they have a second factor, leaves the session "password verified, second factor pending" for a
 * few minutes: no passport user, so every route and socket still sees nobody. The factors used are
 * kept on the session (shared/signIn.ts).
 */
import type { Request } from 'express';
import type { SignInFactor } from '@shared/signIn';
import type { SecondFactorPending } from '@shared/schemas/mfa';
import { recordAudit } from '../audit/log';
import { UserModel, type UserWithOrganization } from '../users/model';
import { findUserWithOrganization } from '../users/peopleView';
import { accountNotifications } from '../notifications/triggers/accounts';
import type { Notifier } from '../notifications/types';

function logIn(req: Request, user: UserWithOrganization): Promise<void> {
  // passport ≥ 0.6 regenerates the session here, so a session id planted before sign-in is useless.
  return new Promise((resolve, reject) => req.login(user, (err) => (err ? reject(err as Error) : resolve())));
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err as Error) : resolve())));
}

/** Sign the session in as `user`, proved with `factors`; `notifier` tells the person of a browser new to the account. */
export async function completeSignIn(
  req: Request,
  user: UserWithOrganization,
  factors: SignInFactor[],
  notifier?: Notifier,
): Promise<void> {
  const firstSignIn = user.lastLoginAt == null;
  // The last sign-in becomes the previous one: shown to the person, it is the one they can check was theirs.
  user.previousLoginAt = user.lastLoginAt ?? null;
  user.lastLoginAt = new Date();
  // Written side by side (each records a change; neither waits for the other).
  await Promise.all([
    logIn(req, user),
    UserModel.updateOne({ _id: user._id }, { lastLoginAt: user.lastLoginAt, previousLoginAt: user.previousLoginAt }),
  ]);
  req.session.signedInAt = Date.now();
  req.session.factors = factors;
  await recordAudit({ actor: user, action: 'auth.login', detail: { factors } });
  if (notifier) {
    const person = { id: user.id as string, displayName: user.displayName, firstSignIn };
    accountNotifications(notifier).signedIn(person, req.get('user-agent'), req.ip);
  }
}

/** Keep the right password on a fresh session and ask for the second factor. */
export async function awaitSecondFactor(
  req: Request,
  user: UserWithOrganization,
  pendingMinutes: number,
  methods: SecondFactorPending['methods'],
): Promise<SecondFactorPending> {
  // A fresh session id for the half-signed-in state too: one planted before it learns nothing.
  await regenerate(req);
  const expiresInSeconds = pendingMinutes * 60;
  req.session.pendingSignIn = { userId: String(user._id), factors: ['password'], expiresAt: Date.now() + expiresInSeconds * 1000 };
  return { mfa: 'required', methods, expiresInSeconds };
}

/** The person whose password was right in this session and who may still give a second factor; null when none or expired. */
export async function pendingUser(req: Request): Promise<{ user: UserWithOrganization; factors: SignInFactor[] } | null> {
  const pending = req.session?.pendingSignIn;
  if (!pending) return null;
  if (pending.expiresAt <= Date.now()) {
    delete req.session.pendingSignIn;
    return null;
  }
  const user = await findUserWithOrganization(pending.userId);
  return user?.active ? { user, factors: pending.factors } : null;
}
