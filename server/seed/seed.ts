/**
 * Seeds the council: the secretariat, the 9 observers and the 182 member vendors (67 development,
 * 115 support), and, outside production, the demo accounts. Idempotent: organisations and accounts
 * are only created when missing (by key and by e-mail), so edits made since are kept.
 */
import { trusted } from 'mongoose';
import { BUSINESS_AREAS, COUNCIL, OBSERVERS } from '@shared/reference/council';
import type { Role } from '@shared/domain';
import { secondFactorRequired } from '@shared/signIn';
import { hashPassword } from '../auth/password';
import { TotpFactorModel } from '../auth/mfa/model';
import { ignoringDuplicate } from '../db/keys';
import { OrganizationModel } from '../organizations/model';
import { emailDomainOf } from '../users/accountEmail';
import { UserModel, type UserWithOrganization } from '../users/model';
import { buildSeedVendors } from './vendorNames';

export const SECRETARIAT_KEY = COUNCIL.host_and_secretariat.key;
export const DEMO_PASSWORD = 'council-demo';
/**
 * The authenticator secret of the demo accounts whose role requires a second factor (the
 * secretariat and the org admin), so the demo stays usable: add it to an authenticator app by hand
 * or from `npm run demo-totp`, which also prints the current code (README, "Demo accounts"). Demo
 * mode only: it is public, like the demo password.
 */
export const DEMO_TOTP_SECRET = 'DEMOCOUNCILTOTPSECRETFORDEMOONLY';

function seedOrganizations() {
  const vendors = buildSeedVendors(COUNCIL.members.development_vendors, COUNCIL.members.support_vendors);
  return [
    {
      key: SECRETARIAT_KEY,
      kind: 'secretariat' as const,
      nameJa: COUNCIL.host_and_secretariat.ja,
      nameEn: COUNCIL.host_and_secretariat.en,
      businessAreas: [],
    },
    ...OBSERVERS.map((o) => ({
      key: o.key,
      kind: 'observer' as const,
      observerKind: o.kind,
      nameJa: o.ja,
      nameEn: o.en,
      // A ministry "serves" the business areas it is responsible for.
      businessAreas: BUSINESS_AREAS.filter((a) => a.ministry === o.key).map((a) => a.key),
    })),
    ...vendors.map((v) => ({ ...v, kind: 'vendor' as const })),
  ];
}

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  /** Which organisation: a key, or the n-th seeded vendor of a type. */
  organization: { key: string } | { vendorType: 'development' | 'support'; index: number };
  description: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'secretariat@demo.example',
    displayName: '山田 花子',
    role: 'secretariat',
    organization: { key: SECRETARIAT_KEY },
    description: '事務局 (secretariat)',
  },
  {
    email: 'dev-admin@demo.example',
    displayName: '佐藤 健一',
    role: 'orgAdmin',
    organization: { vendorType: 'development', index: 0 },
    description: '開発事業者 組織管理者 (development vendor, org admin)',
  },
  {
    email: 'dev@demo.example',
    displayName: '鈴木 美咲',
    role: 'member',
    organization: { vendorType: 'development', index: 0 },
    description: '開発事業者 (development vendor, same company)',
  },
  {
    email: 'dev2@demo.example',
    displayName: '高橋 誠',
    role: 'member',
    organization: { vendorType: 'development', index: 1 },
    description: '開発事業者 (another development vendor)',
  },
  {
    email: 'support@demo.example',
    displayName: '田中 陽子',
    role: 'member',
    organization: { vendorType: 'support', index: 0 },
    description: '支援事業者 (support vendor)',
  },
  {
    email: 'mhlw@demo.example',
    displayName: '伊藤 直樹',
    role: 'member',
    organization: { key: 'mhlw' },
    description: '厚生労働省 (ministry observer)',
  },
  {
    email: 'jlis@demo.example',
    displayName: '渡辺 由美',
    role: 'member',
    organization: { key: 'jlis' },
    description: 'J-LIS (body observer)',
  },
];

export interface SeedResult {
  organizationsCreated: number;
  usersCreated: number;
}

export async function seedCouncil({ demo }: { demo: boolean }): Promise<SeedResult> {
  const organizations = seedOrganizations();
  // Insert only what is missing (one read, one insert): FerretDB 1.24 stalls on large batches of
  // upserts that match existing documents, and existing organisations must keep their edits anyway.
  const existing = new Set((await OrganizationModel.find({}, { key: 1 })).map((o) => o.key));
  const missing = organizations.filter((o) => !existing.has(o.key));
  if (missing.length > 0) await OrganizationModel.insertMany(missing, { ordered: false });
  let usersCreated = 0;
  if (demo) {
    const vendorKeys = {
      development: organizations.filter((o) => o.kind === 'vendor' && o.vendorType === 'development').map((o) => o.key),
      support: organizations.filter((o) => o.kind === 'vendor' && o.vendorType === 'support').map((o) => o.key),
    };
    const present = new Set(
      (await UserModel.find({ email: trusted({ $in: DEMO_ACCOUNTS.map((a) => a.email) }) }, { email: 1 })).map((u) => u.email),
    );
    const passwordHash = present.size < DEMO_ACCOUNTS.length ? await hashPassword(DEMO_PASSWORD) : '';
    for (const account of DEMO_ACCOUNTS) {
      if (present.has(account.email)) continue;
      const key =
        'key' in account.organization ? account.organization.key : vendorKeys[account.organization.vendorType][account.organization.index]!;
      const org = await OrganizationModel.findOne({ key });
      if (!org) throw new Error(`seed: organisation ${key} missing`);
      await UserModel.create({
        email: account.email,
        displayName: account.displayName,
        role: account.role,
        organization: org._id,
        passwordHash,
      });
      // The demo's organisations use the demo accounts' domain, as if the secretariat had registered
      // it: their org admins can then create accounts (users/accountEmail.ts). Only when the account
      // is created, so a secretariat's later edit is kept.
      await OrganizationModel.updateOne({ _id: org._id }, { $addToSet: { emailDomains: emailDomainOf(account.email) } });
      usersCreated++;
    }
    await enrolDemoSecondFactors();
  }
  return { organizationsCreated: missing.length, usersCreated };
}

/**
 * The demo accounts whose role requires a second factor get the demo secret, enrolled, unless they
 * already have a second factor (or a set-up under way) of their own. An insert keyed by the user:
 * a concurrent seed cannot enrol twice.
 */
async function enrolDemoSecondFactors(): Promise<void> {
  const users = await UserModel.find({ email: trusted({ $in: DEMO_ACCOUNTS.map((a) => a.email) }) }).populate<
    Pick<UserWithOrganization, 'organization'>
  >('organization');
  for (const user of users) {
    if (!secondFactorRequired(user)) continue;
    await ignoringDuplicate(
      TotpFactorModel.collection.insertOne({
        _id: String(user._id),
        secret: DEMO_TOTP_SECRET,
        enabledAt: new Date(),
        pendingSecret: null,
        pendingAt: null,
        lastUsedStep: 0,
      } as never),
    );
  }
}
