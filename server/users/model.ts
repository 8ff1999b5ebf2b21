import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { ROLES } from '@shared/domain';
import type { OrganizationDocument } from '../organizations/model';

const userSchema = new Schema(
  {
    /** Normalised (NFKC, trimmed, lower case) by the shared Email schema before it gets here. */
    email: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true, index: true },
    role: { type: String, enum: ROLES, required: true },
    active: { type: Boolean, default: true },
    passwordHash: { type: String, required: true },
    lastLoginAt: { type: Date, default: null },
    passwordChangedAt: { type: Date, default: null },
  },
  { timestamps: true },
);

export type UserRecord = InferSchemaType<typeof userSchema>;
export type UserDocument = HydratedDocument<UserRecord>;
/** A user with its organisation loaded: what a request's `req.user` holds. */
export type UserWithOrganization = Omit<UserDocument, 'organization'> & { organization: OrganizationDocument };
export const UserModel = mongoose.model('User', userSchema);
