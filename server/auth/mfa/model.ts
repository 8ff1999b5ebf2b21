/**
 * Second factors, kept apart from the user document so that a user read on every request carries
 * no secret, and each keyed so that every write is by `_id` (docs/DATABASE.md, "No lost writes").
 */
import mongoose, { Schema } from 'mongoose';

const totpSchema = new Schema(
  {
    /** The user's id. */
    _id: { type: String },
    /** Base32; set once enrolment is confirmed with a code. */
    secret: { type: String, default: null },
    enabledAt: { type: Date, default: null },
    /** A secret shown at set-up, waiting for its first code. */
    pendingSecret: { type: String, default: null },
    pendingAt: { type: Date, default: null },
    /** The time step of the last code accepted: no code of that step or earlier is accepted again. */
    lastUsedStep: { type: Number, default: 0 },
  },
  { collection: 'totp_factors', versionKey: false },
);

/**
 * A time step claimed by the code that used it, `_id` = `<user>:<step>`: of two requests with the
 * same code at once, the unique insert lets exactly one through, on every engine.
 */
const usedStepSchema = new Schema(
  { _id: { type: String }, at: { type: Date, required: true } },
  { collection: 'totp_used_steps', versionKey: false },
);

/** One document per recovery code, `_id` = `<user>:<sha256 of the code>`; using one deletes it. */
const recoveryCodeSchema = new Schema(
  {
    _id: { type: String },
    userId: { type: String, required: true, index: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'recovery_codes', versionKey: false },
);

export const TotpFactorModel = mongoose.model('TotpFactor', totpSchema);
export const TotpUsedStepModel = mongoose.model('TotpUsedStep', usedStepSchema);
export const RecoveryCodeModel = mongoose.model('RecoveryCode', recoveryCodeSchema);
