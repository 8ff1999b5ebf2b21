import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizationModel } from '../server/organizations/model';
import { UserModel } from '../server/users/model';
import { connected } from './support/client';
import { startTestServer, type TestServer } from './support/server';
import type { ErrorBody, Me, User } from './support/json';

let server: TestServer;
let ownOrgId: string;
let otherVendorId: string;
beforeAll(async () => {
  server = await startTestServer();
  const admin = await server.signIn('dev-admin@demo.example');
  ownOrgId = (await admin.get<Me>('/api/me')).body.organization.id;
  const dev2 = await server.signIn('dev2@demo.example');
  otherVendorId = (await dev2.get<Me>('/api/me')).body.organization.id;
});
afterAll(() => server.close());

type Created = { user: User; temporaryPassword: string };

describe('org admins manage their own organisation', () => {
  it('lists, creates (with a temporary password that works) and deactivates accounts of their company', async () => {
    const admin = await server.signIn('dev-admin@demo.example');
    const list = await admin.get<{ users: User[] }>(`/api/organizations/${ownOrgId}/users`);
    expect(list.status).toBe(200);
    expect(list.body.users.map((u) => u.email).sort()).toEqual(['dev-admin@demo.example', 'dev@demo.example']);

    const created = await admin.post<Created>(`/api/organizations/${ownOrgId}/users`, {
      email: 'New.Person@Demo.Example',
      displayName: '新井 一郎',
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ email: 'new.person@demo.example', role: 'member', active: true });
    expect(created.body.temporaryPassword).toHaveLength(16);
    const newcomer = await server.signIn('new.person@demo.example', created.body.temporaryPassword);
    expect((await newcomer.get<Me>('/api/me')).body.organization.id).toBe(ownOrgId);

    const promoted = await admin.patch<User>(`/api/users/${created.body.user.id}`, { role: 'orgAdmin' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('orgAdmin');

    const deactivated = await admin.post<User>(`/api/users/${created.body.user.id}/deactivate`);
    expect(deactivated.body.active).toBe(false);
    expect((await newcomer.get('/api/me')).status).toBe(401);
    expect(
      (await server.client().post('/api/auth/login', { email: 'new.person@demo.example', password: created.body.temporaryPassword }))
        .status,
    ).toBe(401);

    expect((await admin.post<User>(`/api/users/${created.body.user.id}/reactivate`)).body.active).toBe(true);
    expect(
      (await server.client().post('/api/auth/login', { email: 'new.person@demo.example', password: created.body.temporaryPassword }))
        .status,
    ).toBe(200);
  });

  it("are refused another organisation's accounts with 403 and a reason", async () => {
    const admin = await server.signIn('dev-admin@demo.example');
    const list = await admin.get<ErrorBody>(`/api/organizations/${otherVendorId}/users`);
    expect(list.status).toBe(403);
    expect(list.body.error.message).toMatch(/may not account.manage/);
    const create = await admin.post(`/api/organizations/${otherVendorId}/users`, { email: 'intruder@example.jp', displayName: 'x' });
    expect(create.status).toBe(403);
    const dev2 = await UserModel.findOne({ email: 'dev2@demo.example' });
    expect((await admin.post(`/api/users/${dev2!.id}/deactivate`)).status).toBe(403);
    expect((await UserModel.findById(dev2!._id))!.active).toBe(true);
    expect(await UserModel.exists({ email: 'intruder@example.jp' })).toBeNull();
  });

  it('cannot grant the secretariat role, nor change or deactivate themselves', async () => {
    const admin = await server.signIn('dev-admin@demo.example');
    const secretariat = await admin.post<ErrorBody>(`/api/organizations/${ownOrgId}/users`, {
      email: 'x@example.jp',
      displayName: 'x',
      role: 'secretariat',
    });
    expect(secretariat.status).toBe(400);
    expect(secretariat.body.error.field).toBe('body.role');
    const me = (await admin.get<Me>('/api/me')).body;
    expect((await admin.patch(`/api/users/${me.id}`, { role: 'member' })).status).toBe(400);
    expect((await admin.post(`/api/users/${me.id}/deactivate`)).status).toBe(400);
  });

  it('refuses members and observers account management', async () => {
    for (const email of ['dev@demo.example', 'mhlw@demo.example', 'jlis@demo.example']) {
      const person = await server.signIn(email);
      const orgId = (await person.get<Me>('/api/me')).body.organization.id;
      expect((await person.get(`/api/organizations/${orgId}/users`)).status, email).toBe(403);
      expect(
        (await person.post(`/api/organizations/${orgId}/users`, { email: `n-${orgId}@example.jp`, displayName: 'n' })).status,
        email,
      ).toBe(403);
    }
  });

  it('answers 409 naming the field when the e-mail is taken', async () => {
    const admin = await server.signIn('dev-admin@demo.example');
    const taken = await admin.post<ErrorBody>(`/api/organizations/${ownOrgId}/users`, { email: 'DEV@demo.example', displayName: 'dup' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.field).toBe('body.email');
  });
});

describe('the secretariat manages every organisation and account', () => {
  it('manages accounts anywhere, with roles that fit the organisation', async () => {
    const secretariat = await server.signIn('secretariat@demo.example');
    const mhlw = await OrganizationModel.findOne({ key: 'mhlw' });
    const created = await secretariat.post<Created>(`/api/organizations/${mhlw!.id}/users`, {
      email: 'kosei@example.go.jp',
      displayName: '厚労 次郎',
    });
    expect(created.status).toBe(201);
    const orgAdminAtMinistry = await secretariat.post(`/api/organizations/${mhlw!.id}/users`, {
      email: 'k2@example.go.jp',
      displayName: 'k',
      role: 'orgAdmin',
    });
    expect(orgAdminAtMinistry.status).toBe(400);
    expect((await secretariat.get<{ users: User[] }>(`/api/organizations/${otherVendorId}/users`)).body.users).toHaveLength(1);
  });

  it('registers and edits organisations; others may not', async () => {
    const secretariat = await server.signIn('secretariat@demo.example');
    const body = {
      kind: 'vendor',
      key: 'kaigan-systems',
      vendorType: 'support',
      corporateNumber: '7000012050002',
      nameJa: '海岸システムズ株式会社',
      nameEn: 'Kaigan Systems Co., Ltd.',
      businessAreas: ['national-pension'],
    };
    const created = await secretariat.post<{ id: string; key: string }>('/api/organizations', body);
    expect(created.status).toBe(201);
    expect((await secretariat.post('/api/organizations', body)).status).toBe(409);
    const badNumber = await secretariat.post<ErrorBody>('/api/organizations', { ...body, key: 'other', corporateNumber: '1000012050002' });
    expect(badNumber.status).toBe(400);
    expect(badNumber.body.error.field).toBe('body.corporateNumber');
    const edited = await secretariat.patch<{ businessAreas: string[] }>(`/api/organizations/${created.body.id}`, {
      businessAreas: ['national-pension', 'public-assistance'],
    });
    expect(edited.body.businessAreas).toEqual(['national-pension', 'public-assistance']);

    const admin = await server.signIn('dev-admin@demo.example');
    expect((await admin.post('/api/organizations', { ...body, key: 'sneaky' })).status).toBe(403);
    expect((await admin.patch(`/api/organizations/${ownOrgId}`, { nameJa: '乗っ取り' })).status).toBe(403);
    expect((await OrganizationModel.findById(ownOrgId))!.nameJa).not.toBe('乗っ取り');
  });
});

describe('deactivation ends live sessions at once', () => {
  it("disconnects the person's sockets and tells them why", async () => {
    const secretariat = await server.signIn('secretariat@demo.example');
    const created = await secretariat.post<Created>(`/api/organizations/${ownOrgId}/users`, {
      email: 'leaving@example.jp',
      displayName: '退職 予定',
    });
    const leaving = await server.signIn('leaving@example.jp', created.body.temporaryPassword);
    const colleague = await server.signIn('dev@demo.example');
    const socket = leaving.socket();
    const bystander = colleague.socket();
    await Promise.all([connected(socket), connected(bystander)]);

    const told = new Promise<{ reason: string }>((resolve) => socket.once('session.ended', resolve));
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const started = Date.now();
    expect((await secretariat.post(`/api/users/${created.body.user.id}/deactivate`)).status).toBe(200);
    expect(await told).toEqual({ reason: 'deactivated' });
    expect(await dropped).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(bystander.connected).toBe(true);

    // A new handshake with the old cookie is refused.
    const again = leaving.socket();
    await expect(connected(again)).rejects.toThrow();
    again.close();
    bystander.close();
  });
});

describe('a role change moves live sockets at once', () => {
  it('tells the person, drops the socket, and a reconnect lands in the new persona room', async () => {
    const admin = await server.signIn('dev-admin@demo.example');
    const created = await admin.post<Created>(`/api/organizations/${ownOrgId}/users`, {
      email: 'promoted@demo.example',
      displayName: '昇格 予定',
    });
    const person = await server.signIn('promoted@demo.example', created.body.temporaryPassword);
    const socket = person.socket();
    await connected(socket);
    const personaRoom = async (persona: string) =>
      (await server.council.realtime.io.in(`persona:${persona}`).fetchSockets()).some((s) => s.rooms.has(`user:${created.body.user.id}`));
    expect(await personaRoom('vendorMember')).toBe(true);

    const updated = new Promise((resolve) => socket.once('session.updated', resolve));
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect((await admin.patch(`/api/users/${created.body.user.id}`, { role: 'orgAdmin' })).status).toBe(200);
    expect(await updated).toEqual({ reason: 'roleChanged' });
    expect(await dropped).toBe('io server disconnect');

    // An org admin must set up a second factor first: until then the socket is refused.
    expect((await person.get<Me>('/api/me')).body.signIn.enrolmentRequired).toBe(true);
    socket.connect();
    await expect(connected(socket)).rejects.toThrow();
    await server.enrol(person, 'promoted@example.jp');
    socket.connect();
    await connected(socket);
    expect(await personaRoom('vendorAdmin')).toBe(true);
    expect(await personaRoom('vendorMember')).toBe(false);
    expect((await person.get<Me>('/api/me')).body.abilities['account.manage']).toBe(true);
    socket.close();
  });
});
