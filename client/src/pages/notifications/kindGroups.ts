import { NOTIFICATION_KINDS, streamOf, type NotificationKind, type NotificationStream } from '@shared/notifications/kinds';

/** The settings page's groups of kinds, in the order shown. */
export const SETTINGS_GROUPS = ['threads', 'register', 'meetings', 'announcements', 'status', 'account'] as const;
export type SettingsGroup = (typeof SETTINGS_GROUPS)[number];

/** Mentions are a stream (a tab) of their own but are set among the threads' kinds. */
const GROUP_OF_STREAM = {
  mentions: 'threads',
  threads: 'threads',
  register: 'register',
  meetings: 'meetings',
  announcements: 'announcements',
  status: 'status',
  account: 'account',
} as const satisfies Record<NotificationStream, SettingsGroup>;

/** Each group with its kinds, in the order the shared list gives them. */
export const KINDS_BY_GROUP: readonly { group: SettingsGroup; kinds: NotificationKind[] }[] = SETTINGS_GROUPS.map((group) => ({
  group,
  kinds: NOTIFICATION_KINDS.filter((kind) => GROUP_OF_STREAM[streamOf(kind)] === group),
}));
