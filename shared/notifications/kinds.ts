/**
 * What a notification can be about, which inbox tab shows it, and how each person may choose to
 * hear of each kind (inbox only, e-mail at once, the daily digest, or not at all).
 */

export const NOTIFICATION_KINDS = [
  // threads
  'thread.mention',
  'thread.reply',
  'thread.activity',
  // register (課題管理表)
  'issue.triage',
  'issue.routed',
  'issue.status',
  'issue.comment',
  'issue.answer',
  'issue.duplicate',
  // meetings (全体会議・課題協議会議)
  'meeting.invited',
  'meeting.changed',
  'meeting.cancelled',
  'minutes.circulated',
  'minutes.published',
  'action.assigned',
  'action.due',
  // announcements (お知らせ)
  'announcement.published',
  'announcement.reminder',
  // development status reports (開発状況報告)
  'status.opened',
  'status.returned',
  'status.reminder',
  // accounts
  'account.role',
  'account.newSignIn',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The inbox's tabs. `all` and `unread` show every kind; the others one group each. */
export const INBOX_TABS = ['all', 'unread', 'mentions', 'register', 'meetings', 'announcements'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

/** The stream a kind is kept in besides `all` (threads, status reports and accounts have no tab of their own). */
export const NOTIFICATION_STREAMS = ['mentions', 'threads', 'register', 'meetings', 'announcements', 'status', 'account'] as const;
export type NotificationStream = (typeof NOTIFICATION_STREAMS)[number];

export function streamOf(kind: NotificationKind): NotificationStream {
  if (kind === 'thread.mention') return 'mentions';
  if (kind.startsWith('thread.')) return 'threads';
  if (kind.startsWith('issue.')) return 'register';
  if (kind.startsWith('announcement.')) return 'announcements';
  if (kind.startsWith('status.')) return 'status';
  if (kind.startsWith('account.')) return 'account';
  return 'meetings';
}

/** How a person hears of one kind. */
export const DELIVERIES = ['inbox', 'email', 'digest', 'off'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/**
 * Kinds that cannot be turned off entirely: a mention of me, and announcements (an announcement that
 * asks each organisation to confirm is always delivered; one that does not respects `off` — see
 * `effectiveDelivery`).
 */
export const ALWAYS_DELIVERED: readonly NotificationKind[] = ['thread.mention', 'announcement.published', 'announcement.reminder'];

/** What each kind does until the person chooses: what concerns the person directly comes by e-mail. */
export const DEFAULT_DELIVERY: Record<NotificationKind, Delivery> = {
  'thread.mention': 'email',
  'thread.reply': 'inbox',
  'thread.activity': 'inbox',
  'issue.triage': 'email',
  'issue.routed': 'email',
  'issue.status': 'digest',
  'issue.comment': 'digest',
  'issue.answer': 'email',
  'issue.duplicate': 'digest',
  'meeting.invited': 'email',
  'meeting.changed': 'email',
  'meeting.cancelled': 'email',
  'minutes.circulated': 'email',
  'minutes.published': 'digest',
  'action.assigned': 'email',
  'action.due': 'email',
  'announcement.published': 'email',
  'announcement.reminder': 'email',
  'status.opened': 'email',
  'status.returned': 'email',
  'status.reminder': 'email',
  'account.role': 'inbox',
  'account.newSignIn': 'email',
};

/**
 * The delivery that applies: the person's choice (or the default), where `off` is read as `inbox`
 * for a kind that cannot be turned off — and for an announcement only when it asks for confirmation.
 */
export function effectiveDelivery(
  kind: NotificationKind,
  chosen: Partial<Record<NotificationKind, Delivery>> | undefined,
  options: { mustConfirm?: boolean } = {},
): Delivery {
  const delivery = chosen?.[kind] ?? DEFAULT_DELIVERY[kind];
  if (delivery !== 'off') return delivery;
  if (kind === 'thread.mention') return 'inbox';
  if (kind.startsWith('announcement.') && options.mustConfirm) return 'inbox';
  return 'off';
}

/** Whether the settings page may offer `off` for a kind. */
export const canTurnOff = (kind: NotificationKind) => kind !== 'thread.mention';
