/**
 * Passkeys: registering one (signed in), listing and removing them, and proving one at sign-in —
 * as the second step after a password, or on its own (a discoverable passkey with user
 * verification). Challenges live in the session, for five minutes, and are used up by the first
 * answer, right or wrong. Wrong answers count on the same durable throttle as wrong TOTP codes.
 */
import type { Request } from 'express';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Passkey, PasskeyList } from '@shared/schemas/passkeys';
import { secondFactorRequired } from '@shared/signIn';
import { recordAudit } from '../../audit/log';
import type { Config } from '../../config';
import { isDuplicateKey } from '../../db/keys';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../../http/errors';
import type { UserWithOrganization } from '../../users/model';
import { toActor } from '../../users/presenter';
import { totpEnabled } from '../mfa/totp';
import type { LoginThrottle } from '../throttle';
import { PasskeyModel, type PasskeyDoc } from './model';
import { relyingParty } from './relyingParty';

const CHALLENGE_VALID_MS = 5 * 60_000;

export type ChallengePurpose = 'register' | 'signIn';

/** Take the session's challenge for `purpose`: it is gone afterwards whatever the answer (single use). */
function takeChallenge(req: Request, purpose: ChallengePurpose): { challenge: string; userId: string | null } {
  const stored = req.session.passkeyChallenge;
  delete req.session.passkeyChallenge;
  if (!stored || stored.purpose !== purpose || stored.expiresAt <= Date.now()) {
    throw conflict('ask for new passkey options first (or again: they are valid for 5 minutes and once)');
  }
  return { challenge: stored.challenge, userId: stored.userId };
}

function keepChallenge(req: Request, purpose: ChallengePurpose, challenge: string, userId: string | null): void {
  req.session.passkeyChallenge = { purpose, challenge, userId, expiresAt: Date.now() + CHALLENGE_VALID_MS };
}

const present = (doc: Pick<PasskeyDoc, '_id' | 'name' | 'createdAt' | 'lastUsedAt' | 'backedUp'>): Passkey => ({
  id: doc._id,
  name: doc.name,
  createdAt: doc.createdAt.toISOString(),
  lastUsedAt: doc.lastUsedAt?.toISOString() ?? null,
  backedUp: doc.backedUp,
});

export const hasPasskeys = async (userId: string) => (await PasskeyModel.countDocuments({ userId })) > 0;

export async function listPasskeys(user: UserWithOrganization): Promise<PasskeyList> {
  const userId = String(user._id);
  const docs = await PasskeyModel.find({ userId }).sort({ createdAt: 1 }).lean<PasskeyDoc[]>();
  const otherFactor = await totpEnabled(userId);
  return { passkeys: docs.map(present), canRemoveLast: otherFactor || !secondFactorRequired(toActor(user)) };
}

export async function registrationOptions({ req, config, user }: { req: Request; config: Config; user: UserWithOrganization }) {
  const rp = relyingParty(config, req);
  const userId = String(user._id);
  const existing = await PasskeyModel.find({ userId }, { transports: 1 }).lean<PasskeyDoc[]>();
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.email,
    userDisplayName: user.displayName,
    // The user handle the authenticator keeps with a discoverable passkey: the account id, no personal data.
    userID: new TextEncoder().encode(userId),
    attestationType: 'none',
    // Discoverable, so that it can sign in on its own; verified, so that it counts as two factors.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    excludeCredentials: existing.map((c) => ({ id: c._id, transports: c.transports as AuthenticatorTransport[] })),
    timeout: CHALLENGE_VALID_MS,
  });
  keepChallenge(req, 'register', options.challenge, userId);
  return options;
}

export async function registerPasskey(options: {
  req: Request;
  config: Config;
  user: UserWithOrganization;
  name: string;
  response: RegistrationResponseJSON;
}) {
  const { req, config, user } = options;
  const userId = String(user._id);
  const { challenge, userId: challengedFor } = takeChallenge(req, 'register');
  // The options were made for the person signed in now (a session signed in again since then is another person).
  if (challengedFor !== userId) throw conflict('ask for new passkey options first');
  const rp = relyingParty(config, req);
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: options.response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
  } catch (err) {
    throw badRequest(
      `body.response: the passkey could not be verified (${err instanceof Error ? err.message : String(err)})`,
      'body.response',
    );
  }
  if (!verified.verified) throw badRequest('body.response: the passkey could not be verified', 'body.response');
  const { credential, credentialBackedUp } = verified.registrationInfo;
  const createdAt = new Date();
  try {
    await PasskeyModel.collection.insertOne({
      _id: credential.id,
      userId,
      name: options.name,
      publicKey: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports ?? [],
      backedUp: credentialBackedUp,
      createdAt,
      lastUsedAt: null,
    } as never);
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('this passkey is registered already', 'body.response');
    throw err;
  }
  await recordAudit({
    actor: user,
    action: 'auth.passkeyAdded',
    target: { kind: 'user', id: userId, label: user.email },
    detail: { name: options.name, backedUp: credentialBackedUp },
  });
  return present({ _id: credential.id, name: options.name, createdAt, lastUsedAt: null, backedUp: credentialBackedUp });
}

/** Remove one of one's own passkeys; not the last second factor where the role requires one. */
export async function removePasskey({ user, id }: { user: UserWithOrganization; id: string }): Promise<void> {
  const userId = String(user._id);
  const doc = await PasskeyModel.findById(id).lean<PasskeyDoc>();
  // Someone else's passkey is as unknown as one that does not exist.
  if (!doc || doc.userId !== userId) throw notFound('passkey');
  const list = await listPasskeys(user);
  if (list.passkeys.length === 1 && !list.canRemoveLast) {
    throw forbidden('your role requires a second factor: set up an authenticator app or another passkey before removing this one');
  }
  await PasskeyModel.deleteOne({ _id: id, userId });
  await recordAudit({
    actor: user,
    action: 'auth.passkeyRemoved',
    target: { kind: 'user', id: userId, label: user.email },
    detail: { name: doc.name },
  });
}

export async function deletePasskeysOf(userId: string): Promise<number> {
  return (await PasskeyModel.deleteMany({ userId })).deletedCount;
}

/**
 * Options for signing in: for the person whose password was right in this session (their passkeys
 * only), or, with nobody pending, for any discoverable passkey (the browser lets the person choose).
 */
export async function signInOptions({ req, config, pendingUserId }: { req: Request; config: Config; pendingUserId: string | null }) {
  const rp = relyingParty(config, req);
  const allow = pendingUserId ? await PasskeyModel.find({ userId: pendingUserId }, { transports: 1 }).lean<PasskeyDoc[]>() : [];
  if (pendingUserId && allow.length === 0) throw conflict('no passkey is registered for this account');
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials: allow.map((c) => ({ id: c._id, transports: c.transports as AuthenticatorTransport[] })),
    userVerification: pendingUserId ? 'preferred' : 'required',
    timeout: CHALLENGE_VALID_MS,
  });
  keepChallenge(req, 'signIn', options.challenge, pendingUserId);
  return options;
}

/**
 * Check a passkey's answer at sign-in; the id of the account it proves. Passwordless (no password
 * in this session) needs user verification: the passkey is then both factors.
 */
export async function provePasskey(options: {
  req: Request;
  config: Config;
  throttle: LoginThrottle;
  response: AuthenticationResponseJSON;
}): Promise<string> {
  const { req, config, throttle, response } = options;
  const { challenge, userId: expectedUser } = takeChallenge(req, 'signIn');
  const address = req.ip ?? 'unknown';
  const doc = await PasskeyModel.findById(response.id).lean<PasskeyDoc>();
  // Unknown (or removed) passkey, or another person's than the password's: counted like a wrong password.
  if (!doc || (expectedUser && doc.userId !== expectedUser)) {
    if (expectedUser) await throttle.secondFactorFailed(expectedUser);
    else await throttle.addressFailed(address);
    await recordAudit({ actor: null, action: 'auth.loginFailed', detail: { reason: doc ? 'passkeyOfAnotherAccount' : 'unknownPasskey' } });
    throw new HttpError(401, 'unauthenticated', 'body.response: this passkey is not registered (for this account)', 'body.response');
  }
  await throttle.beforeSecondFactor(doc.userId);
  const rp = relyingParty(config, req);
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpID,
      credential: {
        id: doc._id,
        publicKey: isoBase64URL.toBuffer(doc.publicKey),
        counter: doc.counter,
        transports: doc.transports as AuthenticatorTransport[],
      },
      requireUserVerification: !expectedUser,
    });
  } catch (err) {
    // A bad signature, a wrong origin, or a counter that went backwards (a cloned authenticator).
    result = { verified: false, error: err instanceof Error ? err.message : String(err) };
  }
  if (!result.verified || !('authenticationInfo' in result)) {
    await recordAudit({
      actor: null,
      action: 'auth.mfaFailed',
      target: { kind: 'user', id: doc.userId, label: null },
      detail: { purpose: 'signIn', method: 'passkey', error: 'error' in result ? result.error : 'not verified' },
    });
    await throttle.secondFactorFailed(doc.userId);
    throw new HttpError(401, 'unauthenticated', 'body.response: the passkey could not be verified', 'body.response');
  }
  await throttle.secondFactorSucceeded(doc.userId);
  const { newCounter, credentialBackedUp } = result.authenticationInfo;
  await PasskeyModel.updateOne({ _id: doc._id }, { $set: { counter: newCounter, lastUsedAt: new Date(), backedUp: credentialBackedUp } });
  return doc.userId;
}
