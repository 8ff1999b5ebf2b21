import { z } from 'zod';
import { BusinessAreaKey } from './organizations';
import { abilitiesSchema, ObjectIdString } from './common';
import { MESSAGE_ABILITIES, THREAD_ABILITIES } from '../policies/thread';
import { LIMITS, MODERATION_ACTIONS, REACTION_KEYS, SUBSCRIPTION_STATES, THREAD_LIST_VIEWS, VISIBILITIES } from '../threads/rules';
import { SPEAKER_KINDS } from '../domain';

export const Visibility = z.enum(VISIBILITIES);
export const ReactionKey = z.enum(REACTION_KEYS);
export const SubscriptionState = z.enum(SUBSCRIPTION_STATES);
export const ThreadListView = z.enum(THREAD_LIST_VIEWS);

/** A client-made id for an idempotent send (a UUID or similar). */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, - or _');
export const MessageBody = z
  .string()
  .max(LIMITS.bodyLength, `must be at most ${LIMITS.bodyLength} characters`)
  .refine((s) => s.trim().length > 0, 'required');
export const Title = z.string().trim().min(1, 'required').max(LIMITS.titleLength);
export const Reason = z.string().trim().min(1, 'required').max(LIMITS.reasonLength);
const QueryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');
/** An opaque list cursor from a previous page. */
export const Cursor = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'malformed cursor');

export const OrganizationRef = z.object({ id: z.string(), nameJa: z.string(), nameEn: z.string() });
export const Person = z.object({ id: z.string(), displayName: z.string(), organization: OrganizationRef }).meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;
/**
 * A person as live rooms show them (the meeting room's chat, questions, presence, floor and raised
 * hands): with the kind of their organisation, the badge beside the name. Null only for an
 * organisation the server no longer knows.
 */
export const RoomPerson = Person.extend({ kind: z.enum(SPEAKER_KINDS).nullable() });
export type RoomPerson = z.infer<typeof RoomPerson>;

export const Attachment = z
  .object({ id: z.string(), name: z.string(), type: z.string(), size: z.number().int(), sha256: z.string() })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof Attachment>;

export const Reaction = z.object({ key: ReactionKey, userIds: z.array(z.string()) });
export type Reaction = z.infer<typeof Reaction>;

export const Message = z
  .object({
    id: z.string(),
    threadId: z.string(),
    seq: z.number().int(),
    clientId: z.string(),
    parentId: z.string().nullable(),
    author: Person,
    /** The markdown source; null for a deleted message, and for a hidden one unless the reader moderates. */
    body: z.string().nullable(),
    state: z.enum(['visible', 'deleted', 'hidden']),
    hidden: z.object({ reason: z.string(), at: z.string() }).nullable(),
    editedAt: z.string().nullable(),
    version: z.number().int(),
    mentions: z.object({
      users: z.array(z.object({ id: z.string(), displayName: z.string() })),
      organizations: z.array(OrganizationRef),
    }),
    attachments: z.array(Attachment),
    reactions: z.array(Reaction),
    replyCount: z.number().int(),
    lastReplyAt: z.string().nullable(),
    createdAt: z.string(),
    /** What this reader may do with it (the server's policy; shared/policies/thread.ts). */
    abilities: abilitiesSchema(MESSAGE_ABILITIES, 'MessageAbilities'),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;
/** A message as every reader of one kind sees it, before the reader's abilities are added. */
export type MessageView = Omit<Message, 'abilities'>;
export const ThreadAbilities = abilitiesSchema(THREAD_ABILITIES, 'ThreadAbilities');
export type ThreadAbilities = z.infer<typeof ThreadAbilities>;

export const Thread = z
  .object({
    id: z.string(),
    title: z.string(),
    visibility: Visibility,
    businessAreas: z.array(BusinessAreaKey),
    resolved: z.boolean(),
    pinned: z.boolean(),
    locked: z.boolean(),
    createdBy: Person,
    createdAt: z.string(),
    lastActivityAt: z.string(),
    /** The highest message number: every message posted, replies and tombstones included. */
    lastSeq: z.number().int(),
    messageCount: z.number().int(),
    participantCount: z.number().int(),
  })
  .meta({ id: 'Thread' });
export type Thread = z.infer<typeof Thread>;

/**
 * A thread as one reader sees it in a list: with their unread count, whether they took part, how
 * they follow it and whether it is new to them (never opened, started lately: isNewThread).
 */
export const ThreadSummary = Thread.extend({
  readSeq: z.number().int(),
  unread: z.number().int(),
  tookPart: z.boolean(),
  subscription: SubscriptionState,
  isNew: z.boolean(),
}).meta({ id: 'ThreadSummary' });
export type ThreadSummary = z.infer<typeof ThreadSummary>;

export const ThreadListQuery = z.strictObject({
  visibility: Visibility.optional(),
  businessArea: BusinessAreaKey.optional(),
  resolved: QueryFlag.optional(),
  unread: QueryFlag.optional(),
  mine: QueryFlag.optional(),
  /** The tab (none: all, muted left out): new, unread (followed or read before), following, muted. */
  view: ThreadListView.optional(),
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(LIMITS.pageSize),
});
export type ThreadListQuery = z.infer<typeof ThreadListQuery>;

export const ThreadList = z.object({ threads: z.array(ThreadSummary), nextCursor: z.string().nullable() }).meta({ id: 'ThreadList' });
export type ThreadList = z.infer<typeof ThreadList>;

export const AttachmentIds = z.array(ObjectIdString).max(LIMITS.attachmentsPerMessage).default([]);

export const ThreadCreateBody = z.strictObject({
  clientId: ClientId,
  title: Title,
  body: MessageBody,
  visibility: Visibility,
  businessAreas: z.array(BusinessAreaKey).max(20).default([]),
  attachmentIds: AttachmentIds,
});
export type ThreadCreateBody = z.infer<typeof ThreadCreateBody>;

export const ThreadCreated = z.object({ thread: Thread, message: Message }).meta({ id: 'ThreadCreated' });

export const ThreadUpdateBody = z
  .strictObject({
    title: Title.optional(),
    businessAreas: z.array(BusinessAreaKey).max(20).optional(),
    resolved: z.boolean().optional(),
    pinned: z.boolean().optional(),
    locked: z.boolean().optional(),
    /** Why, when the secretariat pins, locks or edits another person's thread (kept in the moderation record). */
    reason: Reason.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'reason'), 'nothing to change');
export type ThreadUpdateBody = z.infer<typeof ThreadUpdateBody>;

export const ThreadDetail = z
  .object({
    thread: Thread,
    readSeq: z.number().int(),
    participants: z.array(Person),
    abilities: ThreadAbilities,
    /** How this reader follows the thread. */
    subscription: SubscriptionState,
  })
  .meta({ id: 'ThreadDetail' });
export type ThreadDetail = z.infer<typeof ThreadDetail>;

export const MessagePageQuery = z
  .strictObject({
    /** Top-level messages before this number, newest first in the page (scrolling up). */
    before: z.coerce.number().int().min(1).optional(),
    /** Every message (replies too) after this number, in order (catching up). */
    after: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(LIMITS.catchUpSize).default(LIMITS.pageSize),
  })
  .refine((q) => q.before === undefined || q.after === undefined, { message: 'use before or after, not both', path: ['after'] });
export type MessagePageQuery = z.infer<typeof MessagePageQuery>;

export const MessagePage = z
  .object({ messages: z.array(Message), hasMore: z.boolean(), lastSeq: z.number().int() })
  .meta({ id: 'MessagePage' });
export type MessagePage = z.infer<typeof MessagePage>;

export const MessageCreateBody = z.strictObject({
  clientId: ClientId,
  body: MessageBody,
  parentId: ObjectIdString.optional(),
  attachmentIds: AttachmentIds,
});
export type MessageCreateBody = z.infer<typeof MessageCreateBody>;

export const MessageEditBody = z.strictObject({
  body: MessageBody,
  /** The version being edited; a stale one gets 409 rather than overwriting someone's change. */
  version: z.number().int().min(1).optional(),
});
export type MessageEditBody = z.infer<typeof MessageEditBody>;

export const HideBody = z.strictObject({ reason: Reason });
export const ReactionParams = z.strictObject({ id: ObjectIdString, key: ReactionKey });

export const MessageVersion = z.object({
  version: z.number().int(),
  body: z.string(),
  at: z.string(),
});
export const MessageVersions = z.object({ versions: z.array(MessageVersion) }).meta({ id: 'MessageVersions' });

export const ModerationAction = z
  .object({
    id: z.string(),
    action: z.enum(MODERATION_ACTIONS),
    threadId: z.string(),
    messageId: z.string().nullable(),
    by: Person,
    reason: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'ModerationAction' });
export type ModerationAction = z.infer<typeof ModerationAction>;
export const ModerationLog = z.object({ actions: z.array(ModerationAction) }).meta({ id: 'ModerationLog' });

/**
 * Where the reader stands in every thread they may read: fetched once, then kept current from the
 * live thread.created / thread.updated / thread.read events, so the menu's unread badge costs no
 * request per message.
 */
export const UnreadState = z
  .object({
    threads: z.array(z.object({ id: z.string(), lastSeq: z.number().int(), readSeq: z.number().int(), muted: z.boolean() })),
  })
  .meta({ id: 'UnreadState' });
export type UnreadState = z.infer<typeof UnreadState>;

/** Follow, leave to normal or mute a thread (one's own choice; PUT /api/threads/:id/subscription). */
export const SubscriptionBody = z.strictObject({ state: SubscriptionState });
export const Subscription = z.object({ threadId: z.string(), state: SubscriptionState }).meta({ id: 'Subscription' });
export type Subscription = z.infer<typeof Subscription>;

export const ReadBody = z.strictObject({ seq: z.number().int().min(0) });
export const ReadState = z.object({ threadId: z.string(), readSeq: z.number().int(), lastSeq: z.number().int() });
export type ReadState = z.infer<typeof ReadState>;

export const MentionQuery = z.strictObject({ q: z.string().trim().min(1).max(50) });
export const MentionCandidates = z
  .object({
    users: z.array(Person),
    organizations: z.array(OrganizationRef),
  })
  .meta({ id: 'MentionCandidates' });
export type MentionCandidates = z.infer<typeof MentionCandidates>;
