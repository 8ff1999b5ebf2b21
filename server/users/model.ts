import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { DEACTIVATED_BY, ROLES, type DeactivatedBy } from '@shared/domain';
import type { OrganizationDocument } from '../organizations/model';
import { recordWritesIn } from '../db/collectionView';

const userSchema = new Schema(
  {
    /** Normalised (NFKC, trimmed, lower case) by the shared Email schema before it gets here. */
    email: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true, index: true },
    role: { type: String, enum: ROLES, required: true },
    active: { type: Boolean, default: true },
    /** Who deactivated it; null while active (see `deactivatedByOf`). */
    deactivatedBy: { type: String, enum: [...DEACTIVATED_BY, null], default: null },
    passwordHash: { type: String, required: true },
    lastLoginAt: { type: Date, default: null },
    /** The sign-in before `lastLoginAt`: what 前回のログイン shows, since the last one is the session in use. */
    previousLoginAt: { type: Date, default: null },
    passwordChangedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

/**
 * Who deactivated an inactive account. One deactivated before this was recorded counts as the
 * secretariat's: refusing an org admin what the secretariat may have held is the safe reading, and
 * the secretariat can still reactivate it.
 */
export function deactivatedByOf(user: { active: boolean; deactivatedBy?: DeactivatedBy | null }): DeactivatedBy | null {
  return user.active ? null : (user.deactivatedBy ?? 'secretariat');
}

/**
 * Every write to a user or an organisation is recorded here before it resolves, for the in-memory
 * view behind every request's signed-in person (peopleView.ts).
 */
export const PEOPLE_LOG = 'people';
recordWritesIn(userSchema, PEOPLE_LOG);

export type UserRecord = InferSchemaType<typeof userSchema>;
export type UserDocument = HydratedDocument<UserRecord>;
/** A user with its organisation loaded: what a request's `req.user` holds. */
export type UserWithOrganization = Omit<UserDocument, 'organization'> & { organization: OrganizationDocument };
export const UserModel = mongoose.model('User', userSchema);

/**
 * `user` with `organization` set on its ref path. Mongoose takes a document set there as populated,
 * exactly as `populate()` would leave it, without another query.
 */
export function withOrganization(user: UserDocument, organization: OrganizationDocument): UserWithOrganization {
  return Object.assign(user, { organization });
}

/**
 * What services need of the user who acts: a loaded user satisfies it, and so does the plain copy
 * a socket keeps for its whole life (realtime/caller.ts) instead of two hydrated documents.
 */
export type ActingUser = Pick<UserWithOrganization, '_id' | 'id' | 'displayName' | 'role' | 'active'> & {
  organization: Pick<OrganizationDocument, '_id' | 'id' | 'key' | 'kind' | 'vendorType' | 'observerKind' | 'nameJa' | 'nameEn'>;
};

/** A plain copy of what `ActingUser` names, for keeping. */
export function actingCopy(user: ActingUser): ActingUser {
  const o = user.organization;
  return {
    _id: user._id,
    id: user.id as string,
    displayName: user.displayName,
    role: user.role,
    active: user.active,
    organization: {
      _id: o._id,
      id: o.id as string,
      key: o.key,
      kind: o.kind,
      vendorType: o.vendorType,
      observerKind: o.observerKind,
      nameJa: o.nameJa,
      nameEn: o.nameEn,
    },
  };
}
