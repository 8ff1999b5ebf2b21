/**
 * The secretariat's tracker (確認状況): every audience organisation, confirmed or not, by whom and
 * when; its Excel export; and reminders to the organisations that have not confirmed, each logged.
 * The audience comes from the in-memory directory, the confirmations and reminders by one equality
 * lookup each on `announcementId`.
 */
import ExcelJS from 'exceljs';
import { TRACKER_ORG_KINDS, trackerKindOf, type AnnouncementStatus } from '@shared/announcements/rules';
import type { Actor } from '@shared/domain';
import { announcementVerdicts } from '@shared/policies/announcement';
import { neutralizeCell } from '@shared/register/rules';
import type { Reminder, Tracker, TrackerQuery, TrackerRow } from '@shared/schemas/announcements';
import { recordAudit } from '../audit/log';
import { isDuplicateKey } from '../db/keys';
import { conflict } from '../http/errors';
import { enforce } from '../http/authorize';
import { membersOf } from '../notifications/people';
import type { Notifier } from '../notifications/types';
import type { UserWithOrganization } from '../users/model';
import { personOf, presentPerson } from '../users/person';
import { toActor } from '../users/presenter';
import { managedAnnouncement } from './access';
import { audienceOf, audienceOrganizations, readerOrganization } from './audience';
import {
  AnnouncementConfirmationModel,
  AnnouncementReminderModel,
  type AnnouncementDocument,
  type ConfirmationRecord,
  type ReminderRecord,
} from './model';
import { announcementFacts, presentReminder } from './presenter';
import { notifyOf } from './service';

const KIND_ORDER = new Map(TRACKER_ORG_KINDS.map((k, i) => [k, i]));

/** Every audience organisation with its confirmation, not yet confirmed first, then by kind and name. */
async function audienceRows(a: AnnouncementDocument): Promise<TrackerRow[]> {
  const [organizations, confirmations] = await Promise.all([
    audienceOrganizations(audienceOf(a.audience)),
    AnnouncementConfirmationModel.find({ announcementId: a._id }).lean<ConfirmationRecord[]>(),
  ]);
  const byOrg = new Map(confirmations.map((c) => [String(c.organizationId), c]));
  return organizations
    .map((o): TrackerRow => {
      const c = byOrg.get(o.id);
      return {
        organization: { id: o.id, nameJa: o.nameJa, nameEn: o.nameEn },
        kind: trackerKindOf(o),
        confirmed: Boolean(c),
        by: c ? presentPerson(c.by) : null,
        at: c ? c.at.toISOString() : null,
      };
    })
    .sort(
      (x, y) =>
        Number(x.confirmed) - Number(y.confirmed) ||
        KIND_ORDER.get(x.kind)! - KIND_ORDER.get(y.kind)! ||
        x.organization.nameJa.localeCompare(y.organization.nameJa, 'ja'),
    );
}

export async function announcementTracker(input: { actor: Actor; announcementId: string; query: TrackerQuery }): Promise<Tracker> {
  const { actor, query } = input;
  const a = await managedAnnouncement(actor, input.announcementId);
  enforce(announcementVerdicts(actor, announcementFacts(a, await readerOrganization(actor))).track);
  const [rows, reminders] = await Promise.all([
    audienceRows(a),
    AnnouncementReminderModel.find({ announcementId: a._id }).sort({ at: -1 }).lean<ReminderRecord[]>(),
  ]);
  const confirmed = rows.filter((r) => r.confirmed).length;
  return {
    announcement: {
      id: String(a._id),
      title: a.title,
      status: a.status as AnnouncementStatus,
      mustConfirm: a.mustConfirm,
      deadline: a.deadline ? a.deadline.toISOString() : null,
      publishedAt: a.publishedAt ? a.publishedAt.toISOString() : null,
    },
    counts: { audience: rows.length, confirmed, unconfirmed: rows.length - confirmed },
    byKind: TRACKER_ORG_KINDS.map((kind) => {
      const ofKind = rows.filter((r) => r.kind === kind);
      return { kind, audience: ofKind.length, confirmed: ofKind.filter((r) => r.confirmed).length };
    }).filter((k) => k.audience > 0),
    rows: rows.filter(
      (r) => (query.state === 'all' || r.confirmed === (query.state === 'confirmed')) && (!query.kind || r.kind === query.kind),
    ),
    reminders: reminders.map(presentReminder),
  };
}

const KIND_LABELS = { development: '開発事業者', support: '支援事業者', ministry: '府省', body: '団体' } as const;
const HEADERS = ['組織', '種別', '確認状況', '確認者', '確認日時'];

/** The tracker's rows as they were filtered, as an Excel workbook (dates as dates, text neutralised). */
export async function trackerXlsx(tracker: Tracker): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '事業者協議会プラットフォーム';
  const sheet = workbook.addWorksheet('確認状況', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: HEADERS[0], width: 36 },
    { header: HEADERS[1], width: 12 },
    { header: HEADERS[2], width: 10 },
    { header: HEADERS[3], width: 18 },
    { header: HEADERS[4], width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of tracker.rows) {
    sheet.addRow([
      neutralizeCell(r.organization.nameJa),
      KIND_LABELS[r.kind],
      r.confirmed ? '確認済み' : '未確認',
      r.by ? neutralizeCell(r.by.displayName) : null,
      r.at ? new Date(r.at) : null,
    ]);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, tracker.rows.length + 1), column: HEADERS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The tracker for a download, put on the audit record with its filter and size. */
export async function exportedTracker(input: {
  user: UserWithOrganization;
  announcementId: string;
  query: TrackerQuery;
}): Promise<Tracker> {
  const tracker = await announcementTracker({ actor: toActor(input.user), announcementId: input.announcementId, query: input.query });
  await recordAudit({
    actor: input.user,
    action: 'export.announcementTracker',
    target: { kind: 'announcement', id: tracker.announcement.id, label: tracker.announcement.title },
    detail: { format: 'xlsx', rows: tracker.rows.length, filter: input.query },
  });
  return tracker;
}

/** Two clicks (or two secretariat members) must not mail 2,000 people twice in a minute. */
const REMIND_AGAIN_MS = 10 * 60_000;

/**
 * Remind the organisations that have not confirmed: their active members are notified
 * (`announcement.reminder`), and the reminder is logged with how many organisations and people it
 * reached (the tracker shows the log) and audited.
 */
export async function remindAnnouncement(input: {
  user: UserWithOrganization;
  announcementId: string;
  notifier: Notifier;
}): Promise<Reminder> {
  const { user, notifier } = input;
  const actor = toActor(user);
  const a = await managedAnnouncement(actor, input.announcementId);
  enforce(announcementVerdicts(actor, announcementFacts(a, await readerOrganization(actor))).remind);
  const unconfirmed = (await audienceRows(a)).filter((r) => !r.confirmed).map((r) => r.organization.id);
  if (!unconfirmed.length) throw conflict('every organisation of the audience has confirmed; there is nobody to remind');
  const last = await AnnouncementReminderModel.findOne({ announcementId: a._id }, { at: 1 }).sort({ at: -1 }).lean();
  if (last && Date.now() - last.at.getTime() < REMIND_AGAIN_MS)
    throw conflict('a reminder was sent less than 10 minutes ago; wait before reminding again');
  const recipients = await membersOf(unconfirmed);
  const at = new Date();
  const reminder = await AnnouncementReminderModel.create({
    _id: `${String(a._id)}:${Math.floor(at.getTime() / REMIND_AGAIN_MS)}`,
    announcementId: a._id,
    by: personOf(user),
    at,
    organizations: unconfirmed.length,
    people: recipients.length,
  }).catch((err: unknown) => {
    // Another reminder claimed this 10-minute window a moment ago (two clicks, two secretariat members).
    if (isDuplicateKey(err)) throw conflict('a reminder was sent less than 10 minutes ago; wait before reminding again');
    throw err;
  });
  await recordAudit({
    actor: user,
    action: 'announcement.reminded',
    target: { kind: 'announcement', id: String(a._id), label: a.title },
    detail: { organizations: unconfirmed.length, people: recipients.length },
  });
  await notifyOf('announcement.reminder', a, { user, notifier, organizationIds: unconfirmed, recipients });
  return presentReminder(reminder.toObject() as ReminderRecord);
}
