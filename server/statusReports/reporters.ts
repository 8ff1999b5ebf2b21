/**
 * 提出者の指定: an organisation's admins submit its reports, and so do the members they allow. Each
 * allowed member is a document of its own, `<organizationId>:<userId>` (status_reporters), so two admins
 * changing the list at once never erase each other's person; a report's abilities read the reader's one
 * document by `_id` (access.ts `isStatusReporter`).
 */
import mongoose from 'mongoose';
import type { Actor } from '@shared/domain';
import type { Reporters, ReportersBody } from '@shared/schemas/statusReports';
import { membersOf } from '../notifications/people';
import { recordAudit } from '../audit/log';
import { isDuplicateKey } from '../db/keys';
import { authorize } from '../http/authorize';
import { badRequest, notFound } from '../http/errors';
import type { UserWithOrganization } from '../users/model';
import { peopleView } from '../users/peopleView';
import { personOf } from '../users/person';
import { toActor } from '../users/presenter';
import { councilDirectory, type CouncilOrganization } from '../announcements/audience';
import { reporterKey, StatusReporterModel } from './model';
import { organizationRef } from './presenter';

/** The vendor whose reporters are managed: 403 for anyone but its org admins and the secretariat, then 404 for no vendor. */
async function managedVendor(actor: Actor, organizationId: string): Promise<CouncilOrganization> {
  authorize(actor, 'status.designateReporters', { targetOrganizationId: organizationId });
  const organization = (await councilDirectory()).organizations.get(organizationId);
  if (!organization || organization.kind !== 'vendor') throw notFound('no such vendor');
  return organization;
}

/** The people behind some stored reporters, by name, as long as they are still the organisation's. */
async function presentReporters(organization: CouncilOrganization, userIds: readonly string[]): Promise<Reporters> {
  const rows = await peopleView.current();
  const people = userIds.flatMap((id) => {
    const row = rows.get(id);
    if (row?.kind !== 'user' || String(row.doc.organization) !== organization.id) return [];
    return [{ id, displayName: row.doc.displayName, organization: organizationRef(organization) }];
  });
  return { reporters: people.sort((a, b) => a.displayName.localeCompare(b.displayName, 'ja')) };
}

/** The organisation's allowed members (one equality lookup on the indexed `organizationId`). */
const storedReporters = async (organizationId: string) =>
  (await StatusReporterModel.find({ organizationId }, { userId: 1 }).lean()).map((r) => String(r.userId));

export async function listReporters(input: { actor: Actor; organizationId: string }): Promise<Reporters> {
  const organization = await managedVendor(input.actor, input.organizationId);
  return presentReporters(organization, await storedReporters(organization.id));
}

/**
 * Make `userIds` the organisation's allowed members: each must be an active member of it (a 400 naming
 * `body.userIds.<n>`). The new ones are inserted (a duplicate from an admin doing the same meanwhile is
 * as good), the dropped ones deleted by `_id`; audited.
 */
export async function setReporters(input: { user: UserWithOrganization; organizationId: string; body: ReportersBody }): Promise<Reporters> {
  const { user, body } = input;
  const actor = toActor(user);
  const organization = await managedVendor(actor, input.organizationId);
  const active = new Set(await membersOf([organization.id]));
  body.userIds.forEach((id, i) => {
    const field = `body.userIds.${i}`;
    if (!active.has(id)) throw badRequest(`${field}: not an active member of this organisation`, field);
  });
  const current = await storedReporters(organization.id);
  const wanted = new Set(body.userIds);
  const added = body.userIds.filter((id) => !current.includes(id));
  const dropped = current.filter((id) => !wanted.has(id));
  const by = personOf(user);
  const at = new Date();
  if (added.length) {
    const docs = added.map((userId) => ({
      _id: reporterKey(organization.id, userId),
      organizationId: new mongoose.Types.ObjectId(organization.id),
      userId: new mongoose.Types.ObjectId(userId),
      by,
      at,
    }));
    await StatusReporterModel.insertMany(docs, { ordered: false }).catch((err: unknown) => {
      // Only duplicates (someone allowed the same member meanwhile) are as good as inserted.
      const errors = (err as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> }).writeErrors;
      const duplicatesOnly = errors?.length ? errors.every((e) => (e.code ?? e.err?.code) === 11000) : isDuplicateKey(err);
      if (!duplicatesOnly) throw err;
    });
  }
  if (dropped.length) {
    await StatusReporterModel.deleteMany({ _id: mongoose.trusted({ $in: dropped.map((id) => reporterKey(organization.id, id)) }) });
  }
  if (added.length || dropped.length) {
    await recordAudit({
      actor: user,
      action: 'status.reportersChanged',
      target: { kind: 'organization', id: organization.id, label: organization.nameJa },
      detail: { added, removed: dropped },
    });
  }
  return presentReporters(organization, body.userIds);
}
