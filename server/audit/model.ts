/** Audit entries, keyed by their sequence number: a unique `_id` lets only one writer take each place in the chain. */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { AUDIT_ACTIONS } from '@shared/schemas/audit';

const auditEntrySchema = new Schema(
  {
    _id: { type: Number, required: true },
    at: { type: Date, required: true },
    actor: {
      type: new Schema({ id: { type: String, required: true }, displayName: String, organization: String, role: String }, { _id: false }),
      default: null,
    },
    action: { type: String, enum: AUDIT_ACTIONS, required: true },
    target: { type: new Schema({ kind: String, id: String, label: { type: String, default: null } }, { _id: false }), default: null },
    detail: { type: Schema.Types.Mixed, default: {} },
    origin: {
      type: new Schema(
        { channel: String, ip: { type: String, default: null }, userAgent: { type: String, default: null } },
        { _id: false },
      ),
      required: true,
    },
    prevHash: { type: String, required: true },
    /** How `hash` was made (chain.ts); absent on entries written before the chain was keyed. */
    alg: { type: String },
    hash: { type: String, required: true },
  },
  { versionKey: false, minimize: false, collection: 'auditlog' },
);
auditEntrySchema.index({ at: -1 });
auditEntrySchema.index({ 'actor.id': 1 });

export type AuditRecord = InferSchemaType<typeof auditEntrySchema> & { _id: number };
export const AuditEntryModel = mongoose.model('AuditEntry', auditEntrySchema);
