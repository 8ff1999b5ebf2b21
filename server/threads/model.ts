/**
 * The forum's collections. Counters that concurrent writers touch (message numbers, reactions,
 * read positions) are uniquely keyed documents or monotonic `$max` fields, never a shared `$inc`,
 * because FerretDB on SQLite loses concurrent updates to one document (docs/DATABASE.md).
 */
import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { MODERATION_ACTIONS, REACTION_KEYS, VISIBILITIES } from '@shared/threads/rules';
import { BUSINESS_AREA_KEYS } from '@shared/reference/council';
import { recordWritesIn } from '../db/collectionView';
import { indexWritesIn } from '../search/indexWrites';
import { followModel } from '../follows/personalFollows';
import { personSchema } from '../users/person';
import { ALL_MESSAGES, messageKey, reactionKey } from './changeKeys';

const threadSchema = new Schema(
  {
    title: { type: String, required: true },
    visibility: { type: String, enum: VISIBILITIES, required: true },
    businessAreas: { type: [{ type: String, enum: BUSINESS_AREA_KEYS }], default: [] },
    resolved: { type: Boolean, default: false },
    pinned: { type: Boolean, default: false },
    locked: { type: Boolean, default: false },
    createdBy: { type: personSchema, required: true },
    /** The creator's id for the thread and its opening post; with the creator it makes both `_id`s (idempotentId). */
    clientId: { type: String, required: true },
    lastActivityAt: { type: Date, required: true },
    lastSeq: { type: Number, default: 0 },
    participants: { type: [Schema.Types.ObjectId], default: [] },
  },
  { timestamps: true },
);
threadSchema.index({ visibility: 1, pinned: -1, lastActivityAt: -1, _id: -1 });
threadSchema.index({ pinned: -1, lastActivityAt: -1, _id: -1 });
threadSchema.index({ participants: 1 });
/** Every write to a thread is recorded here before it resolves, for the in-memory thread view (threadView.ts). */
export const THREADS_LOG = 'threads';
recordWritesIn(threadSchema, THREADS_LOG);
/** What a thread is found by in "search everywhere" (server/search/kinds/threads.ts): its title. */
export const THREAD_SEARCH_FIELDS = ['title'] as const;
indexWritesIn(threadSchema, 'threads', THREAD_SEARCH_FIELDS);

const attachmentRefSchema = new Schema(
  { id: Schema.Types.ObjectId, name: String, type: String, size: Number, sha256: String },
  { _id: false },
);

const messageSchema = new Schema(
  {
    threadId: { type: Schema.Types.ObjectId, required: true },
    /** The thread's visibility when the message was posted (a thread's visibility does not change). */
    visibility: { type: String, enum: VISIBILITIES, required: true },
    /** From 1 (nextSequence): pages ask for numbers by `$in`, and the embedded engine serves no 0 from an index. */
    seq: { type: Number, required: true, min: 1 },
    /** bucketOf(seq): pages are read bucket by bucket (shared/threads/rules.ts). */
    bucket: { type: Number, required: true },
    clientId: { type: String, required: true },
    parentId: { type: Schema.Types.ObjectId, default: null },
    author: { type: personSchema, required: true },
    body: { type: String, required: true },
    version: { type: Number, default: 1 },
    editedAt: { type: Date, default: null },
    deletedAt: { type: Date, default: null },
    hidden: {
      type: new Schema({ reason: String, by: Schema.Types.ObjectId, at: Date }, { _id: false }),
      default: null,
    },
    mentions: {
      type: new Schema(
        {
          users: { type: [new Schema({ id: Schema.Types.ObjectId, displayName: String }, { _id: false })], default: [] },
          organizations: {
            type: [new Schema({ id: Schema.Types.ObjectId, nameJa: String, nameEn: String }, { _id: false })],
            default: [],
          },
        },
        { _id: false },
      ),
      default: () => ({ users: [], organizations: [] }),
    },
    attachments: { type: [attachmentRefSchema], default: [] },
    replyCount: { type: Number, default: 0 },
    lastReplyAt: { type: Date, default: null },
  },
  { timestamps: true },
);
messageSchema.index({ threadId: 1, seq: 1 }, { unique: true });
messageSchema.index({ threadId: 1, parentId: 1, seq: -1 });
messageSchema.index({ threadId: 1, bucket: 1 });
/**
 * Changes to stored messages are recorded in the threads' log for the bucket caches (bucketCache.ts).
 * A new message is recorded with its thread's activity instead (messages.ts, recordActivity): one entry, not two.
 */
recordWritesIn(messageSchema, THREADS_LOG, { keyOf: messageKey, wildcard: ALL_MESSAGES, inserts: false });
/**
 * What a message is found by (server/search/kinds/messages.ts): its text with its mentions' names, until it is
 * deleted. Hiding does not change what is indexed: search shows a hidden message to the secretariat only.
 */
export const MESSAGE_SEARCH_FIELDS = ['body', 'mentions', 'deletedAt'] as const;
indexWritesIn(messageSchema, 'messages', MESSAGE_SEARCH_FIELDS);

/** The text of each earlier version of an edited message. */
const messageVersionSchema = new Schema({
  messageId: { type: Schema.Types.ObjectId, required: true },
  version: { type: Number, required: true },
  body: { type: String, required: true },
  at: { type: Date, required: true },
});
messageVersionSchema.index({ messageId: 1, version: 1 }, { unique: true });

/** One document per person per emoji per message: its `_id` makes the reaction idempotent. */
const reactionSchema = new Schema({
  _id: { type: String, required: true },
  messageId: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  key: { type: String, enum: REACTION_KEYS, required: true },
  at: { type: Date, required: true },
});
reactionSchema.index({ messageId: 1, at: 1 });
recordWritesIn(reactionSchema, THREADS_LOG, { keyOf: reactionKey, wildcard: ALL_MESSAGES });

/** How far a person has read a thread: `_id` is `<userId>:<threadId>`. */
const readCursorSchema = new Schema({
  _id: { type: String, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  threadId: { type: Schema.Types.ObjectId, required: true },
  seq: { type: Number, required: true },
  at: { type: Date, required: true },
});
readCursorSchema.index({ userId: 1 });

/** Every act of moderation: who, when, what and why. */
const moderationActionSchema = new Schema({
  action: { type: String, enum: MODERATION_ACTIONS, required: true },
  threadId: { type: Schema.Types.ObjectId, required: true },
  messageId: { type: Schema.Types.ObjectId, default: null },
  by: { type: personSchema, required: true },
  reason: { type: String, default: null },
  at: { type: Date, required: true },
});
moderationActionSchema.index({ threadId: 1, at: -1 });

export type ThreadRecord = InferSchemaType<typeof threadSchema>;
export type ThreadDocument = HydratedDocument<ThreadRecord>;
/** A thread's stored fields: a lean row, as the thread view keeps it (threadView.ts), or a document. */
export type ThreadRow = ThreadRecord & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };
export type MessageRecord = InferSchemaType<typeof messageSchema>;
export type MessageDocument = HydratedDocument<MessageRecord>;
/** A stored message's fields: a lean row (as the bucket cache keeps it, bucketCache.ts) or a document. */
export type MessageRow = MessageRecord & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };

export const ThreadModel = mongoose.model('Thread', threadSchema);
export const MessageModel = mongoose.model('Message', messageSchema);
export const MessageVersionModel = mongoose.model('MessageVersion', messageVersionSchema);
export const ReactionModel = mongoose.model('Reaction', reactionSchema);
export const ReadCursorModel = mongoose.model('ReadCursor', readCursorSchema);
/**
 * How a person follows a thread: `_id` is `<threadId>:<userId>`, one document per person and thread
 * (never an array on the thread or the user: concurrent array writes can be lost). No document is `normal`.
 * A person's list reads theirs by `userId` (indexed).
 */
export const ThreadSubscriptionModel = followModel('ThreadSubscription', 'thread_subscriptions', 'threadId');
export const ModerationActionModel = mongoose.model('ModerationAction', moderationActionSchema);
