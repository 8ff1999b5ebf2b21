/**
 * One document per passkey, `_id` = its credential id (base64url): signing in looks it up by `_id`
 * (docs/DATABASE.md), and a second registration of the same authenticator is a duplicate key.
 */
import mongoose, { Schema } from 'mongoose';

const passkeySchema = new Schema(
  {
    _id: { type: String },
    userId: { type: String, required: true, index: true },
    name: { type: String, required: true },
    /** The COSE public key, base64url. */
    publicKey: { type: String, required: true },
    /** The authenticator's signature counter: a response with a lower one is refused (a cloned key). */
    counter: { type: Number, required: true, default: 0 },
    transports: { type: [String], default: [] },
    backedUp: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, default: null },
  },
  { collection: 'passkey_credentials', versionKey: false },
);

export const PasskeyModel = mongoose.model('Passkey', passkeySchema);

/** A passkey as read (`_id` is always set: it is the credential id). */
export interface PasskeyDoc {
  _id: string;
  userId: string;
  name: string;
  publicKey: string;
  counter: number;
  transports: string[];
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}
