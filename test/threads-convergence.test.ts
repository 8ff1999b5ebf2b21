/**
 * A live client converges: one that applies 200 random live events (posts, replies, edits,
 * deletes, reactions, hides, restores by several people) with the shared timeline reducer ends with
 * exactly the state a fresh fetch returns.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Message, MessagePage } from '../shared/schemas/threads';
import { REACTION_KEYS } from '../shared/threads/rules';
import { applyTimelineEvent, mergeMessages, type Timeline, type TimelineEvent } from '../shared/threads/timeline';
import type { ApiClient, CouncilClientSocket } from './support/client';
import { newClientId, nextEvent, ok, openSocket, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let sockets: CouncilClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server.close();
});

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return { next, pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

const EVENTS = [
  'message.created',
  'message.edited',
  'message.deleted',
  'message.hidden',
  'message.restored',
  'message.replies',
  'reaction.changed',
] as const;

it('applying 200 random live events gives the same state as a fresh fetch', async () => {
  const seed = Number(process.env.CONVERGENCE_SEED ?? Date.now() % 100_000);
  const rng = random(seed);
  const people: ApiClient[] = await server.signInAll('dev@demo.example', 'dev2@demo.example', 'support@demo.example');
  const secretariat = await server.signIn('secretariat@demo.example');
  const observer = await server.signIn('dev-admin@demo.example');
  const { thread } = await startThread(people[0]!);

  const watcher = await openSocket(observer);
  const actorSockets = await Promise.all([...people, secretariat].map(openSocket));
  sockets = [watcher, ...actorSockets];
  let timeline: Timeline = { messages: [], lastSeq: 0 };
  let applied = 0;
  for (const event of EVENTS) {
    (watcher as unknown as { on(e: string, f: (p: unknown) => void): void }).on(event, (payload) => {
      const e = (
        event === 'message.replies' || event === 'reaction.changed'
          ? { type: event, ...(payload as object) }
          : { type: event, message: payload }
      ) as TimelineEvent;
      timeline = applyTimelineEvent(timeline, e);
      applied++;
    });
  }
  const joined = await ok(watcher, 'thread.join', { threadId: thread.id, afterSeq: 0 });
  timeline = mergeMessages(timeline, joined.missed);

  // Which person wrote which message, so edits and deletes go to their authors.
  const authored = new Map<string, number>();
  authored.set(joined.missed[0]!.id, 0);
  const known = () => [...authored.keys()];
  const counts: Record<string, number> = {};
  for (let i = 0; i < 200; i++) {
    const who = Math.floor(rng.next() * people.length);
    const socket = actorSockets[who]!;
    const op = rng.pick(['post', 'post', 'reply', 'edit', 'delete', 'react', 'react', 'unreact', 'hide', 'restore'] as const);
    counts[op] = (counts[op] ?? 0) + 1;
    const target = rng.pick(known());
    const ownTargets = known().filter((id) => authored.get(id) === who);
    try {
      switch (op) {
        case 'post': {
          const { message } = await ok(socket, 'message.send', { threadId: thread.id, clientId: newClientId(), body: `投稿 ${i}` });
          authored.set(message.id, who);
          break;
        }
        case 'reply': {
          const { message } = await ok(socket, 'message.send', {
            threadId: thread.id,
            clientId: newClientId(),
            body: `返信 ${i}`,
            parentId: target,
          });
          authored.set(message.id, who);
          break;
        }
        case 'edit':
          if (ownTargets.length) await ok(socket, 'message.edit', { messageId: rng.pick(ownTargets), body: `編集 ${i}` });
          break;
        case 'delete':
          if (ownTargets.length) await ok(socket, 'message.delete', { messageId: rng.pick(ownTargets) });
          break;
        case 'react':
        case 'unreact':
          await ok(socket, 'reaction.set', { messageId: target, key: rng.pick(REACTION_KEYS), on: op === 'react' });
          break;
        case 'hide':
          await ok(actorSockets[people.length]!, 'message.hide', { messageId: target, reason: `理由 ${i}` });
          break;
        case 'restore':
          await ok(actorSockets[people.length]!, 'message.restore', { messageId: target });
          break;
      }
    } catch (err) {
      // Refusals are part of the game (reply to a reply, edit of a hidden message, restore of a
      // visible one, react to a deleted one); they must be clean refusals, never state changes.
      expect(String(err), `seed ${seed}`).toMatch(/refused: (bad_request|conflict)/);
    }
  }
  // A sentinel: the server sends a socket's events in order, so once the watcher hears this post,
  // every event of the operations before it has been applied.
  const sentinel = nextEvent<Message>(watcher, 'message.created', (m) => m.body === '最後の投稿');
  await ok(actorSockets[0]!, 'message.send', { threadId: thread.id, clientId: newClientId(), body: '最後の投稿' });
  await sentinel;

  const fresh = (await observer.get<MessagePage>(`/api/threads/${thread.id}/messages?after=0&limit=500`)).body;
  const byId = (ms: Message[]) => [...ms].sort((a, b) => a.seq - b.seq);
  expect(byId(timeline.messages), `seed ${seed}, ops ${JSON.stringify(counts)}`).toEqual(byId(fresh.messages));
  expect(timeline.lastSeq).toBe(fresh.lastSeq);
  expect(fresh.messages.length).toBeGreaterThan(30);
  // Enough of the game was live events (hiding a hidden message, or replying to a hidden or deleted one, is refused).
  expect(applied).toBeGreaterThan(90);
});
