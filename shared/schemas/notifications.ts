/** The inbox (通知), the bell's count and each person's notification settings. */
import { z } from 'zod';
import { DELIVERIES, INBOX_TABS, NOTIFICATION_KINDS, NOTIFICATION_STREAMS } from '../notifications/kinds';
import { ObjectIdString } from './common';
import { Person } from './threads';

export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export const InboxTab = z.enum(INBOX_TABS);
export const NotificationStream = z.enum(NOTIFICATION_STREAMS);
export const Delivery = z.enum(DELIVERIES);

/** What a notification is about; `seq` is a message's number within its thread (jump to it). */
export const NotificationTarget = z.object({
  /** `statusRound`: a reporting round (its id); `statusReport`: one organisation's report in one (`<roundId>:<organizationId>`). */
  type: z.enum(['thread', 'issue', 'meeting', 'announcement', 'statusRound', 'statusReport', 'account']),
  id: z.string(),
  title: z.string(),
  /** An issue's number (`2026-0012`). */
  number: z.string().nullable(),
  /** A message's number in its thread. */
  seq: z.number().int().nullable(),
});
export type NotificationTarget = z.infer<typeof NotificationTarget>;

/** Facts a kind shows beside its target (all optional; which ones depends on the kind). */
export const NotificationDetail = z
  .object({
    /** A short plain-text excerpt (a message, a comment, an answer). */
    excerpt: z.string(),
    /** A status move (register, meetings). */
    from: z.string(),
    to: z.string(),
    /** A meeting's start, a deadline, an action item's due date (ISO). */
    when: z.string(),
    place: z.string(),
    /** A role the person now has. */
    role: z.string(),
    /** A new browser's description (`Chrome on Windows`) and address. */
    browser: z.string(),
    importance: z.enum(['normal', 'high']),
    /** The surviving issue of a duplicate. */
    duplicateOf: z.string(),
  })
  .partial();
export type NotificationDetail = z.infer<typeof NotificationDetail>;

export const Notification = z
  .object({
    id: z.string(),
    kind: NotificationKind,
    stream: NotificationStream,
    /** When it happened (for a batched one, the latest of its events). */
    at: z.string(),
    read: z.boolean(),
    /** Who did it; null when the platform did (a reminder, a due date). */
    actor: Person.nullable(),
    target: NotificationTarget,
    /** How many events it stands for (new messages in a followed thread are batched). */
    count: z.number().int().min(1),
    detail: NotificationDetail,
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const InboxQuery = z.strictObject({
  tab: InboxTab.default('all'),
  /** Older than this position (the previous page's `next`). */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const InboxPage = z
  .object({
    notifications: z.array(Notification),
    /** Pass as `before` for the next (older) page; null at the end. */
    next: z.number().int().nullable(),
    unread: z.number().int().min(0),
  })
  .meta({ id: 'InboxPage' });
export type InboxPage = z.infer<typeof InboxPage>;

export const UnreadCount = z.object({ unread: z.number().int().min(0) }).meta({ id: 'UnreadCount' });
export type UnreadCount = z.infer<typeof UnreadCount>;

/** Mark some as read (or unread again), by id. */
export const MarkReadBody = z.strictObject({
  ids: z
    .array(z.string().regex(/^[0-9a-f]{24}:\d{1,9}$/, 'must be a notification id'))
    .min(1)
    .max(100),
  read: z.boolean().default(true),
});
export type MarkReadBody = z.infer<typeof MarkReadBody>;

/** Read a thread's (or an issue's, a meeting's, an announcement's) notifications when it is opened. */
export const MarkTargetReadBody = z.strictObject({
  type: NotificationTarget.shape.type,
  id: ObjectIdString,
});

export const NotificationSettings = z
  .object({
    deliveries: z.record(NotificationKind, Delivery),
    /** E-mails in this language (the UI's choice when the person last saved). */
    language: z.enum(['ja', 'en']),
    /** Whether the account has an e-mail address to send to (every account does today). */
    email: z.string(),
  })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NotificationSettingsBody = z.strictObject({
  deliveries: z.partialRecord(NotificationKind, Delivery).optional(),
  language: z.enum(['ja', 'en']).optional(),
});
export type NotificationSettingsBody = z.infer<typeof NotificationSettingsBody>;

export const NotificationIdParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{24}:\d{1,9}$/, 'must be a notification id') });
