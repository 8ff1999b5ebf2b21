/** passport-local: e-mail and password against the argon2id hash; the session keeps the user id. */
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { UserModel, type UserWithOrganization } from '../users/model';
import { findUserWithOrganization } from '../users/peopleView';
import { burnVerification, verifyPassword } from './password';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends UserWithOrganization {}
  }
}

export function configurePassport(): typeof passport {
  passport.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password', session: true }, (email, password, done) => {
      (async () => {
        const user = await UserModel.findOne({ email }).populate<Pick<UserWithOrganization, 'organization'>>('organization');
        if (!user) {
          await burnVerification(password);
          return done(null, false);
        }
        const matches = await verifyPassword(user.passwordHash, password);
        if (!matches || !user.active) return done(null, false);
        return done(null, user);
      })().catch(done);
    }),
  );
  passport.serializeUser((user, done) => done(null, user.id as string));
  passport.deserializeUser((id: string, done: (err: unknown, user?: Express.User | false) => void) => {
    findUserWithOrganization(id)
      .then((user) => done(null, user?.active ? user : false))
      .catch(done);
  });
  return passport;
}
