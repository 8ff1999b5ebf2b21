/** Helpers for forum tests: typed acks, waiting for events, starting threads. */
import { randomUUID } from 'node:crypto';
import type { Ack, SocketAckBodies, SocketEventName } from '../../shared/socketEvents';
import type { Message, Thread } from '../../shared/schemas/threads';
import type { ApiClient, CouncilClientSocket } from './client';
import { connected } from './client';

export const newClientId = () => randomUUID();

/**
 * Emit any event, known or not (fuzzing, unknown names), and resolve with its acknowledgement;
 * rejects after `ms` of silence. The one cast of the socket's typed `emit` in the tests.
 */
export function emitWithAck<T = Ack>(socket: CouncilClientSocket, event: string, payload: unknown, ms = 5_000): Promise<T> {
  return (socket as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<T> } })
    .timeout(ms)
    .emitWithAck(event, payload);
}

/** Emit an event and resolve with its acknowledgement (fails the test after 5 s of silence). */
export function ack<E extends SocketEventName>(socket: CouncilClientSocket, event: E, payload: unknown): Promise<Ack<SocketAckBodies[E]>> {
  return emitWithAck<Ack<SocketAckBodies[E]>>(socket, event, payload);
}

/** Resolve with the ok body, or throw the error ack. */
export async function ok<E extends SocketEventName>(socket: CouncilClientSocket, event: E, payload: unknown): Promise<SocketAckBodies[E]> {
  const reply = await ack(socket, event, payload);
  if (!reply.ok) throw new Error(`${event} refused: ${reply.error.code} ${reply.error.message}`);
  return reply;
}

/** Collect every payload of `event` on `socket`. */
export function collect<T>(socket: CouncilClientSocket, event: string): T[] {
  const seen: T[] = [];
  (socket as unknown as { on(e: string, f: (p: T) => void): void }).on(event, (p) => seen.push(p));
  return seen;
}

/** Resolve with the first payload of `event` that satisfies `match`. */
export function nextEvent<T>(socket: CouncilClientSocket, event: string, match: (p: T) => boolean = () => true, ms = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const s = socket as unknown as { on(e: string, f: (p: T) => void): void; off(e: string, f: (p: T) => void): void };
    const timer = setTimeout(() => {
      s.off(event, listener);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const listener = (p: T) => {
      if (!match(p)) return;
      clearTimeout(timer);
      s.off(event, listener);
      resolve(p);
    };
    s.on(event, listener);
  });
}

export async function openSocket(client: ApiClient): Promise<CouncilClientSocket> {
  const socket = client.socket();
  await connected(socket);
  return socket;
}

export async function startThread(
  client: ApiClient,
  input: { title?: string; body?: string; visibility?: 'council' | 'vendors' | 'development'; businessAreas?: string[] } = {},
): Promise<{ thread: Thread; message: Message }> {
  const res = await client.post<{ thread: Thread; message: Message }>('/api/threads', {
    clientId: newClientId(),
    title: input.title ?? 'テストスレッド',
    body: input.body ?? '最初の投稿です。',
    visibility: input.visibility ?? 'council',
    businessAreas: input.businessAreas ?? [],
  });
  if (res.status !== 201) throw new Error(`thread not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Post a message (or a reply) over REST; throws unless it is stored. */
export async function postMessage(client: ApiClient, threadId: string, body: string, parentId?: string): Promise<Message> {
  const res = await client.post<{ message: Message }>(`/api/threads/${threadId}/messages`, {
    clientId: newClientId(),
    body,
    ...(parentId ? { parentId } : {}),
  });
  if (res.status !== 201) throw new Error(`message not stored: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.message;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
