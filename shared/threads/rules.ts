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
  searchQueryLength: 100,
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
