/**
 * What a person does in a thread: send, edit, delete, hide, restore, react, mark read. Each goes
 * over the socket while it is connected (acknowledged by the server) and over REST otherwise;
 * both answer with what was stored, which the caller writes into the cache.
 */
import type { Message, ReadState, Reaction } from '@shared/schemas/threads';
import type { ReactionKey } from '@shared/threads/rules';
import type { SocketAckBodies, SocketEventName } from '@shared/socketEvents';
import { api, apiRequest } from '@client/api';
import { emitWithAck, type SocketRequest } from './emitWithAck';
import { realtimeSocket } from './socket';

function viaSocketOrRest<E extends SocketEventName>(
  event: E,
  payload: SocketRequest<E>,
  rest: () => Promise<SocketAckBodies[E]>,
): Promise<SocketAckBodies[E]> {
  const socket = realtimeSocket();
  return socket?.connected ? emitWithAck(socket, event, payload) : rest();
}

const messagePath = (id: string) => `/api/messages/${encodeURIComponent(id)}`;
const asMessage = async (request: Promise<Message>) => ({ message: await request });

export type SendRequest = SocketRequest<'message.send'>;

/** Idempotent by `clientId`: sending it again returns the stored message (`duplicate: true`). */
export function sendMessage(request: SendRequest): Promise<{ message: Message; duplicate: boolean }> {
  const { threadId, ...body } = request;
  return viaSocketOrRest('message.send', request, () =>
    api.post<{ message: Message; duplicate: boolean }>(`/api/threads/${encodeURIComponent(threadId)}/messages`, body),
  );
}

/** `version` is the one being edited: the server refuses (409) if someone changed it since. */
export async function editMessage(messageId: string, body: string, version: number): Promise<Message> {
  const ack = await viaSocketOrRest('message.edit', { messageId, body, version }, () =>
    asMessage(api.patch<Message>(messagePath(messageId), { body, version })),
  );
  return ack.message;
}

export async function deleteMessage(messageId: string): Promise<Message> {
  const ack = await viaSocketOrRest('message.delete', { messageId }, () =>
    asMessage(apiRequest<Message>(messagePath(messageId), { method: 'DELETE' })),
  );
  return ack.message;
}

export async function hideMessage(messageId: string, reason: string): Promise<Message> {
  const ack = await viaSocketOrRest('message.hide', { messageId, reason }, () =>
    asMessage(api.post<Message>(`${messagePath(messageId)}/hide`, { reason })),
  );
  return ack.message;
}

export async function restoreMessage(messageId: string): Promise<Message> {
  const ack = await viaSocketOrRest('message.restore', { messageId }, () =>
    asMessage(api.post<Message>(`${messagePath(messageId)}/restore`)),
  );
  return ack.message;
}

export function setReaction(messageId: string, key: ReactionKey, on: boolean): Promise<{ messageId: string; reactions: Reaction[] }> {
  return viaSocketOrRest('reaction.set', { messageId, key, on }, () =>
    apiRequest<{ messageId: string; reactions: Reaction[] }>(`${messagePath(messageId)}/reactions/${key}`, {
      method: on ? 'PUT' : 'DELETE',
    }),
  );
}

export function markThreadRead(threadId: string, seq: number): Promise<ReadState> {
  return viaSocketOrRest('thread.read', { threadId, seq }, () =>
    api.post<ReadState>(`/api/threads/${encodeURIComponent(threadId)}/read`, { seq }),
  );
}
