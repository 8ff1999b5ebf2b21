/** passport-local: e-mail and password against the argon2id hash; the session keeps the user id. */
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { OrganizationModel } from '../organizations/model';
import { UserModel, withOrganization, type UserWithOrganization } from '../users/model';
import { burnVerification, verifyPassword } from './password';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends UserWithOrganization {}
  }
}

/**
 * The signed-in user of every request and socket handshake. Two `_id` lookups rather than
 * `populate()`, whose `_id: { $in }` query FerretDB does not push down: on the embedded engine it
 * decoded every organisation on every request (14 ms against 1.4 ms; docs/PERFORMANCE.md).
 */
export async function findUserWithOrganization(id: string): Promise<UserWithOrganization | null> {
  const user = await UserModel.findById(id);
  if (!user) return null;
  const organization = await OrganizationModel.findById(user.organization);
  // Organisations are never deleted: a dangling reference is a broken database, not a signed-out person.
  if (!organization) throw new Error(`user ${id}: organisation ${String(user.organization)} not found`);
  return withOrganization(user, organization);
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
  passport.deserializeUser((id: string, done) => {
    findUserWithOrganization(id)
      .then((user) => done(null, user?.active ? user : false))
      .catch(done);
  });
  return passport;
}
