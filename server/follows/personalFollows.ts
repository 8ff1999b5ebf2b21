/**
 * Following and muting something (a thread, an issue), per person: one document per thing and person
 * (`<targetId>:<userId>`), written whole, so people changing theirs at once never erase each other's
 * (docs/DATABASE.md "No lost writes"). A person's choices are read by `userId` (indexed): one equality
 * lookup, never a scan of everyone's.
 */
import mongoose, { Schema, type Model, type Types } from 'mongoose';
import { SUBSCRIPTION_STATES, type SubscriptionState } from '@shared/threads/rules';
import { ignoringDuplicate } from '../db/keys';

/** One person's choice for one thing; the thing's id is under the store's own field (`threadId`, `issueId`). */
export interface FollowRecord {
  _id: string;
  userId: Types.ObjectId | string;
  state: SubscriptionState;
  /** Whether the person chose it (`false`: following because they took part). */
  chosen: boolean;
  at: Date;
}

/** The collection of one kind of follow: `targetField` names the followed thing's id. */
export function followModel(name: string, collection: string, targetField: string): Model<FollowRecord> {
  const schema = new Schema({
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    [targetField]: { type: Schema.Types.ObjectId, required: true },
    state: { type: String, enum: SUBSCRIPTION_STATES, required: true },
    chosen: { type: Boolean, required: true },
    at: { type: Date, required: true },
  });
  schema.index({ userId: 1 });
  // Whom to notify of the thing's news: its followers and those who muted it, by one equality lookup.
  schema.index({ [targetField]: 1 });
  return mongoose.model<FollowRecord>(name, schema, collection);
}

export interface PersonalFollows {
  /** One's own choice, replaced whole. */
  choose(userId: string, targetId: string, state: SubscriptionState): Promise<void>;
  /** How the person follows one thing (`normal` without a document). */
  stateOf(userId: string, targetId: string): Promise<SubscriptionState>;
  /** Every thing the person follows or muted, by its id: one equality lookup on `userId`. */
  allOf(userId: string): Promise<Map<string, SubscriptionState>>;
  /** Everyone with a stored choice for one thing (following or muted), by user id: one equality lookup. */
  peopleOf(targetId: string): Promise<Map<string, SubscriptionState>>;
  /** Taking part: someone with nothing stored starts following; any stored state (a choice, following) stays. */
  followAutomatically(targetId: string, userIds: readonly string[]): Promise<void>;
}

export function personalFollows(model: Model<FollowRecord>, targetField: string): PersonalFollows {
  const idOf = (targetId: string, userId: string) => `${targetId}:${userId}`;
  /**
   * Keys this process knows are stored (a document is replaced, never removed): a person's posts after
   * the first cost no read. Bounded; forgetting only means one more insert that finds its key taken.
   */
  const stored = new Set<string>();
  const remember = (key: string) => {
    if (stored.size >= 10_000) stored.clear();
    stored.add(key);
  };
  return {
    async choose(userId, targetId, state) {
      await model.replaceOne(
        { _id: idOf(targetId, userId) },
        { userId, [targetField]: targetId, state, chosen: true, at: new Date() },
        { upsert: true },
      );
      remember(idOf(targetId, userId));
    },
    async stateOf(userId, targetId) {
      const found = await model.findById(idOf(targetId, userId), { state: 1 }).lean();
      return found?.state ?? 'normal';
    },
    async allOf(userId) {
      const found = await model.find({ userId }, { [targetField]: 1, state: 1 }).lean<(FollowRecord & Record<string, unknown>)[]>();
      return new Map(found.map((s) => [String(s[targetField]), s.state]));
    },
    async peopleOf(targetId) {
      const found = await model.find({ [targetField]: targetId }, { userId: 1, state: 1 }).lean<FollowRecord[]>();
      return new Map(found.map((s) => [String(s.userId), s.state]));
    },
    async followAutomatically(targetId, userIds) {
      await Promise.all(
        [...new Set(userIds)].map(async (userId) => {
          const _id = idOf(targetId, userId);
          if (stored.has(_id)) return;
          // Only someone with nothing stored starts following: a choice of their own (even 通常) stands,
          // as Discourse's explicit tracking levels do, and following already needs nothing.
          await ignoringDuplicate(
            model.create({ _id, userId, [targetField]: targetId, state: 'following', chosen: false, at: new Date() }),
          );
          remember(_id);
        }),
      );
    },
  };
}
