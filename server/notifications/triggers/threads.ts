/**
 * Threads: a mention of me or my organisation, a reply to my message, new messages in a thread I
 * follow (batched per thread). Each person hears of one post once, by the strongest reason: a
 * mention over a reply over activity. Someone who muted the thread hears only of mentions.
 */
import type { Person } from '@shared/schemas/threads';
import { subscribersOf } from '../../threads/subscriptions';
import { membersOf } from '../people';
import type { Notifier } from '../types';
import { excerpt } from './excerpt';

export interface PostedEvent {
  thread: { id: string; title: string };
  message: { id: string; seq: number; body: string; author: Person };
  mentions: { users: readonly { id: string; displayName: string }[]; organizations: readonly { id: string; nameJa: string }[] };
  /** The author of the message this one replies to. */
  parentAuthorId: string | null;
}

export function threadNotifications(notifier: Notifier) {
  return {
    posted(e: PostedEvent): void {
      notifier.run('a post', () => posted(e));
    },
  };

  async function posted(e: PostedEvent): Promise<void> {
    const target = { type: 'thread' as const, id: e.thread.id, title: e.thread.title, number: null, seq: e.message.seq };
    const names = new Map<string, string>([
      ...e.mentions.users.map((u) => [`user:${u.id}`, u.displayName] as const),
      ...e.mentions.organizations.map((o) => [`org:${o.id}`, o.nameJa] as const),
    ]);
    // A mention is stored as `@{user:<id>}`: the excerpt names the person, as the message does on screen.
    const body = e.message.body.replace(/@\{((?:user|org):[0-9a-f]{24})\}/g, (token, key: string) => `@${names.get(key) ?? '…'}`);
    const detail = { excerpt: excerpt(body) };
    const actor = e.message.author;
    const [subscribers, orgMembers] = await Promise.all([subscribersOf(e.thread.id), membersOf(e.mentions.organizations.map((o) => o.id))]);
    const mentioned = new Set([...e.mentions.users.map((u) => u.id), ...orgMembers]);
    notifier.notify({ kind: 'thread.mention', recipients: mentioned, actor, target, detail });
    const muted = (id: string) => subscribers.get(id) === 'muted';
    const parent = e.parentAuthorId;
    if (parent && !mentioned.has(parent) && !muted(parent))
      notifier.notify({ kind: 'thread.reply', recipients: [parent], actor, target, detail });
    const followers = [...subscribers]
      .filter(([id, state]) => state === 'following' && !mentioned.has(id) && id !== parent)
      .map(([id]) => id);
    if (followers.length) notifier.notify({ kind: 'thread.activity', recipients: followers, actor, target, detail });
  }
}
export type ThreadNotifications = ReturnType<typeof threadNotifications>;
