/**
 * The second step of signing in, the person's own second-factor settings (open while enrolment is
 * required, like /api/me), and the secretariat's reset. Verification is throttled per account.
 */
import { ErrorBody, IdParams } from '@shared/schemas/common';
import { RecoveryCodes, SecondFactorBody, SecondFactorStatus, TotpCodeBody, TotpSetup } from '@shared/schemas/mfa';
import { Me, User } from '@shared/schemas/users';
import type { AppContext } from '../../context';
import { defineRoute } from '../../http/route';
import { conflictResponse, errorResponses } from '../../http/responses';
import { HttpError, unauthenticated } from '../../http/errors';
import { presentMe, presentUser } from '../../users/presenter';
import { findUserWithOrganization } from '../../users/peopleView';
import { deleteSessionsOf } from '../session';
import { completeSignIn, pendingUser } from '../signIn';
import {
  disableTotp,
  enableTotp,
  proveSecondFactor,
  regenerateRecoveryCodes,
  resetSecondFactor,
  secondFactorStatus,
  startTotpSetup,
} from './service';

const errors = { ...errorResponses, 429: { description: 'too many wrong codes: the account is locked for a while', schema: ErrorBody } };
const tag = 'auth';

export function secondFactorRoutes({ throttle, realtime, notifier }: AppContext) {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/auth/login/second-factor',
        tag,
        summary: 'The second step of signing in: a code from the authenticator app, or a recovery code',
        access: 'public',
        body: SecondFactorBody,
        responses: { 200: { description: 'signed in', schema: Me }, ...errors },
      },
      async ({ req, body }) => {
        const pending = await pendingUser(req);
        if (!pending)
          throw unauthenticated('sign in with your e-mail and password first (or again: the second step waits a few minutes only)');
        const used = await proveSecondFactor({
          user: pending.user,
          input: body,
          throttle,
          purpose: 'signIn',
          allowRecoveryCode: true,
          wrong: (message, field) => new HttpError(401, 'unauthenticated', message, field),
        });
        await completeSignIn(req, pending.user, [...pending.factors, used], notifier);
        return presentMe(pending.user, req.session.factors);
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/me/mfa',
        tag,
        summary: 'My second factors: whether an authenticator app is set up, recovery codes left, whether my role requires one',
        access: 'user',
        openWhileEnrolling: true,
        responses: { 200: { description: 'status', schema: SecondFactorStatus }, ...errors },
      },
      ({ user }) => secondFactorStatus(user),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/me/mfa/totp/setup',
        tag,
        summary: 'Start setting up an authenticator app: a new secret, its otpauth URI and QR code (confirm with /me/mfa/totp/enable)',
        access: 'user',
        openWhileEnrolling: true,
        responses: { 200: { description: 'the secret to add to the app', schema: TotpSetup }, ...errors, ...conflictResponse },
      },
      ({ user }) => startTotpSetup({ user }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/me/mfa/totp/enable',
        tag,
        summary:
          "Confirm the authenticator app with its current code; answers the recovery codes, shown once. Ends the person's other sessions.",
        access: 'user',
        openWhileEnrolling: true,
        body: TotpCodeBody,
        responses: { 200: { description: 'enabled', schema: RecoveryCodes }, ...errors, ...conflictResponse },
      },
      async ({ req, user, body }) => {
        const codes = await enableTotp({ user, code: body.code, throttle });
        // This session has just proved the new factor; sessions signed in without it end.
        req.session.factors = [...(req.session.factors ?? ['password']).filter((f) => f !== 'totp'), 'totp'];
        const userId = String(user._id);
        await deleteSessionsOf(userId, req.sessionID);
        realtime.endOtherSessionSockets(userId, req.sessionID, 'secondFactorChanged');
        return { codes };
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/me/mfa/totp/disable',
        tag,
        summary: 'Turn the authenticator app off (not for roles that require it), with a current code or a recovery code',
        access: 'user',
        body: SecondFactorBody,
        responses: { 204: { description: 'turned off' }, ...errors, ...conflictResponse },
      },
      ({ user, body }) => disableTotp({ user, input: body, throttle }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/me/mfa/recovery-codes',
        tag,
        summary: 'New recovery codes, confirmed with a current code; the old ones stop working',
        access: 'user',
        body: TotpCodeBody,
        responses: { 200: { description: 'the new codes, shown once', schema: RecoveryCodes }, ...errors, ...conflictResponse },
      },
      async ({ user, body }) => ({ codes: await regenerateRecoveryCodes({ user, code: body.code, throttle }) }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/users/:id/mfa/reset',
        tag: 'accounts',
        summary:
          "Reset a person's second factor (a lost phone; the secretariat): their sessions end, and they enrol again where their role requires it",
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'reset', schema: User }, ...errorResponses },
      },
      async ({ actor, user: by, params }) => {
        await resetSecondFactor({ actor, by, userId: params.id });
        await deleteSessionsOf(params.id);
        realtime.endUserSockets(params.id, 'secondFactorChanged');
        return presentUser((await findUserWithOrganization(params.id))!);
      },
    ),
  ];
}
