/**
 * お知らせ: the secretariat writes, publishes, corrects and withdraws announcements; every reader
 * lists and reads those addressed to their organisation; a member confirms for their organisation.
 * Writes go validate → authorise → store → audit → announce (and notify, which only queues).
 */
import mongoose from 'mongoose';
import { inAudience, type Audience } from '@shared/announcements/audience';
import { ANNOUNCEMENT_LIMITS, ANNOUNCEMENT_STATUSES, type AnnouncementStatus } from '@shared/announcements/rules';
import type { Actor } from '@shared/domain';
import { can } from '@shared/permissions';
import { announcementVerdicts } from '@shared/policies/announcement';
import type {
  Announcement,
  AnnouncementCreateBody,
  AnnouncementList,
  AnnouncementListQuery,
  AnnouncementUpdateBody,
  ConfirmationCounts,
  ConfirmResult,
  PendingAnnouncements,
} from '@shared/schemas/announcements';
import { AttachmentModel } from '../attachments/model';
import { claimForAnnouncement, releaseFromAnnouncement } from '../attachments/service';
import { recordAudit } from '../audit/log';
import { isDuplicateKey } from '../db/keys';
import { enforce } from '../http/authorize';
import { membersOf } from '../notifications/people';
import type { Notifier } from '../notifications/types';
import type { ActingUser, UserWithOrganization } from '../users/model';
import { personOf, presentPerson } from '../users/person';
import { toActor } from '../users/presenter';
import { managedAnnouncement, mayRead, readableAnnouncement } from './access';
import { audienceOf, audienceOrganizations, checkedAudience, councilDirectory, readerOrganization } from './audience';
import type { AnnouncementBroadcast } from './broadcast';
import {
  AnnouncementConfirmationModel,
  AnnouncementModel,
  announcementsView,
  confirmationKey,
  type AnnouncementDocument,
  type AnnouncementRow,
  type ConfirmationRecord,
} from './model';
import { announcementFacts, presentAnnouncement, presentConfirmation, presentSummary, type Reader } from './presenter';

async function readerOf(actor: Actor): Promise<Reader> {
  const [org, { organizations }] = await Promise.all([readerOrganization(actor), councilDirectory()]);
  return { actor, org, organizations };
}

/** The secretariat's counts for one announcement: its audience organisations, and how many of them confirmed. */
async function countsOf(a: Pick<AnnouncementRow, '_id' | 'audience'>): Promise<ConfirmationCounts> {
  const audience = await audienceOrganizations(audienceOf(a.audience));
  const ids = new Set(audience.map((o) => o.id));
  // One announcement's confirmations (indexed on announcementId); one made before an audience change may no longer count.
  const confirmations = await AnnouncementConfirmationModel.find({ announcementId: a._id }, { organizationId: 1 }).lean();
  return { audience: ids.size, confirmed: confirmations.filter((c) => ids.has(String(c.organizationId))).length };
}

const countsFor = (actor: Actor, a: Pick<AnnouncementRow, '_id' | 'audience'>) =>
  can(actor, 'announcement.publish') ? countsOf(a) : Promise.resolve(null);

/** The reader's organisation's confirmation of one announcement (one `_id` lookup). */
const myConfirmation = (actor: Actor, announcementId: mongoose.Types.ObjectId) =>
  AnnouncementConfirmationModel.findById(confirmationKey(announcementId, actor.organization.id)).lean<ConfirmationRecord>();

/** An announcement's files, in the order they were uploaded (indexed on `announcementId`). */
const attachmentsOf = (announcementId: mongoose.Types.ObjectId) =>
  AttachmentModel.find({ announcementId }, { name: 1, type: 1, size: 1, sha256: 1 }).sort({ createdAt: 1, _id: 1 }).lean();

async function present(actor: Actor, a: AnnouncementDocument): Promise<Announcement> {
  const [reader, mine, counts, attachments] = await Promise.all([
    readerOf(actor),
    myConfirmation(actor, a._id),
    countsFor(actor, a),
    attachmentsOf(a._id),
  ]);
  return presentAnnouncement(a, reader, { mine, counts, attachments });
}

/** The organisations to tell of a change: the audience now, and the one before when it changed. */
async function addressedIds(...audiences: Audience[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const audience of audiences) for (const o of await audienceOrganizations(audience)) ids.add(o.id);
  return ids;
}

const auditTarget = (a: AnnouncementDocument) => ({ kind: 'announcement', id: String(a._id), label: a.title });

export async function createAnnouncement(input: { user: UserWithOrganization; body: AnnouncementCreateBody }): Promise<Announcement> {
  const { user, body } = input;
  const actor = toActor(user);
  enforce(announcementVerdicts(actor, { status: 'draft', mustConfirm: body.mustConfirm, addressed: false }).edit);
  const audience = await checkedAudience(body.audience);
  // Its files are claimed for the draft's id before it is stored, as a message's are: one that is not the
  // writer's own unclaimed upload refuses the draft (400) and nothing is stored.
  const _id = new mongoose.Types.ObjectId();
  await claimForAnnouncement({ actor, ids: body.attachmentIds, announcementId: _id });
  const announcement = await AnnouncementModel.create({
    _id,
    title: body.title,
    body: body.body,
    importance: body.importance,
    deadline: body.deadline ? new Date(body.deadline) : null,
    mustConfirm: body.mustConfirm,
    audience,
    createdBy: personOf(user),
  }).catch(async (err: unknown) => {
    await releaseFromAnnouncement({ announcementId: _id, ids: body.attachmentIds });
    throw err;
  });
  return present(actor, announcement);
}

/** Change a draft, or correct a published announcement (audited, and its audience told). */
export async function updateAnnouncement(input: {
  user: UserWithOrganization;
  announcementId: string;
  body: AnnouncementUpdateBody;
  broadcast: AnnouncementBroadcast;
  /** Tells organisations a correction adds to the audience. */
  notifier?: Notifier;
}): Promise<Announcement> {
  const { user, body, broadcast } = input;
  const actor = toActor(user);
  const announcement = await managedAnnouncement(actor, input.announcementId);
  const org = await readerOrganization(actor);
  enforce(announcementVerdicts(actor, announcementFacts(announcement, org)).edit);
  const set: Record<string, unknown> = {};
  if (body.title !== undefined) set.title = body.title;
  if (body.body !== undefined) set.body = body.body;
  if (body.importance !== undefined) set.importance = body.importance;
  if (body.deadline !== undefined) set.deadline = body.deadline ? new Date(body.deadline) : null;
  if (body.mustConfirm !== undefined) set.mustConfirm = body.mustConfirm;
  if (body.audience !== undefined) set.audience = await checkedAudience(body.audience);
  const published = announcement.status !== 'draft';
  const before = contentOf(announcement);
  const files = body.attachmentIds ? await changeAttachments(actor, announcement._id, body.attachmentIds) : { changed: false };
  await AnnouncementModel.updateOne({ _id: announcement._id }, { $set: set });
  const updated = (await AnnouncementModel.findById(announcement._id))!;
  const after = contentOf(updated);
  const changed: string[] = (Object.keys(after) as Array<keyof typeof after>).filter(
    (f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]),
  );
  if (files.changed) changed.push('attachments');
  if (published && changed.length) {
    updated.correctedAt = new Date();
    await AnnouncementModel.updateOne({ _id: updated._id }, { $set: { correctedAt: updated.correctedAt } });
    await recordAudit({ actor: user, action: 'announcement.corrected', target: auditTarget(updated), detail: { fields: changed } });
  }
  broadcast.changed(String(updated._id), published ? await addressedIds(before.audience, after.audience) : []);
  // Organisations a correction adds to the audience hear of it as the others did at publication.
  if (published && updated.status === 'published' && input.notifier && changed.includes('audience')) {
    const had = await addressedIds(before.audience);
    const added = [...(await addressedIds(after.audience))].filter((id) => !had.has(id));
    if (added.length) await notifyOf('announcement.published', updated, { user, notifier: input.notifier, organizationIds: added });
  }
  return present(actor, updated);
}

/**
 * Make `ids` the announcement's files: the new ones claimed (the writer's own unclaimed uploads, else
 * a 400 before anything changes), the ones left out taken off and their uploader's again, as a
 * meeting's removed material is.
 */
async function changeAttachments(actor: Actor, announcementId: mongoose.Types.ObjectId, ids: readonly string[]) {
  const current = new Set((await AttachmentModel.find({ announcementId }, { _id: 1 }).lean()).map((a) => String(a._id)));
  const wanted = new Set(ids);
  const added = [...wanted].filter((id) => !current.has(id));
  const removed = [...current].filter((id) => !wanted.has(id));
  await claimForAnnouncement({ actor, ids: added, announcementId });
  await releaseFromAnnouncement({ announcementId, ids: removed });
  return { changed: added.length > 0 || removed.length > 0 };
}

/** What a correction may change, comparable as JSON. */
const contentOf = (a: AnnouncementDocument) => ({
  title: a.title,
  body: a.body,
  importance: a.importance,
  deadline: a.deadline ? a.deadline.toISOString() : null,
  mustConfirm: a.mustConfirm,
  audience: audienceOf(a.audience),
});

/** Publish a draft: its audience is told, and every active member of every audience organisation notified. */
export async function publishAnnouncement(input: {
  user: UserWithOrganization;
  announcementId: string;
  broadcast: AnnouncementBroadcast;
  notifier: Notifier;
}): Promise<Announcement> {
  const { user, broadcast, notifier } = input;
  const actor = toActor(user);
  const announcement = await managedAnnouncement(actor, input.announcementId);
  enforce(announcementVerdicts(actor, announcementFacts(announcement, await readerOrganization(actor))).publish);
  // Only from draft: two secretariat members publishing at once publish (and notify) once.
  const moved = await AnnouncementModel.updateOne(
    { _id: announcement._id, status: 'draft' },
    { $set: { status: 'published', publishedAt: new Date() } },
  );
  if (moved.matchedCount !== 1) enforce(announcementVerdicts(actor, { status: 'published', mustConfirm: false, addressed: false }).publish);
  const published = (await AnnouncementModel.findById(announcement._id))!;
  await recordAudit({
    actor: user,
    action: 'announcement.published',
    target: auditTarget(published),
    detail: { audience: published.audience.kind, mustConfirm: published.mustConfirm, importance: published.importance },
  });
  const organizations = await addressedIds(audienceOf(published.audience));
  broadcast.changed(String(published._id), organizations);
  await notifyOf('announcement.published', published, { user, notifier, organizationIds: organizations });
  return present(actor, published);
}

/**
 * Hand a notification about `a` to the notifier: the recipients come from the in-memory directory and
 * `notify` only queues, so the request does not wait for delivery (2,000 recipients cost a lookup each).
 */
export async function notifyOf(
  kind: 'announcement.published' | 'announcement.reminder',
  a: AnnouncementDocument,
  input: { user: ActingUser; notifier: Notifier; organizationIds: Iterable<string>; recipients?: readonly string[] },
): Promise<void> {
  const recipients = input.recipients ?? (await membersOf(input.organizationIds));
  input.notifier.notify({
    kind,
    recipients,
    actor: presentPerson(personOf(input.user)),
    target: { type: 'announcement', id: String(a._id), title: a.title, number: null, seq: null },
    detail: { importance: a.importance as 'normal' | 'high', ...(a.deadline ? { when: a.deadline.toISOString() } : {}) },
    mustConfirm: a.mustConfirm,
  });
}

/** Withdraw a published announcement (取り下げ): still readable, marked so, no longer confirmed or reminded of. */
export async function withdrawAnnouncement(input: {
  user: UserWithOrganization;
  announcementId: string;
  broadcast: AnnouncementBroadcast;
}): Promise<Announcement> {
  const { user, broadcast } = input;
  const actor = toActor(user);
  const announcement = await managedAnnouncement(actor, input.announcementId);
  enforce(announcementVerdicts(actor, announcementFacts(announcement, await readerOrganization(actor))).withdraw);
  const moved = await AnnouncementModel.updateOne(
    { _id: announcement._id, status: 'published' },
    { $set: { status: 'withdrawn', withdrawnAt: new Date() } },
  );
  if (moved.matchedCount !== 1)
    enforce(announcementVerdicts(actor, { status: 'withdrawn', mustConfirm: false, addressed: false }).withdraw);
  const withdrawn = (await AnnouncementModel.findById(announcement._id))!;
  await recordAudit({ actor: user, action: 'announcement.withdrawn', target: auditTarget(withdrawn) });
  broadcast.changed(String(withdrawn._id), await addressedIds(audienceOf(withdrawn.audience)));
  return present(actor, withdrawn);
}

export async function announcementDetail(input: { actor: Actor; announcementId: string }): Promise<Announcement> {
  const { announcement } = await readableAnnouncement(input.actor, input.announcementId);
  return present(input.actor, announcement);
}

/**
 * The announcements in `statuses` the reader may read, from memory, and the reader's organisation's
 * confirmations of those that ask for one: by `_id` (`<announcement>:<organisation>`), never a scan
 * of every organisation's confirmations.
 */
async function visibleTo(actor: Actor, statuses: readonly AnnouncementStatus[]) {
  const [rows, reader] = await Promise.all([announcementsView.current(), readerOf(actor)]);
  const wanted = new Set<string>(statuses);
  const visible = [...rows.values()].filter((a) => wanted.has(a.status) && mayRead(actor, reader.org, a));
  const asked = visible.filter((a) => a.mustConfirm && a.status !== 'draft').map((a) => confirmationKey(a._id, actor.organization.id));
  const confirmations = asked.length
    ? await AnnouncementConfirmationModel.find({ _id: mongoose.trusted({ $in: asked }) }).lean<ConfirmationRecord[]>()
    : [];
  const mine = new Map(confirmations.map((c) => [String(c.announcementId), c]));
  return { visible, reader, mine };
}

const newestFirst = (a: AnnouncementRow, b: AnnouncementRow) =>
  (b.publishedAt ?? b.updatedAt).getTime() - (a.publishedAt ?? a.updatedAt).getTime() || String(b._id).localeCompare(String(a._id));

/** Published, asks for confirmation, addressed to the reader's organisation, not yet confirmed by it. */
const awaiting = (a: AnnouncementRow, reader: Reader, mine: ReadonlyMap<string, ConfirmationRecord>) =>
  a.status === 'published' && a.mustConfirm && inAudience(audienceOf(a.audience), reader.org) && !mine.has(String(a._id));

export async function listAnnouncements(input: { actor: Actor; query: AnnouncementListQuery }): Promise<AnnouncementList> {
  const { actor, query } = input;
  const secretariat = can(actor, 'announcement.publish');
  const readable: readonly AnnouncementStatus[] = secretariat ? ANNOUNCEMENT_STATUSES : ['published', 'withdrawn'];
  const statuses = query.status ? readable.filter((s) => s === query.status) : readable;
  const { visible, reader, mine } = await visibleTo(actor, statuses);
  const kept = (query.unconfirmed ? visible.filter((a) => awaiting(a, reader, mine)) : visible).sort(newestFirst);
  const pageSize = ANNOUNCEMENT_LIMITS.pageSize;
  const page = kept.slice((query.page - 1) * pageSize, query.page * pageSize);
  const counts = await Promise.all(page.map((a) => countsFor(actor, a)));
  return {
    announcements: page.map((a, i) => presentSummary(a, reader, { mine: mine.get(String(a._id)) ?? null, counts: counts[i] ?? null })),
    total: kept.length,
    page: query.page,
    pageSize,
  };
}

/** The banner: what the reader's organisation still has to confirm, newest first. */
export async function pendingAnnouncements(input: { actor: Actor }): Promise<PendingAnnouncements> {
  const { actor } = input;
  if (!can(actor, 'announcement.confirm')) return { announcements: [] };
  const { visible, reader, mine } = await visibleTo(actor, ['published']);
  return {
    announcements: visible
      .filter((a) => awaiting(a, reader, mine))
      .sort(newestFirst)
      .map((a) => ({
        id: String(a._id),
        title: a.title,
        importance: a.importance as 'normal' | 'high',
        deadline: a.deadline ? a.deadline.toISOString() : null,
        publishedAt: a.publishedAt!.toISOString(),
      })),
  };
}

/**
 * 組織として確認しました: the organisation's confirmation is one document claimed by a unique insert.
 * Members confirming at once make one record; each of them gets it back (200 either way), and only
 * the first insert tells the organisation's sockets.
 */
export async function confirmAnnouncement(input: {
  user: UserWithOrganization;
  announcementId: string;
  broadcast: AnnouncementBroadcast;
}): Promise<ConfirmResult> {
  const { user, broadcast } = input;
  const actor = toActor(user);
  const { announcement, org } = await readableAnnouncement(actor, input.announcementId);
  enforce(announcementVerdicts(actor, announcementFacts(announcement, org)).confirm);
  const _id = confirmationKey(announcement._id, actor.organization.id);
  const record = {
    _id,
    announcementId: announcement._id,
    organizationId: new mongoose.Types.ObjectId(actor.organization.id),
    organization: { id: user.organization._id, nameJa: user.organization.nameJa, nameEn: user.organization.nameEn },
    by: personOf(user),
    at: new Date(),
  };
  try {
    await AnnouncementConfirmationModel.create(record);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const existing = await AnnouncementConfirmationModel.findById(_id).lean<ConfirmationRecord>();
    if (existing) return { confirmation: presentConfirmation(existing), alreadyConfirmed: true };
    throw err;
  }
  broadcast.confirmed(String(announcement._id), actor.organization.id);
  return { confirmation: presentConfirmation(record as ConfirmationRecord), alreadyConfirmed: false };
}
