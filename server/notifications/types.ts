/**
 * What the features hand the notifier: one event, the people it may concern, and what it is about.
 * The notifier keeps those who may read the target now (checked again when the inbox is shown),
 * drops the actor themself, applies each person's settings, stores one notification per person and
 * tells their sockets; e-mail goes through the outbox (server/mail/).
 */
import type { NotificationKind } from '@shared/notifications/kinds';
import type { NotificationDetail, NotificationTarget } from '@shared/schemas/notifications';
import type { Person } from '@shared/schemas/threads';
import type { Actor } from '@shared/domain';

export interface NotifyInput {
  kind: NotificationKind;
  /** User ids; duplicates, the actor and those who may not read the target are dropped. */
  recipients: Iterable<string>;
  /** Who did it (null: the platform). */
  actor: Person | null;
  target: NotificationTarget;
  detail?: NotificationDetail;
  /** An announcement that asks each organisation to confirm: delivered even to those who turned announcements off. */
  mustConfirm?: boolean;
}

export interface Notifier {
  /** Queue an event: returns at once; delivery runs in the background, in order. */
  notify(input: NotifyInput): void;
  /**
   * Queue work that finds out whom an event concerns and then calls `notify` (reading followers,
   * supporters, a meeting): it runs in the same background queue, so `settled` covers it too.
   */
  run(what: string, job: () => Promise<void>): void;
  /** Resolves when everything queued so far is stored, told and handed to the mail outbox (tests, shutdown). */
  settled(): Promise<void>;
}

/**
 * Which of `ids` (targets of one type) the actor may read now. Each feature registers its own
 * (threads, issues, meetings, announcements), so the notifier never guesses a feature's rules.
 */
export type TargetAccess = (actor: Actor, ids: readonly string[]) => Promise<Set<string>>;

/** Where notifications that go by e-mail are handed over (the outbox, server/mail/). */
export interface MailSink {
  enqueue(items: readonly { userId: string; notification: import('@shared/schemas/notifications').Notification }[]): Promise<void>;
  enqueueDigest(items: readonly { userId: string; notification: import('@shared/schemas/notifications').Notification }[]): Promise<void>;
}
