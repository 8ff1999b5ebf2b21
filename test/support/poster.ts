/**
 * A resilient participant for fault tests: it posts messages with its own client ids, retrying the
 * same id after any failure or lost connection (as the web client's outbox does), and keeps the
 * thread as the web client does — live events and catch-up through the shared timeline reducer.
 */
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { Ack, SocketAckBodies } from '../../shared/socketEvents';
import type { Message, MessagePage } from '../../shared/schemas/threads';
import { emptyTimeline, mergeMessages, type Timeline } from '../../shared/threads/timeline';
import type { ApiClient, CouncilClientSocket } from './client';
import { sleep } from './forum';

export class Poster {
  timeline: Timeline = emptyTimeline;
  /** Body → seq of every send the server acknowledged as stored. */
  readonly acked = new Map<string, number>();
  /** Error codes of refused or unanswered sends (retried). */
  readonly failures: string[] = [];
  /** Server events seen, by name (e.g. server.shutdown). */
  readonly notices: string[] = [];
  reconnections = 0;
  private socket: CouncilClientSocket | null = null;
  /** The thread's last number when this client last caught up: a reconnection fetches everything after it again. */
  private syncedSeq = 0;
  private stopped = false;
  /** Those waiting for `acked` to reach a size (`whenAcked`). */
  private ackWaiters: Array<{ size: number; resolve: () => void }> = [];

  constructor(
    readonly name: string,
    private readonly client: ApiClient,
    private readonly baseUrl: string,
    private readonly threadId: string,
  ) {}

  /** Connect and join the thread, retrying until it works (the server may be down). */
  async connect(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      const socket: CouncilClientSocket = io(this.baseUrl, {
        extraHeaders: { cookie: this.client.cookieHeader },
        reconnection: false,
        transports: ['websocket'],
        forceNew: true,
        timeout: 2_000,
      });
      try {
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
        socket.on('message.created', (m: Message) => {
          if (m.threadId === this.threadId) this.timeline = mergeMessages(this.timeline, [m]);
        });
        socket.on('server.shutdown', () => this.notices.push('server.shutdown'));
        socket.on('disconnect', () => {
          if (this.socket === socket) this.socket = null;
        });
        const joined = await this.emit(socket, 'thread.join', { threadId: this.threadId, afterSeq: this.syncedSeq });
        if (!joined.ok) throw new Error(joined.error.code);
        this.timeline = mergeMessages(this.timeline, joined.missed);
        if (joined.hasMore)
          this.timeline = mergeMessages(
            this.timeline,
            await fetchAfter(this.client, this.threadId, Math.max(...joined.missed.map((m) => m.seq))),
          );
        this.syncedSeq = this.timeline.lastSeq;
        this.socket = socket;
        return;
      } catch {
        socket.close();
        await sleep(Math.min(100 * 2 ** attempt, 1_000));
      }
    }
  }

  private emit<E extends 'thread.join' | 'message.send'>(
    socket: CouncilClientSocket,
    event: E,
    payload: unknown,
    ms = 8_000,
  ): Promise<Ack<SocketAckBodies[E]>> {
    return (socket as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<Ack<SocketAckBodies[E]>> } })
      .timeout(ms)
      .emitWithAck(event, payload);
  }

  /** Resolves once `size` sends have been acknowledged as stored (at once if they have). */
  whenAcked(size: number): Promise<void> {
    if (this.acked.size >= size) return Promise.resolve();
    return new Promise((resolve) => this.ackWaiters.push({ size, resolve }));
  }

  /** Post `body` until the server acknowledges it as stored; the same client id on every attempt. */
  async post(body: string): Promise<void> {
    const clientId = randomUUID();
    for (let attempt = 0; !this.stopped; attempt++) {
      if (!this.socket?.connected) {
        this.reconnections += 1;
        await this.connect();
        continue;
      }
      try {
        const reply = await this.emit(this.socket, 'message.send', { threadId: this.threadId, clientId, body });
        if (reply.ok) {
          this.acked.set(body, reply.message.seq);
          this.timeline = mergeMessages(this.timeline, [reply.message]);
          for (const waiter of this.ackWaiters) if (this.acked.size >= waiter.size) waiter.resolve();
          this.ackWaiters = this.ackWaiters.filter((waiter) => this.acked.size < waiter.size);
          return;
        }
        this.failures.push(reply.error.code);
      } catch {
        this.failures.push('no-ack');
      }
      // Back off as the web client's outbox does, so a recovering server is not buried in retries.
      await sleep(Math.min(250 * 2 ** attempt, 4_000) * (0.5 + Math.random()));
    }
  }

  /** Post `count` messages named `<name>-<i>`, one after another, `pauseMs` apart. */
  async postMany(count: number, pauseMs: number): Promise<void> {
    for (let i = 1; i <= count && !this.stopped; i++) {
      await this.post(`${this.name}-${i}`);
      await sleep(pauseMs);
    }
  }

  /** Catch up once more (as after a reconnection) so the list is final: everything after what it already holds without a gap. */
  async settle(): Promise<void> {
    if (!this.socket?.connected) await this.connect();
    else this.timeline = mergeMessages(this.timeline, await fetchAfter(this.client, this.threadId, this.heldUpTo()));
  }

  /** The highest n such that this client holds every message up to n (or caught up to it): those need no fetching again. */
  private heldUpTo(): number {
    let held = 0;
    for (const m of this.timeline.messages) {
      if (m.seq > held + 1) break;
      held = m.seq;
    }
    return Math.max(held, this.syncedSeq);
  }

  close(): void {
    this.stopped = true;
    this.socket?.close();
  }
}

/**
 * Every message after `after`, in order, page by page. A busy or recovering server's 503 is retried
 * with a growing pause, as the web client's queries are: ten clients retrying a page at a fixed
 * short interval kept a server that had just come back from an outage saturated for minutes.
 */
async function fetchAfter(client: ApiClient, threadId: string, after: number): Promise<Message[]> {
  const found: Message[] = [];
  for (let cursor = after, refused = 0; ;) {
    const page = await client.get<MessagePage>(`/api/threads/${threadId}/messages?after=${cursor}&limit=200`);
    if (page.status === 503) {
      await sleep(Math.min(250 * 2 ** refused++, 4_000) * (0.5 + Math.random()));
      continue;
    }
    refused = 0;
    if (page.status !== 200) throw new Error(`fetch ${page.status}: ${JSON.stringify(page.body)}`);
    found.push(...page.body.messages);
    if (!page.body.hasMore) return found;
    cursor = page.body.messages[page.body.messages.length - 1]!.seq;
  }
}

/** Every message of a thread as a fresh client fetches it, in order. */
export async function freshFetch(client: ApiClient, threadId: string): Promise<Message[]> {
  return mergeMessages(emptyTimeline, await fetchAfter(client, threadId, 0)).messages;
}
