/** Loading forum documents for a person: unknown ids are 404, unreadable threads 403 with the reason. */
import type { Actor } from '@shared/domain';
import { can, decide } from '@shared/permissions';
import { READ_ACTION } from '@shared/threads/rules';
import { forbidden, notFound } from '../http/errors';
import { MessageModel, ThreadModel, type MessageDocument, type ThreadDocument } from './model';

export function requireReadable(actor: Actor, thread: ThreadDocument): void {
  const decision = decide(actor, READ_ACTION[thread.visibility]);
  if (!decision.allowed) throw forbidden(`${decision.reason} (this thread is ${thread.visibility}-only)`);
}

export async function readableThread(actor: Actor, threadId: string): Promise<ThreadDocument> {
  const thread = await ThreadModel.findById(threadId);
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
export function requireCanPost(actor: Actor, thread: ThreadDocument): void {
  requireReadable(actor, thread);
  const decision = decide(actor, 'message.post');
  if (!decision.allowed) throw forbidden(decision.reason);
  if (thread.locked && !can(actor, 'moderate')) throw forbidden('this thread is locked by the secretariat');
}
