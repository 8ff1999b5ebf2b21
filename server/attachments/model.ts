import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { indexWritesIn } from '../search/indexWrites';

/**
 * An uploaded file: its content lives in the blob store under its SHA-256, so the same file
 * uploaded twice is stored once. It belongs to its uploader until a message, a meeting or an
 * announcement claims it.
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
    /** An announcement's attachment (お知らせ): read by whoever may read the announcement. */
    announcementId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true },
);
attachmentSchema.index({ uploadedBy: 1, messageId: 1 });
attachmentSchema.index({ meetingId: 1 });
attachmentSchema.index({ announcementId: 1 });
/** What a file is found by (server/search/kinds/attachments.ts): its name, once a message, meeting or announcement claims it. */
export const ATTACHMENT_SEARCH_FIELDS = ['name', 'messageId', 'meetingId', 'announcementId'] as const;
indexWritesIn(attachmentSchema, 'attachments', ATTACHMENT_SEARCH_FIELDS);

/**
 * On nothing yet: its uploader's alone, claimable by them, and swept after a day. Every claim and the
 * sweep filter on this one object, so a new kind of owner is added here once.
 */
export const UNCLAIMED = { messageId: null, meetingId: null, announcementId: null } as const;

export type AttachmentDocument = HydratedDocument<InferSchemaType<typeof attachmentSchema>>;
export const AttachmentModel = mongoose.model('Attachment', attachmentSchema);

/**
 * An image attachment's thumbnail, made once at its first request and kept under the attachment's
 * own `_id` (one lookup, no index of its own). `refused` instead of `data` when none can be made (the
 * image cannot be read, or is larger than the decoder is allowed to open), so a broken file is not
 * decoded again at every view. Small (a few tens of kB), so kept in the database: every app node
 * finds it, and it goes with the database's backups.
 */
const thumbnailSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    type: { type: String, default: null },
    data: { type: Buffer, default: null },
    width: { type: Number, default: null },
    height: { type: Number, default: null },
    refused: { type: String, enum: ['unreadable', 'tooLarge', null], default: null },
  },
  { versionKey: false, timestamps: { createdAt: true, updatedAt: false } },
);

export type ThumbnailRecord = InferSchemaType<typeof thumbnailSchema>;
export const AttachmentThumbnailModel = mongoose.model('AttachmentThumbnail', thumbnailSchema, 'attachment_thumbnails');
