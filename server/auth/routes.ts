import type { Request, Response } from 'express';
import passport from 'passport';
import { ErrorBody } from '@shared/schemas/common';
import type { SecondFactorPending } from '@shared/schemas/mfa';
import { ChangePasswordBody, LoginAnswer, LoginBody, Me } from '@shared/schemas/users';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { unauthenticated } from '../http/errors';
import type { UserWithOrganization } from '../users/model';
import { presentMe } from '../users/presenter';
import { changePassword } from '../users/service';
import { SESSION_COOKIE } from './session';
import { recordAudit } from '../audit/log';
import { totpEnabled } from './mfa/totp';
import { hasPasskeys } from './passkeys/service';
import { awaitSecondFactor, completeSignIn } from './signIn';

const errors = {
  400: { description: 'invalid input', schema: ErrorBody },
  401: { description: 'not signed in or wrong credentials', schema: ErrorBody },
};

function authenticateLocal(req: Request, res: Response): Promise<UserWithOrganization | false> {
  return new Promise((resolve, reject) => {
    passport.authenticate('local', { session: false }, (err: unknown, user: UserWithOrganization | false) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(user),
    )(req, res, () => undefined);
  });
}

/** The second factors the person can give after their password; none: the password alone signs in. */
async function secondFactorMethods(userId: string): Promise<SecondFactorPending['methods']> {
  const [totp, passkey] = await Promise.all([totpEnabled(userId), hasPasskeys(userId)]);
  return [...(totp ? (['totp', 'recoveryCode'] as const) : []), ...(passkey ? (['passkey'] as const) : [])];
}

export function authRoutes({ config, throttle, realtime, notifier }: AppContext) {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/auth/login',
        tag: 'auth',
        summary: 'Sign in with e-mail and password; with a second factor, the answer asks for it (POST /api/auth/login/second-factor)',
        access: 'public',
        body: LoginBody,
        responses: {
          200: {
            description: 'signed in (the person), or `{ mfa: "required" }`: the password was right and a second factor is still to come',
            schema: LoginAnswer,
          },
          ...errors,
          429: { description: 'throttled', schema: ErrorBody },
        },
      },
      async ({ req, res, body }) => {
        const address = req.ip ?? 'unknown';
        try {
          await throttle.beforeAttempt(address, body.email);
        } catch (err) {
          await recordAudit({ actor: null, action: 'auth.loginFailed', detail: { email: body.email, reason: 'throttled' } });
          throw err;
        }
        req.body = body; // the normalised e-mail, for passport-local
        const user = await authenticateLocal(req, res);
        if (!user) {
          await throttle.failed(address, body.email);
          await recordAudit({ actor: null, action: 'auth.loginFailed', detail: { email: body.email, reason: 'credentials' } });
          throw unauthenticated('e-mail or password is incorrect');
        }
        const [, methods] = await Promise.all([throttle.succeeded(body.email), secondFactorMethods(String(user._id))]);
        if (methods.length > 0) return awaitSecondFactor(req, user, config.MFA_PENDING_MINUTES, methods);
        await completeSignIn(req, user, ['password'], notifier);
        return presentMe(user, req.session.factors);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/auth/logout',
        tag: 'auth',
        summary: 'Sign out',
        access: 'public',
        responses: { 204: { description: 'signed out' } },
      },
      async ({ req, res, user }) => {
        const sessionId = req.sessionID;
        if (user) await recordAudit({ actor: user, action: 'auth.logout' });
        await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err as Error) : resolve())));
        await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
        res.clearCookie(SESSION_COOKIE);
        if (sessionId) realtime.endSessionSockets(sessionId);
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/me',
        tag: 'auth',
        summary: 'The signed-in person, with their organisation, role, abilities and how they signed in',
        access: 'user',
        openWhileEnrolling: true,
        responses: { 200: { description: 'me', schema: Me }, ...errors },
      },
      ({ req, user }) => presentMe(user, req.session.factors),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/me/password',
        tag: 'auth',
        summary: 'Change my password (ends my other sessions)',
        access: 'user',
        openWhileEnrolling: true,
        body: ChangePasswordBody,
        responses: { 204: { description: 'changed' }, ...errors },
      },
      async ({ req, user, body }) => {
        await changePassword({ user, ...body, keepSessionId: req.sessionID, realtime });
        await recordAudit({
          actor: user,
          action: 'auth.passwordChanged',
          target: { kind: 'user', id: String(user._id), label: user.email },
        });
      },
    ),
  ];
}
