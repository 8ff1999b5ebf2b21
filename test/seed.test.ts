import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidCorporateNumber } from '../shared/corporateNumber';
import { BUSINESS_AREA_KEYS } from '../shared/reference/council';
import { OrganizationModel } from '../server/organizations/model';
import { seedCouncil } from '../server/seed/seed';
import { UserModel } from '../server/users/model';
import { startTestServer, type TestServer } from './support/server';
import type { OrganizationList } from './support/json';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the seeded council', () => {
  it('has 182 member vendors (67 development, 115 support), 9 observers, the secretariat and 20 areas', async () => {
    const client = await server.signIn('jlis@demo.example');
    const all = await client.get<OrganizationList>('/api/organizations');
    expect(all.status).toBe(200);
    expect(all.body.counts).toEqual({
      total: 192,
      byKind: { secretariat: 1, vendor: 182, observer: 9 },
      byVendorType: { development: 67, support: 115 },
    });
    const observers = all.body.organizations.filter((o) => o.kind === 'observer');
    expect(
      observers
        .filter((o) => o.observerKind === 'ministry')
        .map((o) => o.key)
        .sort(),
    ).toEqual(['cfa', 'mext', 'mhlw', 'mic', 'moj']);
    expect(
      observers
        .filter((o) => o.observerKind === 'body')
        .map((o) => o.key)
        .sort(),
    ).toEqual(['applic', 'jahis', 'jisa', 'jlis']);
    const areas = await client.get<{ businessAreas: { key: string; ministry: string }[] }>('/api/business-areas');
    expect(areas.body.businessAreas).toHaveLength(20);
  });

  it('gives every vendor a valid, distinct corporate number, a Japanese name and known business areas', async () => {
    const vendors = await OrganizationModel.find({ kind: 'vendor' });
    expect(vendors).toHaveLength(182);
    for (const v of vendors) {
      expect(isValidCorporateNumber(v.corporateNumber!), v.corporateNumber!).toBe(true);
      expect(v.nameJa).toMatch(/株式会社/);
      expect(v.businessAreas.length).toBeGreaterThan(0);
      for (const area of v.businessAreas) expect(BUSINESS_AREA_KEYS).toContain(area);
    }
    expect(new Set(vendors.map((v) => v.corporateNumber)).size).toBe(182);
    expect(new Set(vendors.map((v) => v.nameJa)).size).toBe(182);
  });

  it('creates the seven demo accounts in the right organisations', async () => {
    const users = await UserModel.find({}).populate<{ organization: { key: string; kind: string; vendorType: string | null } }>(
      'organization',
    );
    const byEmail = Object.fromEntries(users.map((u) => [u.email, u]));
    expect(Object.keys(byEmail).sort()).toEqual([
      'dev-admin@demo.example',
      'dev2@demo.example',
      'dev@demo.example',
      'jlis@demo.example',
      'mhlw@demo.example',
      'secretariat@demo.example',
      'support@demo.example',
    ]);
    expect(byEmail['dev-admin@demo.example']!.role).toBe('orgAdmin');
    expect(byEmail['dev@demo.example']!.organization.key).toBe(byEmail['dev-admin@demo.example']!.organization.key);
    expect(byEmail['dev2@demo.example']!.organization.key).not.toBe(byEmail['dev@demo.example']!.organization.key);
    expect(byEmail['dev2@demo.example']!.organization.vendorType).toBe('development');
    expect(byEmail['support@demo.example']!.organization.vendorType).toBe('support');
    expect(byEmail['mhlw@demo.example']!.organization.key).toBe('mhlw');
    expect(byEmail['jlis@demo.example']!.organization.key).toBe('jlis');
    expect(byEmail['secretariat@demo.example']!.organization.kind).toBe('secretariat');
  });

  it('is idempotent and keeps edits made since', async () => {
    const mhlw = await OrganizationModel.findOne({ key: 'mhlw' });
    await OrganizationModel.updateOne({ _id: mhlw!._id }, { nameEn: 'MHLW (edited)' });
    const again = await seedCouncil({ demo: true });
    expect(again).toEqual({ organizationsCreated: 0, usersCreated: 0 });
    expect(await OrganizationModel.countDocuments({})).toBe(192);
    expect(await UserModel.countDocuments({})).toBe(7);
    expect((await OrganizationModel.findOne({ key: 'mhlw' }))!.nameEn).toBe('MHLW (edited)');
  });
});

describe('demo content', () => {
  it('writes a few threads, issues and meetings through the real services, once, readable by role', async () => {
    const { seedDemoContent } = await import('../server/seed/demoContent');
    expect(await seedDemoContent()).toBe(true);
    expect(await seedDemoContent()).toBe(false);
    const [dev, ministry] = await server.signInAll('dev@demo.example', 'mhlw@demo.example');
    const threads = (await dev.get<{ threads: Array<{ title: string; visibility: string }> }>('/api/threads')).body.threads;
    expect(threads.map((t) => t.visibility).sort()).toEqual(['council', 'vendors']);
    expect((await ministry.get<{ threads: unknown[] }>('/api/threads')).body.threads).toHaveLength(1);
    const issues = (await dev.get<{ issues: Array<{ status: string; leadTimeShort: boolean }>; total: number }>('/api/issues')).body;
    expect(issues.total).toBe(3);
    expect(issues.issues.map((i) => i.status).sort()).toEqual(['answered', 'new', 'reviewing']);
    expect(issues.issues.some((i) => i.leadTimeShort)).toBe(true);
    const meetings = (await dev.get<{ meetings: Array<{ status: string }> }>('/api/meetings')).body.meetings;
    expect(meetings.map((m) => m.status)).toEqual(['scheduled', 'scheduled']);
  });
});
