/** お知らせ: the routes read top-down (server/http/route.ts); each hands its work to a service function. */
import { IdParams } from '@shared/schemas/common';
import {
  Announcement,
  AnnouncementCreateBody,
  AnnouncementList,
  AnnouncementListQuery,
  AnnouncementUpdateBody,
  ConfirmResult,
  PendingAnnouncements,
  Reminder,
  Tracker,
  TrackerQuery,
} from '@shared/schemas/announcements';
import type { AppContext } from '../context';
import { sendExport, XLSX_TYPE } from '../http/download';
import { conflictResponse, errorResponses } from '../http/responses';
import { defineRoute } from '../http/route';
import { createAnnouncementBroadcast } from './broadcast';
import {
  announcementDetail,
  confirmAnnouncement,
  createAnnouncement,
  listAnnouncements,
  pendingAnnouncements,
  publishAnnouncement,
  updateAnnouncement,
  withdrawAnnouncement,
} from './service';
import { announcementTracker, exportedTracker, remindAnnouncement, trackerXlsx } from './tracker';

const errors = errorResponses;
const TRACKER_FILE = { asciiName: 'announcement-confirmations', japaneseName: 'お知らせ確認状況' };

export function announcementRoutes({ realtime, postLimit, notifier }: AppContext) {
  const broadcast = createAnnouncementBroadcast(realtime.io);
  return [
    defineRoute(
      {
        method: 'get',
        path: '/announcements',
        tag: 'announcements',
        summary: 'Announcements one may read, newest first, a page at a time; `unconfirmed` = those awaiting one’s organisation',
        access: 'user',
        query: AnnouncementListQuery,
        responses: { 200: { description: 'a page of announcements', schema: AnnouncementList }, ...errors },
      },
      ({ actor, query }) => listAnnouncements({ actor, query }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/announcements',
        tag: 'announcements',
        summary: 'Write an announcement (secretariat; starts as a draft)',
        access: 'user',
        limit: postLimit.perPerson,
        body: AnnouncementCreateBody,
        status: 201,
        responses: { 201: { description: 'the draft', schema: Announcement }, ...errors },
      },
      ({ user, body }) => createAnnouncement({ user, body }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/announcements/pending',
        tag: 'announcements',
        summary: 'Published announcements asking one’s organisation to confirm that it has not yet (the banner)',
        access: 'user',
        responses: { 200: { description: 'awaiting confirmation', schema: PendingAnnouncements }, ...errors },
      },
      ({ actor }) => pendingAnnouncements({ actor }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/announcements/:id',
        tag: 'announcements',
        summary: 'An announcement, with one’s organisation’s confirmation (the secretariat: the counts too)',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the announcement', schema: Announcement }, ...errors },
      },
      ({ actor, params }) => announcementDetail({ actor, announcementId: params.id }),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/announcements/:id',
        tag: 'announcements',
        summary: 'Change a draft, or correct a published announcement (secretariat; audited)',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        body: AnnouncementUpdateBody,
        responses: { 200: { description: 'changed', schema: Announcement }, ...errors, ...conflictResponse },
      },
      ({ user, params, body }) => updateAnnouncement({ user, announcementId: params.id, body, broadcast, notifier }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/announcements/:id/publish',
        tag: 'announcements',
        summary: 'Publish a draft: its audience is told and notified (secretariat)',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        responses: { 200: { description: 'published', schema: Announcement }, ...errors, ...conflictResponse },
      },
      ({ user, params }) => publishAnnouncement({ user, announcementId: params.id, broadcast, notifier }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/announcements/:id/withdraw',
        tag: 'announcements',
        summary: 'Withdraw a published announcement (secretariat; it stays readable, marked withdrawn)',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        responses: { 200: { description: 'withdrawn', schema: Announcement }, ...errors, ...conflictResponse },
      },
      ({ user, params }) => withdrawAnnouncement({ user, announcementId: params.id, broadcast }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/announcements/:id/confirm',
        tag: 'announcements',
        summary: '組織として確認しました: confirm for one’s organisation (once; again returns the first confirmation)',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        responses: { 200: { description: 'the organisation’s confirmation', schema: ConfirmResult }, ...errors, ...conflictResponse },
      },
      ({ user, params }) => confirmAnnouncement({ user, announcementId: params.id, broadcast }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/announcements/:id/tracker',
        tag: 'announcements',
        summary: 'Which audience organisations confirmed, by whom and when, and the reminders sent (secretariat)',
        access: 'user',
        params: IdParams,
        query: TrackerQuery,
        responses: { 200: { description: 'the tracker', schema: Tracker }, ...errors },
      },
      ({ actor, params, query }) => announcementTracker({ actor, announcementId: params.id, query }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/announcements/:id/tracker.xlsx',
        tag: 'announcements',
        summary: 'The tracker’s organisations, as filtered, as an Excel workbook (secretariat; audited)',
        access: 'user',
        params: IdParams,
        query: TrackerQuery,
        responses: { 200: { description: 'the workbook', contentType: XLSX_TYPE }, ...errors },
      },
      async ({ user, params, query, res }) => {
        const tracker = await exportedTracker({ user, announcementId: params.id, query });
        sendExport(res, { format: 'xlsx', data: await trackerXlsx(tracker), ...TRACKER_FILE });
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/announcements/:id/remind',
        tag: 'announcements',
        summary: 'Remind the organisations that have not confirmed (secretariat; logged and audited)',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        status: 201,
        responses: { 201: { description: 'the reminder as logged', schema: Reminder }, ...errors, ...conflictResponse },
      },
      ({ user, params }) => remindAnnouncement({ user, announcementId: params.id, notifier }),
    ),
  ];
}
