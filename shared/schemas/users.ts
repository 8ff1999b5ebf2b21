import { z } from 'zod';
import { DEACTIVATED_BY, ROLES, PERSONAS } from '../domain';
import { ACTIONS } from '../permissions';
import { Email, NewPassword, Password } from './common';
import { SecondFactorPending, SignInState } from './mfa';
import { Organization } from './organizations';

export const DisplayName = z.string().trim().min(1, 'required').max(100);

export const User = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    active: z.boolean(),
    /** Who deactivated it (null while active): the secretariat's deactivation only the secretariat lifts. */
    deactivatedBy: z.enum(DEACTIVATED_BY).nullable(),
    organization: Organization,
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const Me = User.extend({
  /** The sign-in before the current one (null at the first): 前回のログイン. */
  previousLoginAt: z.string().nullable(),
  persona: z.enum(PERSONAS),
  abilities: z.record(z.enum(ACTIONS), z.boolean()),
  signIn: SignInState,
}).meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

/** A right password answers with the person, or with the second step still to take. */
export const LoginAnswer = z.union([Me, SecondFactorPending]);
export type LoginAnswer = z.infer<typeof LoginAnswer>;

export const LoginBody = z.strictObject({ email: Email, password: Password });
export type LoginBody = z.infer<typeof LoginBody>;

export const ChangePasswordBody = z
  .strictObject({ currentPassword: Password, newPassword: NewPassword })
  .refine((b) => b.currentPassword !== b.newPassword, {
    message: 'must differ from the current password',
    path: ['newPassword'],
  });
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const UserCreateBody = z.strictObject({
  email: Email,
  displayName: DisplayName,
  role: z.enum(ROLES).default('member'),
});
export type UserCreateBody = z.infer<typeof UserCreateBody>;

export const UserCreated = z
  .object({ user: User, temporaryPassword: z.string() })
  .meta({ id: 'UserCreated', description: 'The temporary password is shown once; hand it to the person.' });
export type UserCreated = z.infer<typeof UserCreated>;

export const UserUpdateBody = z
  .strictObject({ displayName: DisplayName, role: z.enum(ROLES) })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to update');
export type UserUpdateBody = z.infer<typeof UserUpdateBody>;

export const UserList = z.object({ users: z.array(User) }).meta({ id: 'UserList' });
export type UserList = z.infer<typeof UserList>;
