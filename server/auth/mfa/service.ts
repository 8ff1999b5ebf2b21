/**
 * Second factors: enrolment (set-up, then a first code to confirm it), proving one at sign-in or
 * before a sensitive change, turning it off where the role allows, and the secretariat's reset for
 * a lost phone. Verification is throttled per account in the database and wrong codes are audited.
 */
import type { Actor } from '@shared/domain';
import type { SecondFactorStatus, TotpSetup } from '@shared/schemas/mfa';
import { secondFactorRequired, type SignInFactor } from '@shared/signIn';
import { recordAudit } from '../../audit/log';
import { authorize } from '../../http/authorize';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../../http/errors';
import { UserModel, type ActingUser, type UserWithOrganization } from '../../users/model';
import { toActor } from '../../users/presenter';
import type { LoginThrottle } from '../throttle';
import { deletePasskeysOf } from '../passkeys/service';
import { TotpFactorModel } from './model';
import { deleteRecoveryCodes, issueRecoveryCodes, recoveryCodesLeft, useRecoveryCode } from './recoveryCodes';
import { claimStep, matchingStep, newTotpSecret, otpauthUri, qrSvg, totpEnabled, useTotpCode } from './totp';

/** A set-up not confirmed within this long must be started again (its QR code was on a screen). */
const SETUP_VALID_MS = 15 * 60_000;

export type SecondFactorInput = { code?: string; recoveryCode?: string };

export async function secondFactorStatus(user: UserWithOrganization): Promise<SecondFactorStatus> {
  const userId = String(user._id);
  const factor = await TotpFactorModel.findById(userId).lean();
  const enabled = Boolean(factor?.secret && factor.enabledAt);
  const required = secondFactorRequired(toActor(user));
  return {
    totp: { enabled, enabledAt: enabled ? factor!.enabledAt!.toISOString() : null },
    recoveryCodesLeft: enabled ? await recoveryCodesLeft(userId) : 0,
    required,
    canDisable: enabled && !required,
  };
}

/**
 * Check a second factor for `user` and use it up, throttled: a wrong one is counted (429 once the
 * account is locked) and audited, then refused with `wrong` (a 401 at sign-in, a 400 elsewhere).
 */
export async function proveSecondFactor(options: {
  user: ActingUser;
  input: SecondFactorInput;
  throttle: LoginThrottle;
  /** Where it was asked for, for the audit log. */
  purpose: 'signIn' | 'disable' | 'recoveryCodes';
  wrong: (message: string, field: string) => HttpError;
  /** Recovery codes count (sign-in, turning off); TOTP only when not. */
  allowRecoveryCode?: boolean;
}): Promise<SignInFactor> {
  const { user, input, throttle } = options;
  const userId = String(user._id);
  await throttle.beforeSecondFactor(userId);
  let used: SignInFactor | null = null;
  if (input.code !== undefined) used = (await useTotpCode(userId, input.code)) ? 'totp' : null;
  else if (input.recoveryCode !== undefined && options.allowRecoveryCode)
    used = (await useRecoveryCode(userId, input.recoveryCode)) ? 'recoveryCode' : null;
  if (!used) {
    const field = input.code !== undefined || !options.allowRecoveryCode ? 'body.code' : 'body.recoveryCode';
    await recordAudit({
      actor: user,
      action: 'auth.mfaFailed',
      detail: { purpose: options.purpose, method: field === 'body.code' ? 'totp' : 'recoveryCode' },
    });
    await throttle.secondFactorFailed(userId);
    throw options.wrong(
      field === 'body.code' ? `${field}: the code is not correct, or was used already` : `${field}: not one of your unused recovery codes`,
      field,
    );
  }
  await throttle.secondFactorSucceeded(userId);
  if (used === 'recoveryCode') {
    await recordAudit({
      actor: user,
      action: 'auth.recoveryCodeUsed',
      detail: { purpose: options.purpose, left: await recoveryCodesLeft(userId) },
    });
  }
  return used;
}

const wrongInput = (message: string, field: string) => badRequest(message, field);

/** Start (or restart) TOTP enrolment: a new secret, waiting for its first code. */
export async function startTotpSetup({ user }: { user: UserWithOrganization }): Promise<TotpSetup> {
  const userId = String(user._id);
  if (await totpEnabled(userId)) throw conflict('an authenticator app is already set up; turn it off first to set up another');
  const secret = newTotpSecret();
  await TotpFactorModel.updateOne({ _id: userId }, { $set: { pendingSecret: secret, pendingAt: new Date() } }, { upsert: true });
  const uri = otpauthUri(secret, user.email);
  return { secret, otpauthUri: uri, qrSvg: await qrSvg(uri) };
}

/** Confirm enrolment with a first code; returns the recovery codes, shown once. */
export async function enableTotp({
  user,
  code,
  throttle,
}: {
  user: UserWithOrganization;
  code: string;
  throttle: LoginThrottle;
}): Promise<string[]> {
  const userId = String(user._id);
  const factor = await TotpFactorModel.findById(userId).lean();
  if (factor?.secret && factor.enabledAt) throw conflict('an authenticator app is already set up');
  if (!factor?.pendingSecret || !factor.pendingAt || Date.now() - factor.pendingAt.getTime() > SETUP_VALID_MS) {
    throw conflict('start the set-up first (or again: it is valid for 15 minutes)');
  }
  await throttle.beforeSecondFactor(userId);
  const step = await matchingStep(factor.pendingSecret, code);
  if (step === null) {
    await recordAudit({ actor: user, action: 'auth.mfaFailed', detail: { purpose: 'enrolment', method: 'totp' } });
    await throttle.secondFactorFailed(userId);
    throw wrongInput('body.code: the code does not match; check that the time on your phone is right and try the next code', 'body.code');
  }
  await throttle.secondFactorSucceeded(userId);
  await TotpFactorModel.updateOne(
    { _id: userId },
    { $set: { secret: factor.pendingSecret, enabledAt: new Date(), pendingSecret: null, pendingAt: null, lastUsedStep: 0 } },
  );
  // The confirming code is used up like any other.
  await claimStep(userId, step, 0);
  const codes = await issueRecoveryCodes(userId);
  await recordAudit({
    actor: user,
    action: 'auth.mfaEnabled',
    target: { kind: 'user', id: userId, label: user.email },
    detail: { method: 'totp' },
  });
  return codes;
}

/** Turn TOTP off (roles that may), proved with a current code or a recovery code. */
export async function disableTotp(options: {
  user: UserWithOrganization;
  input: SecondFactorInput;
  throttle: LoginThrottle;
}): Promise<void> {
  const { user } = options;
  const userId = String(user._id);
  if (secondFactorRequired(toActor(user)))
    throw forbidden('your role requires a second factor; it cannot be turned off (the secretariat can reset it for a lost phone)');
  if (!(await totpEnabled(userId))) throw conflict('no authenticator app is set up');
  await proveSecondFactor({ ...options, purpose: 'disable', wrong: wrongInput, allowRecoveryCode: true });
  await removeSecondFactor(userId);
  await recordAudit({
    actor: user,
    action: 'auth.mfaDisabled',
    target: { kind: 'user', id: userId, label: user.email },
    detail: { method: 'totp' },
  });
}

/** New recovery codes (the old ones stop working), confirmed with a current code. */
export async function regenerateRecoveryCodes({
  user,
  code,
  throttle,
}: {
  user: UserWithOrganization;
  code: string;
  throttle: LoginThrottle;
}): Promise<string[]> {
  const userId = String(user._id);
  if (!(await totpEnabled(userId))) throw conflict('set up an authenticator app first');
  await proveSecondFactor({ user, input: { code }, throttle, purpose: 'recoveryCodes', wrong: wrongInput });
  const codes = await issueRecoveryCodes(userId);
  await recordAudit({ actor: user, action: 'auth.recoveryCodesRegenerated', target: { kind: 'user', id: userId, label: user.email } });
  return codes;
}

async function removeSecondFactor(userId: string): Promise<void> {
  await TotpFactorModel.deleteOne({ _id: userId });
  await deleteRecoveryCodes(userId);
}

/**
 * The secretariat clears someone's second factor (a lost phone): they sign in with their password
 * and, where their role requires one, must enrol again before anything else. The caller ends the
 * person's sessions. Not one's own: another secretariat member must agree to it by doing it.
 */
export async function resetSecondFactor({ actor, by, userId }: { actor: Actor; by: ActingUser; userId: string }) {
  authorize(actor, 'account.resetSecondFactor');
  if (userId === actor.id) throw forbidden('another secretariat member must reset your own second factor');
  const target = await UserModel.findById(userId);
  if (!target) throw notFound('user');
  const hadTotp = await totpEnabled(userId);
  await removeSecondFactor(userId);
  // A lost device may hold the passkeys as well: they go too, and the person enrols again.
  const passkeys = await deletePasskeysOf(userId);
  await recordAudit({
    actor: by,
    action: 'auth.mfaReset',
    target: { kind: 'user', id: userId, label: target.email },
    detail: { hadTotp, passkeys },
  });
  return target;
}
