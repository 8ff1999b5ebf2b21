/**
 * Messages in "search everywhere": the text as the thread shows it (mentions read as the names they stand for,
 * markdown reduced to its words), until the message is deleted. A hidden message stays in the index, and is found
 * by those to whom the thread shows its hidden text — the secretariat (`presentMessage` in server/threads/presenter.ts)
 * — among those who may read the thread (./threads.ts).
 */
import mongoose from 'mongoose';
import type { Actor } from '@shared/domain';
import { can } from '@shared/permissions';
import { MESSAGE_NUMBER_PARAM } from '@shared/notifications/targetPath';
import { searchableText } from '../../threads/mentions';
import { MESSAGE_SEARCH_FIELDS, MessageModel, type MessageRow } from '../../threads/model';
import { presentMessage } from '../../threads/presenter';
import { plainText } from './plainText';
import { readableThreads, threadPath, threadStatus } from './threads';
import type { FoundItem, SearchSource } from './types';

/** What a message's entry is made of: a stored document or a lean row. */
type MessageText = Pick<MessageRow, '_id' | 'body' | 'mentions' | 'deletedAt'>;

const TEXT_FIELDS = { body: 1, mentions: 1, deletedAt: 1 } as const;

/** The plain text search sees of a message; empty once it is deleted. */
const textOf = (message: MessageText) => (message.deletedAt ? '' : plainText(searchableText(message.body, message.mentions)));

/** The thread page at a message: the page turns its number into the message's own link (and a reply's panel). */
export const messagePath = (message: Pick<MessageRow, 'threadId' | 'seq'>) =>
  `${threadPath(String(message.threadId))}?${MESSAGE_NUMBER_PARAM}=${message.seq}`;

/**
 * The messages among `ids` (valid ObjectIds) whose text `actor` may read now, with their threads: the thread is
 * readable, the message is not deleted, and its text is shown to this reader (a hidden one: to moderators only).
 */
export async function readableMessages(actor: Actor, ids: readonly string[]) {
  const valid = ids.filter((id) => mongoose.isValidObjectId(id));
  if (!actor.active || valid.length === 0) return [];
  const messages = await MessageModel.find({ _id: mongoose.trusted({ $in: valid }) }).lean<MessageRow[]>();
  const threads = await readableThreads(
    actor,
    messages.map((m) => String(m.threadId)),
  );
  const moderator = can(actor, 'moderate');
  return messages.flatMap((message) => {
    const thread = threads.get(String(message.threadId));
    if (!thread || message.deletedAt) return [];
    return presentMessage(message, [], { moderator }).body === null ? [] : [{ message, thread }];
  });
}

export const messageSearch: SearchSource<MessageText> = {
  kinds: ['message'],
  fields: MESSAGE_SEARCH_FIELDS,
  entriesOf: (message) => [{ kind: 'message', id: String(message._id), title: '', body: textOf(message) }],
  async *all() {
    yield* MessageModel.find({}, TEXT_FIELDS).lean<MessageText[]>().cursor({ batchSize: 500 });
  },
  async readable(actor, _kind, ids) {
    return (await readableMessages(actor, ids)).map(({ message, thread }): FoundItem => ({
      ...messageSearch.entriesOf(message)[0]!,
      where: thread.title,
      href: messagePath(message),
      who: message.author.displayName,
      at: message.editedAt ?? message.createdAt,
      number: null,
      status: threadStatus(thread),
      areas: thread.businessAreas,
      organizations: [String(message.author.organization.id)],
    }));
  },
};
