/** Reactions: one document per person, emoji and message, so adding twice is harmless. */
import { trusted, type Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { Reaction } from '@shared/schemas/threads';
import type { ReactionKey } from '@shared/threads/rules';
import { ignoringDuplicate } from '../db/keys';
import { readableMessage, requireMessageAbility } from './access';
import type { ForumBroadcast } from './broadcast';
import { ReactionModel } from './model';
import { groupReactions } from './presenter';

export async function reactionsOf(messageIds: ReadonlyArray<string | Types.ObjectId>): Promise<Map<string, Reaction[]>> {
  if (!messageIds.length) return new Map();
  const rows = await ReactionModel.find({ messageId: trusted({ $in: messageIds }) }, { messageId: 1, userId: 1, key: 1 })
    .sort({ at: 1, _id: 1 })
    .lean();
  return groupReactions(rows);
}

export async function setReaction(input: {
  actor: Actor;
  messageId: string;
  key: ReactionKey;
  on: boolean;
  broadcast: ForumBroadcast;
}): Promise<{ messageId: string; reactions: Reaction[] }> {
  const { actor, messageId, key, on } = input;
  const { message, thread } = await readableMessage(actor, messageId);
  requireMessageAbility(actor, 'react', message, thread);
  const _id = `${messageId}:${actor.id}:${key}`;
  if (on) {
    // The same reaction twice (or racing itself) is the same key: it exists, which is the point.
    await ignoringDuplicate(ReactionModel.create({ _id, messageId, userId: actor.id, key, at: new Date() }));
  } else {
    await ReactionModel.deleteOne({ _id });
  }
  const reactions = (await reactionsOf([message._id])).get(messageId) ?? [];
  input.broadcast.reactions(String(thread._id), messageId, reactions);
  return { messageId, reactions };
}
