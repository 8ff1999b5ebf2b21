/**
 * The search grams of each visible message, in a collection of their own (model.ts,
 * `MessageGramsModel`): written after every change of what a message shows, read only by search.
 * Search confirms every candidate against the message itself (not deleted, not hidden, the words
 * really there), so a grams document a moment out of date can only cost a candidate, never show one.
 */
import { gramsOf } from '@shared/search/grams';
import { searchableText } from './mentions';
import { MessageGramsModel, type MessageDocument } from './model';

/** Keep `message`'s grams as it now reads: its visible text's, or none while it is deleted or hidden. */
export async function recordMessageGrams(message: MessageDocument): Promise<void> {
  if (message.deletedAt || message.hidden) {
    await MessageGramsModel.deleteOne({ _id: message._id });
    return;
  }
  const grams = gramsOf(searchableText(message.body, message.mentions));
  await MessageGramsModel.updateOne(
    { _id: message._id },
    { $set: { threadId: message.threadId, visibility: message.visibility, createdAt: message.createdAt, grams } },
    { upsert: true },
  );
}
