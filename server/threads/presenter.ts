/** Stored forum documents → the shared API shapes, as one reader may see them. */
import type { Actor } from '@shared/domain';
import { messageAbilities, type MessageAbilities, type MessageFacts, type ThreadFacts } from '@shared/policies/thread';
import type { Message, MessageView, ModerationAction, Reaction, Thread } from '@shared/schemas/threads';
import { REACTION_KEYS, type ReactionKey } from '@shared/threads/rules';
import { presentPerson, type PersonRecord } from '../users/person';
import type { MessageRow, ThreadRow } from './model';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentThread(t: ThreadRow): Thread {
  return {
    id: String(t._id),
    title: t.title,
    visibility: t.visibility,
    businessAreas: [...t.businessAreas],
    resolved: t.resolved,
    pinned: t.pinned,
    locked: t.locked,
    createdBy: presentPerson(t.createdBy),
    createdAt: t.createdAt.toISOString(),
    lastActivityAt: t.lastActivityAt.toISOString(),
    lastSeq: t.lastSeq,
    messageCount: t.lastSeq,
    participantCount: t.participants.length,
  };
}

export interface ReactionRow {
  messageId: unknown;
  userId: unknown;
  key: string;
}

/** Group reaction rows (ordered by time) into each message's reactions, in the fixed key order. */
export function groupReactions(rows: readonly ReactionRow[]): Map<string, Reaction[]> {
  const byMessage = new Map<string, Map<ReactionKey, string[]>>();
  for (const row of rows) {
    const id = String(row.messageId);
    const keys = byMessage.get(id) ?? new Map<ReactionKey, string[]>();
    byMessage.set(id, keys);
    const key = row.key as ReactionKey;
    keys.set(key, [...(keys.get(key) ?? []), String(row.userId)]);
  }
  const out = new Map<string, Reaction[]>();
  for (const [id, keys] of byMessage) {
    out.set(
      id,
      REACTION_KEYS.filter((k) => keys.has(k)).map((key) => ({ key, userIds: keys.get(key)! })),
    );
  }
  return out;
}

/**
 * A message for a reader. A deleted message keeps no visible text; a hidden one shows its reason,
 * and its text only to those who moderate (so they can judge a restore).
 */
/** What the thread rules need of a stored or presented thread. */
export const threadFacts = (t: { visibility: Thread['visibility']; locked: boolean; createdBy: { id: unknown } }): ThreadFacts => ({
  visibility: t.visibility,
  locked: t.locked,
  createdById: String(t.createdBy.id),
});

/** What the message rules need of a stored message. */
export const messageFacts = (m: MessageRow): MessageFacts => ({
  authorId: String(m.author.id),
  state: m.deletedAt ? 'deleted' : m.hidden ? 'hidden' : 'visible',
  parentId: m.parentId ? String(m.parentId) : null,
});

/** A message as one reader sees it: the view for their kind of reader, with what they may do with it. */
export function withAbilities(view: MessageView, actor: Actor, thread: ThreadFacts): Message {
  return { ...view, abilities: messageAbilities(actor, { authorId: view.author.id, state: view.state, parentId: view.parentId }, thread) };
}

/**
 * `withAbilities` for many messages of one thread read by one reader: what a reader may do with a
 * message depends only on whether it is theirs, its state and whether it is a reply, so each of
 * those few combinations is decided once (a page of 50 messages decides 2 or 3, not 50).
 */
export function abilitiesFor(actor: Actor, thread: ThreadFacts): (view: MessageView) => Message {
  const decided = new Map<string, MessageAbilities>();
  return (view) => {
    const mine = view.author.id === actor.id;
    const key = `${mine}|${view.state}|${view.parentId === null}`;
    let abilities = decided.get(key);
    if (!abilities)
      decided.set(
        key,
        (abilities = messageAbilities(actor, { authorId: view.author.id, state: view.state, parentId: view.parentId }, thread)),
      );
    return { ...view, abilities };
  };
}

/**
 * Views of the rows the thread cache holds (bucketCache.ts), kept beside them: a cached row is never
 * changed in place (a change replaces its bucket's rows), so its view is made once per kind of
 * reader and reused by every page that shows it, until its reactions change.
 */
const cachedViews = new WeakMap<MessageRow, { reactions: Reaction[]; views: Array<MessageView | undefined> }>();

/** presentMessage for a row of the thread cache. */
export function presentCachedMessage(m: MessageRow, reactions: Reaction[], { moderator }: { moderator: boolean }): MessageView {
  let kept = cachedViews.get(m);
  if (kept?.reactions !== reactions) cachedViews.set(m, (kept = { reactions, views: [] }));
  const kind = moderator ? 1 : 0;
  return (kept.views[kind] ??= presentMessage(m, reactions, { moderator }));
}

/** A message as ordinary readers (`moderator: false`) or the secretariat see it, before abilities. */
export function presentMessage(m: MessageRow, reactions: Reaction[], { moderator }: { moderator: boolean }): MessageView {
  const state = m.deletedAt ? 'deleted' : m.hidden ? 'hidden' : 'visible';
  const body = state === 'visible' || (state === 'hidden' && moderator) ? m.body : null;
  return {
    id: String(m._id),
    threadId: String(m.threadId),
    seq: m.seq,
    clientId: m.clientId,
    parentId: m.parentId ? String(m.parentId) : null,
    author: presentPerson(m.author),
    body,
    state,
    hidden: m.hidden && !m.deletedAt ? { reason: m.hidden.reason ?? '', at: iso(m.hidden.at) ?? '' } : null,
    editedAt: iso(m.editedAt),
    version: m.version,
    mentions:
      body === null
        ? { users: [], organizations: [] }
        : {
            users: m.mentions.users.map((u) => ({ id: String(u.id), displayName: u.displayName ?? '' })),
            organizations: m.mentions.organizations.map((o) => ({ id: String(o.id), nameJa: o.nameJa ?? '', nameEn: o.nameEn ?? '' })),
          },
    attachments:
      state === 'visible'
        ? m.attachments.map((a) => ({
            id: String(a.id),
            name: a.name ?? '',
            type: a.type ?? '',
            size: a.size ?? 0,
            sha256: a.sha256 ?? '',
          }))
        : [],
    reactions: state === 'visible' ? reactions : [],
    replyCount: m.replyCount,
    lastReplyAt: iso(m.lastReplyAt),
    createdAt: m.createdAt.toISOString(),
  };
}

export function presentModeration(a: {
  _id: unknown;
  action: ModerationAction['action'];
  threadId: unknown;
  messageId?: unknown;
  by: PersonRecord;
  reason?: string | null;
  at: Date;
}): ModerationAction {
  return {
    id: String(a._id),
    action: a.action,
    threadId: String(a.threadId),
    messageId: a.messageId ? String(a.messageId) : null,
    by: presentPerson(a.by),
    reason: a.reason ?? null,
    at: a.at.toISOString(),
  };
}
