/**
 * Posting and changing messages. A write is validated (by the route or socket schema), authorised,
 * stored, and only then announced (DESIGN.md §3). Numbers come from the per-thread sequence, so
 * clients can see gaps; sends are idempotent on (author, clientId).
 */
import type { Types, UpdateQuery } from 'mongoose';
import type { Actor } from '@shared/domain';
import { can } from '@shared/permissions';
import type { ThreadFacts } from '@shared/policies/thread';
import type { Message, MessagePage, Reaction } from '@shared/schemas/threads';
import { bucketOf, LIMITS, MESSAGE_BUCKET_SPAN } from '@shared/threads/rules';
import { attachToMessage, claimForMessage } from '../attachments/service';
import { idempotentId, isDuplicateKey } from '../db/keys';
import { nextSequence } from '../db/sequence';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import type { ActingUser } from '../users/model';
import { toActor } from '../users/presenter';
import { readableMessage, readableThread, readableThreadRow, requireCanPost, requireMessageAbility } from './access';
import { bucketCache, messagesInRange } from './bucketCache';
import { bucketKey } from './changeKeys';
import type { ForumBroadcast } from './broadcast';
import { resolveMentions } from './mentions';
import {
  MessageModel,
  MessageVersionModel,
  ThreadModel,
  type MessageDocument,
  type MessageRecord,
  type MessageRow,
  type ThreadDocument,
  type ThreadRow,
} from './model';
import { recordModeration } from './moderation';
import { personOf } from '../users/person';
import { abilitiesFor, presentCachedMessage, presentMessage, presentThread, threadFacts, withAbilities } from './presenter';
import { reactionsOf } from './reactions';
import { advanceCursor } from './readCursors';
import { followAutomatically, readersAmong } from './subscriptions';

const sequenceName = (threadId: string) => `thread:${threadId}`;

/** Apply `update` (if any) and load the result (the model's hooks keep the search index in step). */
async function updatedMessage(id: Types.ObjectId, update?: UpdateQuery<MessageRecord>): Promise<MessageDocument> {
  if (update) await MessageModel.updateOne({ _id: id }, update);
  const message = await MessageModel.findById(id);
  if (!message) throw notFound('message');
  return message;
}

/**
 * Present messages with their reactions and what the reader may do with each; `threads` gives the
 * facts of their thread (one thread, or a map by id for messages from several).
 */
export async function presentMessages(
  messages: readonly MessageRow[],
  actor: Actor,
  threads: ThreadFacts | ReadonlyMap<string, ThreadFacts>,
): Promise<Message[]> {
  const reactions = await reactionsOf(messages.map((m) => m._id));
  return presentWith(
    messages.map((message) => ({ message, reactions: reactions.get(String(message._id)) ?? [] })),
    actor,
    threads,
  );
}

/**
 * presentMessages, for messages whose reactions are at hand. `present` makes the view before abilities:
 * `presentCachedMessage` for rows of the thread cache, whose views are kept beside them.
 */
function presentWith(
  found: ReadonlyArray<{ message: MessageRow; reactions: Reaction[] }>,
  actor: Actor,
  threads: ThreadFacts | ReadonlyMap<string, ThreadFacts>,
  present: typeof presentMessage = presentMessage,
): Message[] {
  const moderator = can(actor, 'moderate');
  const decided = new Map<ThreadFacts, ReturnType<typeof abilitiesFor>>();
  const abilitiesIn = (thread: ThreadFacts) => {
    let withAbilities = decided.get(thread);
    if (!withAbilities) decided.set(thread, (withAbilities = abilitiesFor(actor, thread)));
    return withAbilities;
  };
  const threadOf = (m: MessageRow) => (threads instanceof Map ? threads.get(String(m.threadId))! : (threads as ThreadFacts));
  return found.map(({ message, reactions }) => abilitiesIn(threadOf(message))(present(message, reactions, { moderator })));
}

/** presentMessages for one message. */
export async function presentOne(message: MessageDocument, actor: Actor, thread: ThreadFacts): Promise<Message> {
  return (await presentMessages([message], actor, thread))[0]!;
}

/** Announce a changed message to its thread room: each reader gets their view and abilities. */
async function announce(
  broadcast: ForumBroadcast,
  event: Parameters<ForumBroadcast['message']>[0],
  message: MessageDocument,
  thread: ThreadDocument,
) {
  const reactions = (await reactionsOf([message._id])).get(String(message._id)) ?? [];
  broadcast.message(
    event,
    threadFacts(thread),
    presentMessage(message, reactions, { moderator: false }),
    presentMessage(message, reactions, { moderator: true }),
  );
}

/**
 * Record a new message in its thread: highest number, activity time and participant. Some engines
 * lose concurrent updates to one document (FerretDB on PostgreSQL with several processes), so write
 * again until the document the write left holds it.
 */
async function recordActivity(threadId: unknown, seq: number, at: Date, userId: string): Promise<ThreadDocument> {
  for (let attempt = 0; ; attempt++) {
    // One round trip: the update answers with the document it left.
    // Its change-log entry also tells every process's bucket cache that the message's bucket changed.
    const thread = (await ThreadModel.findOneAndUpdate(
      { _id: threadId },
      { $max: { lastSeq: seq, lastActivityAt: at }, $addToSet: { participants: userId } },
      { returnDocument: 'after', changeLogKeys: [bucketKey(threadId, bucketOf(seq))] },
    ))!;
    const holds = thread.lastSeq >= seq && thread.participants.some((p) => String(p) === userId);
    if (holds || attempt >= 10) return thread;
  }
}

/**
 * A reply raises its parent's reply count. Replies are numbered per parent (a claimed sequence,
 * like message numbers), so the count is the highest number: no count of the collection, which the
 * embedded engine would answer by scanning every message.
 */
/** The sequence a parent's reply count comes from. */
export const replySequence = (parentId: unknown): string => `replies:${String(parentId)}`;

async function recordReply(parentId: Types.ObjectId, at: Date): Promise<MessageDocument> {
  const replyCount = await nextSequence(replySequence(parentId));
  for (let attempt = 0; ; attempt++) {
    const parent = (await MessageModel.findOneAndUpdate(
      { _id: parentId },
      { $max: { replyCount, lastReplyAt: at } },
      { returnDocument: 'after' },
    ))!;
    if (parent.replyCount >= replyCount || attempt >= 10) return parent;
  }
}

/** The author, and everyone mentioned who may read the thread, follow it (unless they muted it). */
async function followOnPost(thread: ThreadDocument, authorId: string, mentions: MessageRecord['mentions']): Promise<void> {
  const mentioned = await readersAmong(
    thread,
    mentions.users.map((u) => String(u.id)),
  );
  await followAutomatically(String(thread._id), [authorId, ...mentioned]);
}

export interface PostInput {
  user: ActingUser;
  threadId: string;
  clientId: string;
  body: string;
  parentId?: string | undefined;
  attachmentIds: readonly string[];
  broadcast: ForumBroadcast;
  /** Set when the thread was just created by this post (its opening message). */
  thread?: ThreadDocument;
}

/** Post a message or a reply; a retried send (same author and clientId) returns the stored one. */
export async function postMessage(input: PostInput): Promise<{ message: Message; duplicate: boolean }> {
  const { message, duplicate } = await storeMessage(input);
  return { message, duplicate };
}

/** postMessage, also giving the thread as the new message left it (`null` for a retried send). */
export async function storeMessage(input: PostInput): Promise<{ message: Message; duplicate: boolean; thread: ThreadDocument | null }> {
  const { user, threadId, clientId, body, broadcast } = input;
  const actor = toActor(user);
  const _id = idempotentId('message', actor.id, clientId);
  // Three `_id` lookups of a send, at once: the thread, an earlier copy of this send, the parent.
  const [thread, stored, parent] = await Promise.all([
    input.thread ?? readableThread(actor, threadId),
    MessageModel.findById(_id),
    input.parentId ? MessageModel.findById(input.parentId) : null,
  ]);
  requireCanPost(actor, thread);
  if (stored) return { ...(await duplicateOf(stored, threadId, actor, broadcast)), thread: null };
  if (input.parentId) {
    if (!parent || String(parent.threadId) !== threadId) throw badRequest('parentId: no such message in this thread', 'parentId');
    if (parent.parentId) throw badRequest('parentId: replies are one level deep; reply to the parent message', 'parentId');
    requireMessageAbility(actor, 'reply', parent, thread);
  }
  const [mentions, attachments] = await Promise.all([
    resolveMentions(body),
    claimForMessage({ actor, ids: input.attachmentIds, messageId: _id, threadId }),
  ]);
  const seq = await nextSequence(sequenceName(threadId));
  const at = new Date();
  let message: MessageDocument;
  try {
    message = await MessageModel.create({
      _id,
      threadId,
      visibility: thread.visibility,
      seq,
      bucket: bucketOf(seq),
      clientId,
      parentId: parent?._id ?? null,
      author: personOf(user),
      body,
      mentions,
      attachments: attachments.map((a) => ({ id: a._id, name: a.name, type: a.type, size: a.size, sha256: a.sha256 })),
      createdAt: at,
    });
  } catch (err) {
    // The same send raced itself (a retry while the first was in flight): the first one stands.
    if (!isDuplicateKey(err)) throw err;
    const first = await MessageModel.findById(_id);
    if (!first) throw err;
    return { ...(await duplicateOf(first, threadId, actor, broadcast)), thread: null };
  }

  const [updatedThread, readSeq] = await Promise.all([
    recordActivity(thread._id, seq, at, actor.id),
    advanceCursor(actor.id, threadId, seq),
    followOnPost(thread, actor.id, mentions),
  ]);
  const view = presentMessage(message, [], { moderator: false });
  broadcast.message('message.created', threadFacts(updatedThread), view, view);
  broadcast.posted({
    thread: { id: threadId, title: updatedThread.title },
    message: { id: String(message._id), seq, body, author: view.author },
    mentions: {
      users: mentions.users.map((u) => ({ id: String(u.id), displayName: u.displayName ?? '' })),
      organizations: mentions.organizations.map((o) => ({ id: String(o.id), nameJa: o.nameJa ?? '' })),
    },
    parentAuthorId: parent ? String(parent.author.id) : null,
  });
  if (parent) {
    const updatedParent = await recordReply(parent._id, at);
    broadcast.replies(threadId, String(parent._id), updatedParent.replyCount, updatedParent.lastReplyAt?.toISOString() ?? null);
  }
  broadcast.threadUpdated(presentThread(updatedThread));
  broadcast.readMoved(actor.id, { threadId, readSeq, lastSeq: updatedThread.lastSeq });
  return { message: withAbilities(view, actor, threadFacts(updatedThread)), duplicate: false, thread: updatedThread };
}

/**
 * A retried send. Its first attempt may have stored the message and then failed before the rest
 * (the database went away between the writes): the message would stay unannounced until readers
 * reconnect, and the thread's last number behind it. So the retry does the rest again — activity,
 * the sender's read cursor and the announcement are idempotent (clients merge a message they
 * already hold). The reply count is not: it is a claimed number and would count the reply twice.
 * The attachments are claimed again too: earlier versions claimed them only after storing the
 * message, and a message whose files were never claimed loses them to the orphan sweeper.
 */
async function duplicateOf(stored: MessageDocument, threadId: string, actor: Actor, broadcast: ForumBroadcast) {
  if (String(stored.threadId) !== threadId) throw conflict('clientId: already used for a message in another thread', 'clientId');
  const [thread, readSeq] = await Promise.all([
    recordActivity(stored.threadId, stored.seq, stored.createdAt, actor.id),
    advanceCursor(actor.id, threadId, stored.seq),
    attachToMessage({ actor, ids: stored.attachments.map((a) => a.id), messageId: stored._id, threadId: stored.threadId }),
  ]);
  await announce(broadcast, 'message.created', stored, thread);
  broadcast.threadUpdated(presentThread(thread));
  broadcast.readMoved(actor.id, { threadId, readSeq, lastSeq: thread.lastSeq });
  return { message: await presentOne(stored, actor, threadFacts(thread)), duplicate: true };
}

/** A page of the thread. `before`: top-level messages before it; `after`: everything after it; neither: the latest top-level page. */
export async function messagePage(actor: Actor, threadId: string, query: PageQuery): Promise<MessagePage> {
  return messagePageOf(actor, await readableThreadRow(actor, threadId), query);
}

type PageQuery = { before?: number; after?: number; limit: number };
type Found = Awaited<ReturnType<typeof messagesInRange>>;

/** The widest range of numbers one read asks for (its buckets are read in parallel). */
const MAX_WINDOW = 8 * MESSAGE_BUCKET_SPAN;
/** How many more numbers than a page's messages its first read covers, for the replies among them. */
const REPLY_ALLOWANCE = 1.25;

/** One above the highest number a message of the thread may have now: a send may be storing one the thread does not record yet. */
const ceilingOf = (thread: ThreadRow) => (bucketOf(thread.lastSeq) + 2) * MESSAGE_BUCKET_SPAN;

/**
 * How many numbers to read next for `missing` top-level messages, when the last `width` numbers
 * held `got` of them: as many as that density needs, or twice the last width through a run of
 * replies; at most MAX_WINDOW.
 */
const nextWidth = (missing: number, got: number, width: number) =>
  Math.min(MAX_WINDOW, got ? Math.ceil((missing * width) / got) + 1 : 2 * width);

/**
 * The last `count` top-level messages before `before` (or the latest), oldest first. Reads the
 * buckets of the `count` numbers below the cursor, then, for what replies took, a range sized by how
 * many of the numbers read were replies — never the whole thread, whatever its length. The buckets
 * come from the bucket cache (bucketCache.ts), read from the database once.
 */
async function topLevelBefore(thread: ThreadRow, before: number | undefined, count: number): Promise<Found> {
  // A cursor beyond the thread's numbers counts from its ceiling (never a walk down from a far number).
  let to = Math.min(before ?? Infinity, ceilingOf(thread));
  // The first read covers the `count` numbers below the cursor (below the last number the thread
  // records), and a quarter more: the replies among them (a tenth, in a busy thread) then rarely
  // cost a second round trip before the page can be answered.
  const first = Math.ceil(count * REPLY_ALLOWANCE);
  let width = to > thread.lastSeq ? to - (thread.lastSeq + 1) + first : first;
  const top = Math.min(to, thread.lastSeq + 1);
  const found: Found = [];
  while (to > 0 && found.length < count) {
    const from = Math.max(0, to - width);
    const rows = await messagesInRange(thread._id, from, to, true);
    found.push(...rows);
    to = from;
    width = nextWidth(count - found.length, rows.length, width);
  }
  // The page before this one, read into the cache while the reader looks at this one: as many numbers
  // as this page took (replies among them), and a quarter more, so the next page finds them all.
  bucketCache.readAhead(thread._id, Math.max(0, to - Math.min(MAX_WINDOW, Math.ceil((top - to) * 1.25))), to);
  return found
    .sort((a, b) => b.message.seq - a.message.seq)
    .slice(0, count)
    .reverse();
}

/** Every message (replies too) after `after`, in order, at most `count`. */
async function messagesAfter(thread: ThreadRow, after: number, count: number): Promise<Found> {
  const ceiling = ceilingOf(thread);
  const found: Found = [];
  let from = after + 1;
  let width = count;
  while (from < ceiling && found.length < count) {
    const to = Math.min(ceiling, from + width);
    found.push(...(await messagesInRange(thread._id, from, to, false)));
    from = to;
    width = Math.min(MAX_WINDOW, 2 * width);
  }
  return found.sort((a, b) => a.message.seq - b.message.seq).slice(0, count);
}

/**
 * The same, for a thread already loaded (and checked) by the caller through `readableThreadRow`: that
 * brings the thread view, and with it the bucket cache, up to date with the change log first.
 */
export async function messagePageOf(actor: Actor, thread: ThreadRow, query: PageQuery): Promise<MessagePage> {
  const { before, after, limit } = query;
  let found = after !== undefined ? await messagesAfter(thread, after, limit + 1) : await topLevelBefore(thread, before, limit + 1);
  const hasMore = found.length > limit;
  if (hasMore) found = after !== undefined ? found.slice(0, limit) : found.slice(1);
  return { messages: presentWith(found, actor, threadFacts(thread), presentCachedMessage), hasMore, lastSeq: thread.lastSeq };
}

export async function repliesOf(actor: Actor, messageId: string): Promise<MessagePage> {
  const { message, thread } = await readableMessage(actor, messageId);
  if (message.parentId) throw badRequest('id: this message is itself a reply', 'id');
  const found = await MessageModel.find({ threadId: message.threadId, parentId: message._id })
    .sort({ seq: 1 })
    .limit(LIMITS.catchUpSize + 1);
  const hasMore = found.length > LIMITS.catchUpSize;
  return {
    messages: await presentMessages(found.slice(0, LIMITS.catchUpSize), actor, threadFacts(thread)),
    hasMore,
    lastSeq: thread.lastSeq,
  };
}

/** Edit one's own visible message; the previous text is kept as a version. */
export async function editMessage(input: {
  actor: Actor;
  messageId: string;
  body: string;
  version?: number | undefined;
  broadcast: ForumBroadcast;
}): Promise<Message> {
  const { actor, messageId, body } = input;
  const { message, thread } = await readableMessage(actor, messageId);
  requireMessageAbility(actor, 'edit', message, thread);
  if (input.version !== undefined && input.version !== message.version) {
    throw conflict(`version: the message has changed since version ${input.version} (now ${message.version}); reload it`, 'version');
  }
  if (body === message.body) return await presentOne(message, actor, threadFacts(thread));
  try {
    // The unique (message, version) key makes this insert the lock: of two concurrent edits, one wins.
    await MessageVersionModel.create({
      messageId: message._id,
      version: message.version,
      body: message.body,
      at: message.editedAt ?? message.createdAt,
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('version: someone edited this message at the same moment; reload it', 'version');
    throw err;
  }
  const mentions = await resolveMentions(body);
  const saved = await MessageModel.updateOne(
    { _id: message._id, version: message.version },
    { $set: { body, mentions, editedAt: new Date(), version: message.version + 1 } },
  );
  if (saved.matchedCount !== 1) throw conflict('version: the message changed while saving; reload it', 'version');
  const updated = await updatedMessage(message._id);
  await announce(input.broadcast, 'message.edited', updated, thread);
  return await presentOne(updated, actor, threadFacts(thread));
}

/** Delete one's own message: a tombstone stays so the conversation keeps its shape. */
export async function deleteMessage(input: { actor: Actor; messageId: string; broadcast: ForumBroadcast }): Promise<Message> {
  const { actor, messageId } = input;
  const { message, thread } = await readableMessage(actor, messageId);
  // Deleting again (a retry whose answer was lost) answers with the tombstone.
  if (message.deletedAt && String(message.author.id) === actor.id) return await presentOne(message, actor, threadFacts(thread));
  requireMessageAbility(actor, 'delete', message, thread);
  const updated = await updatedMessage(message._id, { $set: { deletedAt: new Date() } });
  await announce(input.broadcast, 'message.deleted', updated, thread);
  return await presentOne(updated, actor, threadFacts(thread));
}

/** The secretariat hides a message, with a reason shown in its place; recorded. */
export async function hideMessage(input: {
  user: ActingUser;
  messageId: string;
  reason: string;
  broadcast: ForumBroadcast;
}): Promise<Message> {
  const actor = toActor(input.user);
  if (!can(actor, 'moderate')) throw forbidden('only the secretariat may hide messages');
  const { message, thread } = await readableMessage(actor, input.messageId);
  requireMessageAbility(actor, 'hide', message, thread);
  const hidden = { reason: input.reason, by: actor.id, at: new Date() };
  const updated = await updatedMessage(message._id, { $set: { hidden } });
  await recordModeration({
    action: 'hide',
    threadId: message.threadId,
    messageId: message._id,
    by: personOf(input.user),
    user: input.user,
    reason: input.reason,
  });
  await announce(input.broadcast, 'message.hidden', updated, thread);
  return await presentOne(updated, actor, threadFacts(thread));
}

export async function restoreMessage(input: { user: ActingUser; messageId: string; broadcast: ForumBroadcast }): Promise<Message> {
  const actor = toActor(input.user);
  if (!can(actor, 'moderate')) throw forbidden('only the secretariat may restore messages');
  const { message, thread } = await readableMessage(actor, input.messageId);
  requireMessageAbility(actor, 'restore', message, thread);
  const updated = await updatedMessage(message._id, { $set: { hidden: null } });
  await recordModeration({
    action: 'restore',
    threadId: message.threadId,
    messageId: message._id,
    by: personOf(input.user),
    user: input.user,
  });
  await announce(input.broadcast, 'message.restored', updated, thread);
  return await presentOne(updated, actor, threadFacts(thread));
}

/** Earlier versions of an edited message: for its author and the secretariat. */
export async function messageVersions(actor: Actor, messageId: string) {
  const { message, thread } = await readableMessage(actor, messageId);
  requireMessageAbility(actor, 'versions', message, thread);
  const versions = await MessageVersionModel.find({ messageId: message._id }).sort({ version: 1 }).lean();
  return { versions: versions.map((v) => ({ version: v.version, body: v.body, at: v.at.toISOString() })) };
}
