import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * An uploaded file: its content lives in the blob store under its SHA-256, so the same file
 * uploaded twice is stored once. It belongs to its uploader until a message claims it.
 */
const attachmentSchema = new Schema(
  {
    sha256: { type: String, required: true },
    name: { type: String, required: true },
    type: { type: String, required: true },
    size: { type: Number, required: true },
    uploadedBy: { type: Schema.Types.ObjectId, required: true },
    threadId: { type: Schema.Types.ObjectId, default: null },
    messageId: { type: Schema.Types.ObjectId, default: null },
    /** Meeting materials: the meeting, and the agenda item when it belongs to one. */
    meetingId: { type: Schema.Types.ObjectId, default: null },
    agendaItemId: { type: String, default: null },
  },
  { timestamps: true },
);
attachmentSchema.index({ uploadedBy: 1, messageId: 1 });
attachmentSchema.index({ meetingId: 1 });

export type AttachmentDocument = HydratedDocument<InferSchemaType<typeof attachmentSchema>>;
export const AttachmentModel = mongoose.model('Attachment', attachmentSchema);
