/**
 * The demo's 開発状況報告 (statusReportPlan.ts), written with the feature's models into a database
 * that has no reporting round yet: a closed round and an open one, with most vendors' reports, so
 * every view of the feature shows something real on first start. The demo accounts' organisations
 * get half-typed drafts in the open round.
 *
 * Inserts only, at most 50 documents a command (docs/DATABASE.md: an update command of 100
 * statements stops the embedded engine; inserts in chunks are fine), versions and reports before
 * the rounds that show them, so a start interrupted half-way seeds again from the beginning.
 */
import { trusted } from 'mongoose';
import { IssueModel } from '../issues/model';
import { OrganizationModel } from '../organizations/model';
import { StatusReportModel, StatusReportVersionModel, StatusRoundModel } from '../statusReports/model';
import { UserModel, type UserWithOrganization } from '../users/model';
import { personOf, type PersonRecord } from '../users/person';
import { DEMO_ACCOUNTS, SECRETARIAT_KEY } from './seed';
import { planStatusReports, type PlanVendor } from './statusReportPlan';

const CHUNK = 50;

async function insertInChunks<T>(docs: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < docs.length; i += CHUNK) await insert(docs.slice(i, i + CHUNK));
}

export interface StatusSeedResult {
  rounds: number;
  reports: number;
  versions: number;
}

/** Seeds the demo's rounds and reports unless a round exists; null when it did nothing. */
export async function seedStatusReports({ now = new Date() }: { now?: Date } = {}): Promise<StatusSeedResult | null> {
  if ((await StatusRoundModel.estimatedDocumentCount()) > 0) return null;
  const [organizations, users, secretariatOrg, issues] = await Promise.all([
    OrganizationModel.find({ kind: 'vendor' }, { key: 1, nameJa: 1, nameEn: 1, businessAreas: 1 }).lean(),
    UserModel.find({ email: trusted({ $in: DEMO_ACCOUNTS.map((a) => a.email) }), active: true }).populate<
      Pick<UserWithOrganization, 'organization'>
    >('organization'),
    OrganizationModel.findOne({ key: SECRETARIAT_KEY }).lean(),
    IssueModel.find({}, { number: 1, businessAreas: 1 }).limit(100).lean<Array<{ number: string; businessAreas: string[] }>>(),
  ]);
  if (!organizations.length || !secretariatOrg) return null;
  const vendors: PlanVendor[] = organizations.map((o) => ({
    id: o._id,
    key: o.key,
    nameJa: o.nameJa,
    nameEn: o.nameEn,
    businessAreas: o.businessAreas,
  }));

  const secretariatUser = users.find((u) => u.role === 'secretariat');
  const secretariat: PersonRecord = secretariatUser
    ? personOf(secretariatUser)
    : ({
        id: secretariatOrg._id,
        displayName: '事務局',
        organization: { id: secretariatOrg._id, nameJa: secretariatOrg.nameJa, nameEn: secretariatOrg.nameEn },
      } as PersonRecord);
  // The demo's vendors: a member typed the draft; the org admin, when there is one, sent the first round's report.
  const demo = new Map<string, { drafter: PersonRecord; submitter?: PersonRecord }>();
  for (const user of users) {
    if (user.organization.kind !== 'vendor') continue;
    const id = String(user.organization._id);
    const roles = demo.get(id) ?? { drafter: personOf(user) };
    if (user.role === 'orgAdmin') roles.submitter = personOf(user);
    else roles.drafter = personOf(user);
    demo.set(id, roles);
  }

  const plan = planStatusReports({ vendors, now, secretariat, demo, issues });
  await insertInChunks(plan.versions, (chunk) => StatusReportVersionModel.insertMany(chunk));
  await insertInChunks(plan.reports, (chunk) => StatusReportModel.insertMany(chunk));
  await StatusRoundModel.insertMany(plan.rounds);
  return { rounds: plan.rounds.length, reports: plan.reports.length, versions: plan.versions.length };
}
