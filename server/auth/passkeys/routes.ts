/**
 * Passkeys: a person's own (list, register, remove; registering is open while enrolment is
 * required, since a passkey is a second factor), and signing in with one — the second step after a
 * password, or on its own.
 */
import { ErrorBody } from '@shared/schemas/common';
import { Passkey, PasskeyList, PasskeyParams, PasskeyRegistrationBody, PasskeySignInBody, WebAuthnOptions } from '@shared/schemas/passkeys';
import { Me } from '@shared/schemas/users';
import type { AppContext } from '../../context';
import { defineRoute } from '../../http/route';
import { conflictResponse, errorResponses } from '../../http/responses';
import { unauthenticated } from '../../http/errors';
import { presentMe } from '../../users/presenter';
import { findUserWithOrganization } from '../../users/peopleView';
import { completeSignIn, pendingUser } from '../signIn';
import { listPasskeys, provePasskey, registerPasskey, registrationOptions, removePasskey, signInOptions } from './service';

const tag = 'auth';
const errors = { ...errorResponses, 429: { description: 'too many failed attempts: locked for a while', schema: ErrorBody } };

export function passkeyRoutes({ config, throttle, notifier }: AppContext) {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/me/passkeys',
        tag,
        summary: 'My passkeys',
        access: 'user',
        openWhileEnrolling: true,
        responses: { 200: { description: 'passkeys', schema: PasskeyList }, ...errors },
      },
      ({ user }) => listPasskeys(user),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/me/passkeys/options',
        tag,
        summary: 'Start registering a passkey: options for navigator.credentials.create (valid 5 minutes, once)',
        access: 'user',
        openWhileEnrolling: true,
        responses: { 200: { description: 'options', schema: WebAuthnOptions }, ...errors },
      },
      ({ req, user }) => registrationOptions({ req, config, user }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/me/passkeys',
        tag,
        summary: "Register a passkey with the authenticator's answer; this session counts it as its second factor",
        access: 'user',
        openWhileEnrolling: true,
        body: PasskeyRegistrationBody,
        status: 201,
        responses: { 201: { description: 'registered', schema: Passkey }, ...errors, ...conflictResponse },
      },
      async ({ req, user, body }) => {
        const passkey = await registerPasskey({ req, config, user, name: body.name, response: body.response });
        // Made with user verification in this session: proved here, as a confirmed TOTP code is.
        req.session.factors = [...(req.session.factors ?? ['password']).filter((f) => f !== 'passkey'), 'passkey'];
        return passkey;
      },
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/me/passkeys/:id',
        tag,
        summary: 'Remove one of my passkeys (not the last second factor of a role that requires one)',
        access: 'user',
        params: PasskeyParams,
        responses: { 204: { description: 'removed' }, ...errors },
      },
      ({ user, params }) => removePasskey({ user, id: params.id }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/auth/login/passkey/options',
        tag,
        summary:
          'Options for signing in with a passkey: for the account whose password was just given, or (with none) any passkey of this site',
        access: 'public',
        responses: { 200: { description: 'options', schema: WebAuthnOptions }, ...errors, ...conflictResponse },
      },
      async ({ req }) => {
        const pending = await pendingUser(req);
        if (!pending) await throttle.beforeAddress(req.ip ?? 'unknown');
        return signInOptions({ req, config, pendingUserId: pending ? String(pending.user._id) : null });
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/auth/login/passkey',
        tag,
        summary: "Sign in with a passkey's answer: the second step after a password, or on its own (user verification required)",
        access: 'public',
        body: PasskeySignInBody,
        responses: { 200: { description: 'signed in', schema: Me }, ...errors, ...conflictResponse },
      },
      async ({ req, body }) => {
        const pending = await pendingUser(req);
        const userId = await provePasskey({ req, config, throttle, response: body.response });
        const user = pending?.user ?? (await findUserWithOrganization(userId));
        if (!user?.active) throw unauthenticated('this account cannot sign in');
        await completeSignIn(req, user, [...(pending?.factors ?? []), 'passkey'], notifier);
        return presentMe(user, req.session.factors);
      },
    ),
  ];
}
