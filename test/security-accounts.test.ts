/**
 * Issue 16, finding 10, on the real server: a secretariat deactivation is a hold only the secretariat
 * lifts; org admins create accounts only with their organisation's registered e-mail domains; and
 * their refusals never tell them that an address has an account in another organisation.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../shared/corporateNumber';
import { UserModel } from '../server/users/model';
import type { ApiClient } from './support/client';
import type { ErrorBody, Me, Organization, User } from './support/json';
import { startTestServer, type TestServer } from './support/server';

type Created = { user: User; temporaryPassword: string };
type Refusal = ErrorBody & { error: { reason?: string } };

let server: TestServer;
let secretariat: ApiClient, devAdmin: ApiClient;
let devOrgId: string, otherVendorId: string;
beforeAll(async () => {
  server = await startTestServer();
  [secretariat, devAdmin] = await server.signInAll('secretariat@demo.example', 'dev-admin@demo.example');
  devOrgId = (await devAdmin.get<Me>('/api/me')).body.organization.id;
  otherVendorId = (await (await server.signIn('dev2@demo.example')).get<Me>('/api/me')).body.organization.id;
});
afterAll(() => server.close());

let serial = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++serial}`;

async function created(by: ApiClient, organizationId: string, email: string, role = 'member'): Promise<Created> {
  const res = await by.post<Created>(`/api/organizations/${organizationId}/users`, { email, displayName: '試験 太郎', role });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('a secretariat deactivation is a hold', () => {
  it('an org admin cannot lift it (403 with the reason); the secretariat can', async () => {
    const { user } = await created(secretariat, devOrgId, `${unique('held')}@demo.example`);
    const deactivated = await secretariat.post<User>(`/api/users/${user.id}/deactivate`);
    expect(deactivated.status).toBe(200);

    const refused = await devAdmin.post<Refusal>(`/api/users/${user.id}/reactivate`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/deactivated by the secretariat; only the secretariat can reactivate it/);
    expect(refused.body.error.reason).toBe('accountHeldBySecretariat');
    expect((await UserModel.findById(user.id))!.active).toBe(false);
    // The account says who holds it, so the screens can show it.
    expect(deactivated.body).toMatchObject({ active: false, deactivatedBy: 'secretariat' });

    // Deactivating it again as the organisation does not turn the hold into the organisation's own.
    expect((await devAdmin.post(`/api/users/${user.id}/deactivate`)).status).toBe(200);
    expect((await devAdmin.post(`/api/users/${user.id}/reactivate`)).status).toBe(403);

    const lifted = await secretariat.post<User>(`/api/users/${user.id}/reactivate`);
    expect(lifted.status).toBe(200);
    expect(lifted.body).toMatchObject({ active: true, deactivatedBy: null });
  });

  it('an org admin still reactivates what their own organisation deactivated', async () => {
    const { user } = await created(secretariat, devOrgId, `${unique('own')}@demo.example`);
    const deactivated = await devAdmin.post<User>(`/api/users/${user.id}/deactivate`);
    const back = await devAdmin.post<User>(`/api/users/${user.id}/reactivate`);
    expect(back.status).toBe(200);
    expect(deactivated.body).toMatchObject({ active: false, deactivatedBy: 'organization' });
    expect(back.body).toMatchObject({ active: true, deactivatedBy: null });
  });

  it('an account deactivated before who did it was recorded counts as held', async () => {
    const { user } = await created(secretariat, devOrgId, `${unique('legacy')}@demo.example`);
    await UserModel.updateOne({ _id: new mongoose.Types.ObjectId(user.id) }, { $set: { active: false }, $unset: { deactivatedBy: '' } });
    expect((await devAdmin.post(`/api/users/${user.id}/reactivate`)).status).toBe(403);
    expect((await secretariat.post(`/api/users/${user.id}/reactivate`)).status).toBe(200);
  });
});

describe("org admins use only their organisation's registered e-mail domains", () => {
  it('refuses another domain naming the field and the reason; creates nothing', async () => {
    const email = `${unique('outside')}@example.jp`;
    const refused = await devAdmin.post<Refusal>(`/api/organizations/${devOrgId}/users`, { email, displayName: '外部 花子' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ field: 'body.email', reason: 'emailDomainNotRegistered' });
    expect(refused.body.error.message).toMatch(/demo\.example/);
    expect(await UserModel.exists({ email })).toBeNull();
    // The registered domain works (the demo registers its accounts' domain for their organisations).
    await created(devAdmin, devOrgId, `${unique('inside')}@demo.example`);
  });

  it('the secretariat registers the domains (normalised, validated) and may itself use any domain', async () => {
    const org = await secretariat.post<Organization>('/api/organizations', {
      kind: 'vendor',
      key: unique('domains'),
      vendorType: 'support',
      corporateNumber: withCheckDigit(`8${String(Date.now()).slice(-11)}`),
      nameJa: 'ドメイン検証株式会社',
      nameEn: 'Domain Check K.K.',
    });
    expect(org.status, JSON.stringify(org.body)).toBe(201);
    expect(org.body.emailDomains).toEqual([]);
    const adminEmail = `${unique('admin')}@kaigan.example`;
    const admin = await created(secretariat, org.body.id, adminEmail, 'orgAdmin');
    const orgAdmin = await server.signIn(adminEmail, admin.temporaryPassword);
    await server.enrol(orgAdmin, adminEmail);

    // Nothing registered yet: the org admin cannot create accounts at all, and is told who can fix it.
    const none = await orgAdmin.post<Refusal>(`/api/organizations/${org.body.id}/users`, {
      email: `${unique('a')}@kaigan.example`,
      displayName: 'a',
    });
    expect(none.status).toBe(403);
    expect(none.body.error).toMatchObject({ field: 'body.email', reason: 'noEmailDomains' });
    expect(none.body.error.message).toMatch(/secretariat/);

    expect((await orgAdmin.patch(`/api/organizations/${org.body.id}`, { emailDomains: ['kaigan.example'] })).status).toBe(403);
    const bad = await secretariat.patch<ErrorBody>(`/api/organizations/${org.body.id}`, { emailDomains: ['not a domain'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('body.emailDomains.0');
    const registered = await secretariat.patch<Organization>(`/api/organizations/${org.body.id}`, {
      emailDomains: [' Kaigan.Example ', 'mail.kaigan.example'],
    });
    expect(registered.status).toBe(200);
    expect(registered.body.emailDomains).toEqual(['kaigan.example', 'mail.kaigan.example']);
    expect((await orgAdmin.get<Organization>(`/api/organizations/${org.body.id}`)).body.emailDomains).toEqual([
      'kaigan.example',
      'mail.kaigan.example',
    ]);

    await created(orgAdmin, org.body.id, `${unique('b')}@kaigan.example`);
    await created(orgAdmin, org.body.id, `${unique('c')}@MAIL.kaigan.example`);
    // Exact domains only: a subdomain is a domain of its own.
    expect(
      (await orgAdmin.post(`/api/organizations/${org.body.id}/users`, { email: `${unique('d')}@x.kaigan.example`, displayName: 'd' }))
        .status,
    ).toBe(403);
    expect(
      (await orgAdmin.post(`/api/organizations/${org.body.id}/users`, { email: `${unique('e')}@demo.example`, displayName: 'e' })).status,
    ).toBe(403);

    // The secretariat is not bound by an organisation's domains.
    await created(secretariat, org.body.id, `${unique('f')}@elsewhere.example`);
  });
});

describe("an org admin's refusals do not reveal other organisations' accounts", () => {
  it('an address of another organisation gets the same answer as any other unusable address', async () => {
    const deactivatedElsewhere = (await created(secretariat, otherVendorId, `${unique('gone')}@demo.example`)).user;
    expect((await secretariat.post(`/api/users/${deactivatedElsewhere.id}/deactivate`)).status).toBe(200);

    const answers = [];
    for (const email of ['dev2@demo.example', 'secretariat@demo.example', 'mhlw@demo.example', deactivatedElsewhere.email]) {
      const res = await devAdmin.post<Refusal>(`/api/organizations/${devOrgId}/users`, { email, displayName: '重複 確認' });
      answers.push({ status: res.status, body: res.body });
    }
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]!.status).toBe(409);
    expect(answers[0]!.body.error).toMatchObject({ field: 'body.email', reason: 'emailUnavailable' });
    expect(answers[0]!.body.error.message).toMatch(/cannot be used; contact the secretariat/);
    expect(answers[0]!.body.error.message).not.toMatch(/already|account|organisation/);
  });

  it("outside the admin's domains, whether an address exists does not change the answer", async () => {
    const elsewhere = `${unique('someone')}@other-vendor.example`;
    await created(secretariat, otherVendorId, elsewhere);
    const existing = await devAdmin.post<Refusal>(`/api/organizations/${devOrgId}/users`, { email: elsewhere, displayName: 'x' });
    const unknown = await devAdmin.post<Refusal>(`/api/organizations/${devOrgId}/users`, {
      email: elsewhere.replace('someone', 'nobody'),
      displayName: 'x',
    });
    expect(existing.status).toBe(403);
    expect(existing.body.error.reason).toBe('emailDomainNotRegistered');
    expect({ status: existing.status, body: existing.body }).toEqual({ status: unknown.status, body: unknown.body });
  });

  it("an address already in the admin's own organisation says so; the secretariat is told plainly", async () => {
    const own = await devAdmin.post<Refusal>(`/api/organizations/${devOrgId}/users`, { email: 'DEV@demo.example', displayName: 'dup' });
    expect(own.status).toBe(409);
    expect(own.body.error).toMatchObject({ field: 'body.email', reason: 'emailInOrganization' });
    expect(own.body.error.message).toMatch(/already has an account in your organisation/);

    const bySecretariat = await secretariat.post<Refusal>(`/api/organizations/${devOrgId}/users`, {
      email: 'dev2@demo.example',
      displayName: 'dup',
    });
    expect(bySecretariat.status).toBe(409);
    expect(bySecretariat.body.error).toMatchObject({ field: 'body.email', reason: 'emailTaken' });
  });
});
