/**
 * The discussion forum's fixed vocabulary (visibilities, reactions, limits) and the read rule that
 * turns a thread's visibility into a permission action. Shared so client and server agree.
 */
import type { Actor } from '../domain';
import { can, type Action } from '../permissions';

/** `council`: vendors, observers and the secretariat; `vendors`: no observers; `development`: development vendors and the secretariat. */
export const VISIBILITIES = ['council', 'vendors', 'development'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const READ_ACTION: Record<Visibility, Action> = {
  council: 'thread.readCouncil',
  vendors: 'thread.readVendors',
  development: 'thread.readDevelopment',
};

export function canReadVisibility(actor: Actor, visibility: Visibility): boolean {
  return can(actor, READ_ACTION[visibility]);
}

/** The visibilities a person may read: used to filter lists, counts, search and socket rooms. */
export function readableVisibilities(actor: Actor): Visibility[] {
  return VISIBILITIES.filter((v) => canReadVisibility(actor, v));
}

/** The fixed reaction set, stored by key. */
export const REACTIONS = {
  thumbsUp: '👍',
  thanks: '🙏',
  agree: '🙆',
  smile: '😄',
  tada: '🎉',
  eyes: '👀',
  check: '✅',
  question: '❓',
} as const;
export type ReactionKey = keyof typeof REACTIONS;
export const REACTION_KEYS = Object.keys(REACTIONS) as [ReactionKey, ...ReactionKey[]];

export const LIMITS = {
  titleLength: 200,
  bodyLength: 10_000,
  reasonLength: 500,
  attachmentsPerMessage: 10,
  attachmentBytes: 20 * 1024 * 1024,
  pageSize: 50,
  catchUpSize: 500,
} as const;

/**
 * Messages are filed in buckets of this many consecutive numbers (`bucket = floor(seq / 50)`), so a
 * page of a long thread is an equality lookup on (thread, bucket) — the kind of filter every engine
 * serves without reading the whole thread (docs/PERFORMANCE.md).
 */
export const MESSAGE_BUCKET_SPAN = 50;
export const bucketOf = (seq: number): number => Math.floor(seq / MESSAGE_BUCKET_SPAN);

/** What the secretariat's moderation record can say happened. */
export const MODERATION_ACTIONS = ['hide', 'restore', 'pin', 'unpin', 'lock', 'unlock', 'edit'] as const;
export type ModerationActionKind = (typeof MODERATION_ACTIONS)[number];

/**
 * How a person follows a thread (Discourse's watching levels, simplified): `following` counts its unread
 * messages even before they open it, `normal` once they have read it, `muted` never and hides it from the
 * lists but the ミュート tab. Posting in a thread, starting it or being mentioned in it moves `normal` to
 * `following`; an explicit mute stays.
 */
export const SUBSCRIPTION_STATES = ['following', 'normal', 'muted'] as const;
export type SubscriptionState = (typeof SUBSCRIPTION_STATES)[number];

/** The thread list's tabs: everything, new, unread, following, muted (`?view=`). */
export const THREAD_LIST_VIEWS = ['all', 'new', 'unread', 'following', 'muted'] as const;
export type ThreadListView = (typeof THREAD_LIST_VIEWS)[number];

/** A thread is new to a person while they have never opened it, for this many days after it was started. */
export const NEW_THREAD_DAYS = 14;
const NEW_THREAD_MS = NEW_THREAD_DAYS * 24 * 60 * 60 * 1000;

/** New: never opened by this person (no read position) and started within NEW_THREAD_DAYS. */
export function isNewThread(thread: { createdAt: Date | string }, opened: boolean, now = Date.now()): boolean {
  return !opened && now - new Date(thread.createdAt).getTime() < NEW_THREAD_MS;
}

/** What decides which tab a thread is listed under, for one person. */
export interface ListFacts {
  subscription: SubscriptionState;
  /** They have a read position in it (opened it, or posted). */
  opened: boolean;
  unread: number;
  isNew: boolean;
}

/**
 * Whether a thread belongs in a tab of the list: muted threads only under ミュート; 新着 is new
 * (isNewThread); 未読 is unread messages in a thread one follows or has read before (Discourse's
 * Unread, so a thread never opened is new rather than unread unless one follows it).
 */
export function inListView(view: ThreadListView, f: ListFacts): boolean {
  if (view === 'muted') return f.subscription === 'muted';
  if (f.subscription === 'muted') return false;
  if (view === 'new') return f.isNew;
  if (view === 'unread') return f.unread > 0 && (f.subscription === 'following' || f.opened);
  if (view === 'following') return f.subscription === 'following';
  return true;
}
