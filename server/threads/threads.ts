/** Threads: creating one with its opening post, listing what a reader may see, and changing its marks. */
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import { can, decide } from '@shared/permissions';
import { threadAbilities, threadVerdicts } from '@shared/policies/thread';
import type { Message, Thread, ThreadCreateBody, ThreadDetail, ThreadUpdateBody } from '@shared/schemas/threads';
import { readableVisibilities } from '@shared/threads/rules';
import { idempotentId, isDuplicateKey } from '../db/keys';
import { enforce } from '../http/authorize';
import { badRequest, forbidden } from '../http/errors';
import { UserModel, type UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { readableThread } from './access';
import type { ForumBroadcast } from './broadcast';
import { presentOne, storeMessage } from './messages';
import { MessageModel, ThreadModel, type ThreadDocument, type ThreadRecord } from './model';
import { recordModeration } from './moderation';
import { personOf } from '../users/person';
import { presentThread, threadFacts } from './presenter';
import { readSeqs } from './readCursors';
import { subscriptionOf } from './subscriptions';

export async function createThread(input: {
  user: UserWithOrganization;
  body: ThreadCreateBody;
  broadcast: ForumBroadcast;
}): Promise<{ thread: Thread; message: Message; duplicate: boolean }> {
  const { user, body, broadcast } = input;
  const actor = toActor(user);
  const decision = decide(actor, 'thread.create');
  if (!decision.allowed) throw forbidden(decision.reason);
  if (!readableVisibilities(actor).includes(body.visibility)) {
    throw forbidden(`visibility: you may not read ${body.visibility} threads, so you may not start one`);
  }
  const _id = idempotentId('thread', actor.id, body.clientId);
  const existing = await ThreadModel.findById(_id);
  if (existing) return { ...(await openingOf(existing, actor)), duplicate: true };

  const now = new Date();
  let thread: ThreadDocument;
  try {
    thread = await ThreadModel.create({
      _id,
      title: body.title,
      visibility: body.visibility,
      businessAreas: [...new Set(body.businessAreas)],
      createdBy: personOf(user),
      clientId: body.clientId,
      lastActivityAt: now,
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const first = (await ThreadModel.findById(_id))!;
    return { ...(await openingOf(first, actor)), duplicate: true };
  }
  try {
    const { message, thread: stored } = await storeMessage({
      user,
      threadId: String(thread._id),
      clientId: body.clientId,
      body: body.body,
      attachmentIds: body.attachmentIds,
      broadcast,
      thread,
    });
    // The post returns the thread it updated; only an opening post left by an earlier failed attempt does not.
    const created = presentThread(stored ?? (await ThreadModel.findById(thread._id))!);
    broadcast.threadCreated(created);
    return { thread: created, message, duplicate: false };
  } catch (err) {
    // No thread without its opening post.
    await ThreadModel.deleteOne({ _id: thread._id });
    throw err;
  }
}

/** The thread and its opening post (sent with the thread's client id). */
async function openingOf(thread: ThreadDocument, actor: Actor) {
  const first = await MessageModel.findById(idempotentId('message', String(thread.createdBy.id), thread.clientId));
  if (!first) throw badRequest('clientId: this thread was not completed; send with a new clientId', 'clientId');
  return { thread: presentThread(thread), message: await presentOne(first, actor, threadFacts(thread)) };
}

export async function threadDetail(actor: Actor, threadId: string): Promise<ThreadDetail> {
  const thread = await readableThread(actor, threadId);
  const [seqs, subscription, people] = await Promise.all([
    readSeqs(actor.id, [threadId]),
    subscriptionOf(actor.id, threadId),
    UserModel.find({ _id: trusted({ $in: thread.participants.slice(0, 200) }) }).populate<Pick<UserWithOrganization, 'organization'>>(
      'organization',
    ),
  ]);
  return {
    thread: presentThread(thread),
    abilities: threadAbilities(actor, threadFacts(thread)),
    readSeq: seqs.get(threadId) ?? 0,
    subscription,
    participants: people.map((u) => {
      const p = personOf(u);
      return {
        id: String(p.id),
        displayName: p.displayName,
        organization: { id: String(p.organization.id), nameJa: p.organization.nameJa, nameEn: p.organization.nameEn },
      };
    }),
  };
}

/**
 * Title, tags and the resolved mark: the thread's creator or the secretariat. Pin and lock: the
 * secretariat. A moderator's change to someone else's thread is recorded with its reason.
 */
export async function updateThread(input: {
  user: UserWithOrganization;
  threadId: string;
  change: ThreadUpdateBody;
  broadcast: ForumBroadcast;
}): Promise<Thread> {
  const { user, threadId, change } = input;
  const actor = toActor(user);
  const thread = await readableThread(actor, threadId);
  const verdicts = threadVerdicts(actor, threadFacts(thread));
  const isCreator = String(thread.createdBy.id) === actor.id && can(actor, 'thread.create');
  const editsContent = change.title !== undefined || change.businessAreas !== undefined || change.resolved !== undefined;
  if (editsContent) enforce(verdicts.edit);
  if (change.pinned !== undefined) enforce(verdicts.pin);
  if (change.locked !== undefined) enforce(verdicts.lock);

  const set: Partial<ThreadRecord> = {};
  if (change.title !== undefined) set.title = change.title;
  if (change.businessAreas !== undefined) set.businessAreas = [...new Set(change.businessAreas)];
  if (change.resolved !== undefined) set.resolved = change.resolved;
  if (change.pinned !== undefined) set.pinned = change.pinned;
  if (change.locked !== undefined) set.locked = change.locked;
  await ThreadModel.updateOne({ _id: thread._id }, { $set: set });
  const updated = (await ThreadModel.findById(thread._id))!;

  const by = personOf(user);
  const reason = change.reason ?? null;
  const record = (action: Parameters<typeof recordModeration>[0]['action']) =>
    recordModeration({ action, threadId: thread._id, by, user, reason });
  if (change.pinned !== undefined && change.pinned !== thread.pinned) await record(change.pinned ? 'pin' : 'unpin');
  if (change.locked !== undefined && change.locked !== thread.locked) await record(change.locked ? 'lock' : 'unlock');
  if (editsContent && !isCreator) await record('edit');

  const presented = presentThread(updated);
  input.broadcast.threadUpdated(presented);
  if (updated.locked !== thread.locked) input.broadcast.threadAbilities(threadId, threadFacts(updated));
  return presented;
}
