import type { Message } from '@shared/schemas/threads';

/** Query parameters of the thread page: the open reply panel and the message to bring into view. */
export const REPLIES_PARAM = 'replies';
export const TARGET_PARAM = 'message';

/** A link to one message in its thread; a reply opens its parent's reply panel. */
export function messageLink(threadId: string, message: Pick<Message, 'id' | 'parentId'>): string {
  const params = new URLSearchParams();
  if (message.parentId) params.set(REPLIES_PARAM, message.parentId);
  params.set(TARGET_PARAM, message.id);
  return `/threads/${threadId}?${params.toString()}`;
}
