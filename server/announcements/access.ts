/**
 * Who reads which announcement: the secretariat every one, drafts included; anyone else a published
 * (or withdrawn) one whose audience holds their organisation. An announcement one may not read is
 * not found (404), as a draft meeting is: its title says nothing to those it is not for.
 */
import mongoose, { type Types } from 'mongoose';
import { inAudience } from '@shared/announcements/audience';
import type { Actor } from '@shared/domain';
import { can } from '@shared/permissions';
import { authorize } from '../http/authorize';
import { notFound } from '../http/errors';
import type { TargetAccess } from '../notifications/types';
import { singleFlight } from '../db/singleFlight';
import { audienceOf, readerOrganization, type CouncilOrganization } from './audience';
import { AnnouncementModel, type AnnouncementDocument, type AnnouncementRecord } from './model';

/** Whether `actor` (of organisation `org`) may read an announcement with these facts. */
export function mayRead(actor: Actor, org: CouncilOrganization, a: Pick<AnnouncementRecord, 'status' | 'audience'>): boolean {
  if (!actor.active) return false;
  if (can(actor, 'announcement.publish')) return true;
  return a.status !== 'draft' && inAudience(audienceOf(a.audience), org);
}

/** An announcement the actor may read, with their organisation; 404 otherwise. */
export async function readableAnnouncement(
  actor: Actor,
  id: string | Types.ObjectId,
): Promise<{ announcement: AnnouncementDocument; org: CouncilOrganization }> {
  const [announcement, org] = await Promise.all([AnnouncementModel.findById(id), readerOrganization(actor)]);
  if (!announcement || !mayRead(actor, org, announcement)) throw notFound('announcement');
  return { announcement, org };
}

/** An announcement the secretariat manages: 403 for anyone else (before it is looked up), 404 when there is none. */
export async function managedAnnouncement(actor: Actor, id: string): Promise<AnnouncementDocument> {
  authorize(actor, 'announcement.publish');
  const announcement = await AnnouncementModel.findById(id);
  if (!announcement) throw notFound('announcement');
  return announcement;
}

/** Status and audience of some announcements; the notifier's concurrent questions about one share a read. */
const readFacts = singleFlight((ids: string) =>
  AnnouncementModel.find({ _id: mongoose.trusted({ $in: ids.split(',') }) }, { status: 1, audience: 1 }).lean(),
);

/**
 * The notifier's check (server/notifications/types.ts): which of `ids` the actor may read now —
 * when a notification is sent, and again when an inbox shows it. One `_id` `$in`.
 */
export const announcementAccess: TargetAccess = async (actor, ids) => {
  const valid = ids.filter((id) => mongoose.isValidObjectId(id));
  if (!valid.length || !actor.active) return new Set();
  const [rows, org] = await Promise.all([readFacts(valid.join(',')), readerOrganization(actor)]);
  return new Set(rows.filter((a) => mayRead(actor, org, a)).map((a) => String(a._id)));
};
