/** Loading forum documents for a person: unknown ids are 404, unreadable threads 403 with the reason. */
import type { Actor } from '@shared/domain';
import { messageVerdicts, postVerdict, readVerdict, type MessageAbility, type ThreadFacts } from '@shared/policies/thread';
import { enforce } from '../http/authorize';
import { notFound } from '../http/errors';
import { isValidObjectId } from 'mongoose';
import { MessageModel, ThreadModel, type MessageDocument, type ThreadDocument, type ThreadRow } from './model';
import { threadView } from './threadView';
import { messageFacts, threadFacts } from './presenter';

export function requireReadable(actor: Actor, thread: ThreadRow): void {
  enforce(readVerdict(actor, thread));
}

export async function readableThread(actor: Actor, threadId: string): Promise<ThreadDocument> {
  const thread = await ThreadModel.findById(threadId);
  if (!thread) throw notFound('thread');
  requireReadable(actor, thread);
  return thread;
}

/** The same, from the in-memory thread view (current as of this call): no read of the thread itself. */
export async function readableThreadRow(actor: Actor, threadId: string): Promise<ThreadRow> {
  const thread = isValidObjectId(threadId) ? (await threadView.current()).get(threadId) : undefined;
  if (!thread) throw notFound('thread');
  requireReadable(actor, thread);
  return thread;
}

/** A message and its thread, when the actor may read the thread. */
export async function readableMessage(actor: Actor, messageId: string): Promise<{ message: MessageDocument; thread: ThreadDocument }> {
  const message = await MessageModel.findById(messageId);
  if (!message) throw notFound('message');
  const thread = await readableThread(actor, String(message.threadId));
  return { message, thread };
}

/** Posting (and reacting, editing) needs the post right, read access, and an unlocked thread unless one moderates. */
export function requireCanPost(actor: Actor, thread: Pick<ThreadFacts, 'visibility' | 'locked'>): void {
  enforce(postVerdict(actor, thread));
}

/** May `actor` do `what` with the message? Throws the policy's refusal (shared/policies/thread.ts). */
export function requireMessageAbility(actor: Actor, what: MessageAbility, message: MessageDocument, thread: ThreadDocument): void {
  enforce(messageVerdicts(actor, messageFacts(message), threadFacts(thread))[what]);
}
