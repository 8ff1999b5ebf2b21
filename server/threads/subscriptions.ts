/**
 * Following and muting threads, per person: one document per person and thread
 * (`<threadId>:<userId>`, ThreadSubscriptionModel), written whole, so people changing theirs at once
 * never erase each other's. The list reads a person's by `userId` (indexed).
 */
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import { readVerdict } from '@shared/policies/thread';
import type { Subscription } from '@shared/schemas/threads';
import type { SubscriptionState } from '@shared/threads/rules';
import { isDuplicateKey } from '../db/keys';
import { UserModel, type UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { readableThread } from './access';
import type { ForumBroadcast } from './broadcast';
import { ThreadSubscriptionModel, type ThreadDocument } from './model';

const subscriptionId = (threadId: string, userId: string) => `${threadId}:${userId}`;

/** One's own choice for a thread one may read. */
export async function setSubscription(input: {
  actor: Actor;
  threadId: string;
  state: SubscriptionState;
  broadcast: ForumBroadcast;
}): Promise<Subscription> {
  const { actor, threadId, state } = input;
  await readableThread(actor, threadId);
  await ThreadSubscriptionModel.replaceOne(
    { _id: subscriptionId(threadId, actor.id) },
    { userId: actor.id, threadId, state, chosen: true, at: new Date() },
    { upsert: true },
  );
  input.broadcast.subscriptionChanged(actor.id, { threadId, state });
  return { threadId, state };
}

/** How the person follows one thread (`normal` without a document). */
export async function subscriptionOf(userId: string, threadId: string): Promise<SubscriptionState> {
  const found = await ThreadSubscriptionModel.findById(subscriptionId(threadId, userId), { state: 1 }).lean();
  return found?.state ?? 'normal';
}

/** Every thread the person follows or muted, by thread id: one equality lookup on `userId`. */
export async function subscriptionsOf(userId: string): Promise<Map<string, SubscriptionState>> {
  const found = await ThreadSubscriptionModel.find({ userId }, { threadId: 1, state: 1 }).lean();
  return new Map(found.map((s) => [String(s.threadId), s.state]));
}

/**
 * Posting, starting or being mentioned: `normal` becomes `following`; a mute, or following already,
 * stays as it is.
 */
export async function followAutomatically(threadId: string, userIds: readonly string[]): Promise<void> {
  await Promise.all(
    [...new Set(userIds)].map(async (userId) => {
      const _id = subscriptionId(threadId, userId);
      const existing = await ThreadSubscriptionModel.findById(_id, { state: 1 }).lean();
      if (existing?.state === 'following' || existing?.state === 'muted') return;
      const following = { state: 'following', chosen: false, at: new Date() } as const;
      if (existing) {
        await ThreadSubscriptionModel.updateOne({ _id, state: 'normal' }, { $set: following });
        return;
      }
      try {
        await ThreadSubscriptionModel.create({ _id, userId, threadId, ...following });
      } catch (err) {
        // A choice (or another post) stored it in between: theirs stands.
        if (!isDuplicateKey(err)) throw err;
      }
    }),
  );
}

/** Of the people a message mentions, those who may read its thread (the others are not told of it). */
export async function readersAmong(thread: ThreadDocument, userIds: readonly string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const users = await UserModel.find({ _id: trusted({ $in: userIds }) }).populate<Pick<UserWithOrganization, 'organization'>>(
    'organization',
  );
  return users.filter((u) => u.organization && readVerdict(toActor(u), thread).allowed).map((u) => String(u.id));
}
