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
import { personalFollows } from '../follows/personalFollows';
import { UserModel, type UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { readableThread } from './access';
import type { ForumBroadcast } from './broadcast';
import { ThreadSubscriptionModel, type ThreadDocument } from './model';

const follows = personalFollows(ThreadSubscriptionModel, 'threadId');

/** One's own choice for a thread one may read. */
export async function setSubscription(input: {
  actor: Actor;
  threadId: string;
  state: SubscriptionState;
  broadcast: ForumBroadcast;
}): Promise<Subscription> {
  const { actor, threadId, state } = input;
  await readableThread(actor, threadId);
  await follows.choose(actor.id, threadId, state);
  input.broadcast.subscriptionChanged(actor.id, { threadId, state });
  return { threadId, state };
}

/** How the person follows one thread (`normal` without a document). */
export const subscriptionOf = (userId: string, threadId: string) => follows.stateOf(userId, threadId);

/** Every thread the person follows or muted, by thread id: one equality lookup on `userId`. */
export const subscriptionsOf = (userId: string) => follows.allOf(userId);

/**
 * Posting, starting or being mentioned: `normal` becomes `following`; a mute, or following already,
 * stays as it is.
 */
/** Who follows or muted a thread (notifications). */
export const subscribersOf = (threadId: string) => follows.peopleOf(threadId);
export const followAutomatically = (threadId: string, userIds: readonly string[]) => follows.followAutomatically(threadId, userIds);

/** Of the people a message mentions, those who may read its thread (the others are not told of it). */
export async function readersAmong(thread: ThreadDocument, userIds: readonly string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const users = await UserModel.find({ _id: trusted({ $in: userIds }) }).populate<Pick<UserWithOrganization, 'organization'>>(
    'organization',
  );
  return users.filter((u) => u.organization && readVerdict(toActor(u), thread).allowed).map((u) => String(u.id));
}
