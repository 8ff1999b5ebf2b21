import type { Request, Response } from 'express';
import passport from 'passport';
import { ErrorBody } from '@shared/schemas/common';
import { ChangePasswordBody, LoginBody, Me } from '@shared/schemas/users';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { unauthenticated } from '../http/errors';
import { UserModel, type UserWithOrganization } from '../users/model';
import { presentMe } from '../users/presenter';
import { changePassword } from '../users/service';
import { SESSION_COOKIE } from './session';
import { recordAudit } from '../audit/log';

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

function logIn(req: Request, user: UserWithOrganization): Promise<void> {
  // passport ≥ 0.6 regenerates the session here, so a session id planted before sign-in is useless.
  return new Promise((resolve, reject) => req.login(user, (err) => (err ? reject(err as Error) : resolve())));
}

export function authRoutes({ throttle, realtime }: AppContext) {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/auth/login',
        tag: 'auth',
        summary: 'Sign in with e-mail and password',
        access: 'public',
        body: LoginBody,
        responses: { 200: { description: 'signed in', schema: Me }, ...errors, 429: { description: 'throttled', schema: ErrorBody } },
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
        await throttle.succeeded(body.email);
        await logIn(req, user);
        req.session.signedInAt = Date.now();
        // The last sign-in becomes the previous one: shown to the person, it is the one they can check was theirs.
        user.previousLoginAt = user.lastLoginAt ?? null;
        user.lastLoginAt = new Date();
        await UserModel.updateOne({ _id: user._id }, { lastLoginAt: user.lastLoginAt, previousLoginAt: user.previousLoginAt });
        await recordAudit({ actor: user, action: 'auth.login' });
        return presentMe(user);
      },
    ),
    defineRoute(
      { method: 'post', path: '/auth/logout', tag: 'auth', summary: 'Sign out', access: 'public', responses: { 204: { description: 'signed out' } } },
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
      { method: 'get', path: '/me', tag: 'auth', summary: 'The signed-in person, with their organisation, role and abilities', access: 'user', responses: { 200: { description: 'me', schema: Me }, ...errors } },
      ({ user }) => presentMe(user),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/me/password',
        tag: 'auth',
        summary: 'Change my password (ends my other sessions)',
        access: 'user',
        body: ChangePasswordBody,
        responses: { 204: { description: 'changed' }, ...errors },
      },
      async ({ req, user, body }) => {
        await changePassword({ user, ...body, keepSessionId: req.sessionID, realtime });
        await recordAudit({ actor: user, action: 'auth.passwordChanged', target: { kind: 'user', id: String(user._id), label: user.email } });
      },
    ),
  ];
}
