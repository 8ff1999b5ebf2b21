/** 通知: REST for one's own inbox, unread count and notification settings. */
import { z } from 'zod';
import {
  InboxPage,
  InboxQuery,
  MarkReadBody,
  NotificationSettings,
  NotificationSettingsBody,
  UnreadCount,
} from '@shared/schemas/notifications';
import type { AppContext } from '../context';
import { rooms } from '../realtime/io';
import { errorResponses } from '../http/responses';
import { defineRoute } from '../http/route';
import { inboxPage, markAllRead, markRead, unreadCount } from './inbox';
import { presentSettings, settingsFor, updateSettings } from './settings';

const errors = errorResponses;

export function notificationRoutes(context: Pick<AppContext, 'realtime'>) {
  /** Every tab of the person hears the new count (the bell in another tab goes down too). */
  const told = (userId: string, unread: number) => {
    context.realtime.io.to(rooms.user(userId)).emit('notification.unread', { unread });
    return { unread };
  };
  return [
    defineRoute(
      {
        method: 'get',
        path: '/notifications',
        tag: 'notifications',
        summary: 'A page of my inbox (通知), newest first, by tab',
        access: 'user',
        query: InboxQuery,
        responses: { 200: { description: 'a page; `next` is the `before` of the next (older) page', schema: InboxPage }, ...errors },
      },
      ({ actor, query }) => inboxPage(actor, query),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/notifications/unread',
        tag: 'notifications',
        summary: 'How many of my notifications are unread (the bell)',
        access: 'user',
        responses: { 200: { description: 'the count', schema: UnreadCount }, ...errors },
      },
      async ({ actor }) => ({ unread: await unreadCount(actor.id) }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/notifications/read',
        tag: 'notifications',
        summary: 'Mark some of my notifications read (or unread again)',
        access: 'user',
        body: MarkReadBody,
        status: 200,
        responses: { 200: { description: 'the unread count after', schema: UnreadCount }, ...errors },
      },
      async ({ actor, body }) => told(actor.id, await markRead(actor.id, body.ids, body.read)),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/notifications/read-all',
        tag: 'notifications',
        summary: 'Mark all my notifications read',
        access: 'user',
        body: z.strictObject({}),
        status: 200,
        responses: { 200: { description: 'the unread count after (0)', schema: UnreadCount }, ...errors },
      },
      async ({ actor }) => told(actor.id, await markAllRead(actor.id)),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/me/notification-settings',
        tag: 'notifications',
        summary: 'How I hear of each kind of notification',
        access: 'user',
        responses: { 200: { description: 'my settings', schema: NotificationSettings }, ...errors },
      },
      async ({ user }) => presentSettings(await settingsFor(user.id as string), user.email),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/me/notification-settings',
        tag: 'notifications',
        summary: 'Change how I hear of some kinds of notification (mentions cannot be turned off)',
        access: 'user',
        body: NotificationSettingsBody,
        responses: { 200: { description: 'my settings after', schema: NotificationSettings }, ...errors },
      },
      async ({ user, body }) => presentSettings(await updateSettings(user.id as string, body), user.email),
    ),
  ];
}
