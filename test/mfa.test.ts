/**
 * Second factors on the real server and database: the two-step sign-in, enrolment (required for the
 * secretariat and org admins, who are held to it until done, sockets included), replay protection,
 * one-time recovery codes, turning it off where allowed, the secretariat's reset, throttling and
 * the audit trail.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPage } from '../shared/schemas/audit';
import type { RecoveryCodes, SecondFactorStatus, TotpSetup } from '../shared/schemas/mfa';
import { SESSIONS_COLLECTION } from '../server/auth/session';
import { sessionKey } from '../server/auth/sessionCache';
import { recordViewChange } from '../server/db/viewFeed';
import { PEOPLE_LOG } from '../server/users/model';
import { ApiClient, connected } from './support/client';
import type { ErrorBody, Me, User } from './support/json';
import { totpCode } from './support/secondFactor';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let secretariat: ApiClient;
let devOrgId: string;
beforeAll(async () => {
  server = await startTestServer();
  secretariat = await server.signIn('secretariat@demo.example');
  devOrgId = (await (await server.signIn('dev@demo.example')).get<Me>('/api/me')).body.organization.id;
});
afterAll(() => server.close());

const stepNow = () => Math.floor(Date.now() / 30_000);
let made = 0;

/** A new account in the demo development vendor, created by the secretariat, signed in with its temporary password. */
async function newAccount(role: 'member' | 'orgAdmin') {
  const email = `mfa-${role}-${++made}-${Date.now()}@example.jp`;
  const created = await secretariat.post<{ user: User; temporaryPassword: string }>(`/api/organizations/${devOrgId}/users`, {
    email,
    displayName: `二段階 ${made}`,
    role,
  });
  expect(created.status).toBe(201);
  const password = created.body.temporaryPassword;
  const client = server.client();
  const login = await client.post<Me>('/api/auth/login', { email, password });
  expect(login.status).toBe(200);
  return { email, password, id: created.body.user.id, client, me: login.body };
}

/** Set up and confirm an authenticator app for a signed-in client; the secret and the recovery codes. */
async function enrol(client: ApiClient, email: string) {
  const setup = await client.post<TotpSetup>('/api/me/mfa/totp/setup');
  expect(setup.status).toBe(200);
  const step = stepNow();
  const enabled = await client.post<RecoveryCodes>('/api/me/mfa/totp/enable', { code: await totpCode(setup.body.secret, step) });
  expect(enabled.status).toBe(200);
  // The confirming code is used up: later sign-ins in this file take later steps.
  server.secondFactor.remember(email, setup.body.secret);
  server.secondFactor.used(email, step);
  return { secret: setup.body.secret, codes: enabled.body.codes, setup: setup.body };
}

/** The password step alone: a fresh client whose session waits for the second factor. */
async function passwordStep(email: string, password = 'council-demo') {
  const client = server.client();
  const res = await client.post<{ mfa: string }>('/api/auth/login', { email, password });
  expect(res.status).toBe(200);
  expect(res.body.mfa).toBe('required');
  return client;
}

async function auditEntries(action: string): Promise<AuditEntry[]> {
  const page = await secretariat.get<AuditPage>('/api/audit?category=auth&limit=200');
  return page.body.entries.filter((e) => e.action === action);
}

/** The Engine.IO handshake as a browser sends it (polling), answered before Socket.IO sees it. */
const handshake = (client: ApiClient) =>
  fetch(`${server.baseUrl}/socket.io/?EIO=4&transport=polling`, { headers: { cookie: client.cookieHeader, origin: server.baseUrl } });

describe('signing in with a second factor', () => {
  it('takes the password, then the code; until then nobody is signed in, over REST or a socket', async () => {
    const client = await passwordStep('secretariat@demo.example');
    expect((await client.get('/api/me')).status).toBe(401);
    expect((await handshake(client)).status).toBe(401);

    const wrong = await client.post<ErrorBody>('/api/auth/login/second-factor', { code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.field).toBe('body.code');

    const code = await server.secondFactor.nextCode('secretariat@demo.example');
    const signedIn = await client.post<Me>('/api/auth/login/second-factor', { code });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.signIn).toEqual({ factors: ['password', 'totp'], secondFactorRequired: true, enrolmentRequired: false });
    expect((await client.get('/api/threads')).status).toBe(200);
    const socket = client.socket({ origin: server.baseUrl });
    await connected(socket);
    socket.close();

    // The same code once more, from another sign-in: refused (replay).
    const again = await passwordStep('secretariat@demo.example');
    expect((await again.post('/api/auth/login/second-factor', { code })).status).toBe(401);
    expect((await auditEntries('auth.mfaFailed')).length).toBeGreaterThanOrEqual(2);
  });

  it('lets exactly one of two sign-ins racing with the same code through', async () => {
    const [a, b] = await Promise.all([passwordStep('dev-admin@demo.example'), passwordStep('dev-admin@demo.example')]);
    const code = await server.secondFactor.nextCode('dev-admin@demo.example');
    const statuses = (await Promise.all([a, b].map((c) => c.post('/api/auth/login/second-factor', { code })))).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 401]);
  });

  it('refuses the second step without a right password first, and once the wait is over', async () => {
    const none = await server.client().post<ErrorBody>('/api/auth/login/second-factor', { code: '123456' });
    expect(none.status).toBe(401);
    expect(none.body.error.message).toMatch(/password first/);

    const client = await passwordStep('secretariat@demo.example');
    const id = decodeURIComponent(client.sessionCookie()!).slice(2).split('.')[0]!;
    await mongoose.connection
      .collection(SESSIONS_COLLECTION)
      .updateOne({ _id: id as never }, { $set: { 'session.pendingSignIn.expiresAt': Date.now() - 1 } });
    // Written around the store, so recorded as the store records its own writes (server/auth/sessionCache.ts).
    await recordViewChange(mongoose.connection.db!, PEOPLE_LOG, sessionKey(id));
    // Refused for the wait, before any code is looked at.
    const late = await client.post<ErrorBody>('/api/auth/login/second-factor', { code: '123456' });
    expect(late.status).toBe(401);
    expect(late.body.error.message).toMatch(/password first/);
  });

  it('names the field of a malformed second step', async () => {
    const client = await passwordStep('secretariat@demo.example');
    const cases: Array<[unknown, string]> = [
      [{}, 'body.code'],
      [{ code: '12345' }, 'body.code'],
      [{ code: '１２３４５６', recoveryCode: 'aaaa-bbbb-cccc-dddd' }, 'body.code'],
      [{ recoveryCode: 'not a code' }, 'body.recoveryCode'],
      [{ code: '123456', extra: 1 }, 'body.extra'],
    ];
    for (const [body, field] of cases) {
      const res = await client.post<ErrorBody>('/api/auth/login/second-factor', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
  });
});

describe('roles that require a second factor', () => {
  it('hold a new org admin to enrolment (REST and sockets) until an authenticator app is confirmed', async () => {
    const admin = await newAccount('orgAdmin');
    expect(admin.me.signIn).toEqual({ factors: ['password'], secondFactorRequired: true, enrolmentRequired: true });
    const elsewhere = server.client();
    expect((await elsewhere.post('/api/auth/login', { email: admin.email, password: admin.password })).status).toBe(200);

    const refused = await admin.client.get<ErrorBody>('/api/threads');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('mfa_enrolment_required');
    expect((await admin.client.get(`/api/organizations/${devOrgId}/users`)).status).toBe(403);
    expect((await admin.client.get('/api/me')).status).toBe(200);
    const socketRefusal = await handshake(admin.client);
    expect(socketRefusal.status).toBe(403);
    expect(((await socketRefusal.json()) as ErrorBody).error.code).toBe('mfa_enrolment_required');

    const status = await admin.client.get<SecondFactorStatus>('/api/me/mfa');
    expect(status.body).toEqual({ totp: { enabled: false, enabledAt: null }, recoveryCodesLeft: 0, required: true, canDisable: false });
    const setup = await admin.client.post<TotpSetup>('/api/me/mfa/totp/setup');
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUri).toMatch(new RegExp(`^otpauth://totp/.+\\?secret=${setup.body.secret}&issuer=`));
    expect(setup.body.qrSvg).toMatch(/^<svg[^>]*>/);
    const wrong = await admin.client.post<ErrorBody>('/api/me/mfa/totp/enable', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.field).toBe('body.code');

    const step = stepNow();
    const enabled = await admin.client.post<RecoveryCodes>('/api/me/mfa/totp/enable', { code: await totpCode(setup.body.secret, step) });
    expect(enabled.status).toBe(200);
    expect(enabled.body.codes).toHaveLength(10);
    expect(new Set(enabled.body.codes).size).toBe(10);
    for (const code of enabled.body.codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    server.secondFactor.remember(admin.email, setup.body.secret);
    server.secondFactor.used(admin.email, step);

    // This session proved the new factor and is free; the one signed in without it has ended.
    expect((await admin.client.get<Me>('/api/me')).body.signIn).toMatchObject({ factors: ['password', 'totp'], enrolmentRequired: false });
    expect((await admin.client.get('/api/threads')).status).toBe(200);
    const socket = admin.client.socket({ origin: server.baseUrl });
    await connected(socket);
    socket.close();
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    expect((await admin.client.get<SecondFactorStatus>('/api/me/mfa')).body).toMatchObject({
      totp: { enabled: true },
      recoveryCodesLeft: 10,
      required: true,
      canDisable: false,
    });

    // Org admins cannot turn it off; nor can a second app be set up over it.
    const off = await admin.client.post<ErrorBody>('/api/me/mfa/totp/disable', { recoveryCode: enabled.body.codes[0] });
    expect(off.status).toBe(403);
    expect((await admin.client.post('/api/me/mfa/totp/setup')).status).toBe(409);

    const [enabledEntry] = await auditEntries('auth.mfaEnabled');
    expect(enabledEntry).toMatchObject({ actor: { id: admin.id }, target: { id: admin.id } });
  });

  it('takes each recovery code once, and records its use', async () => {
    const admin = await newAccount('orgAdmin');
    const { codes } = await enrol(admin.client, admin.email);
    const first = await passwordStep(admin.email, admin.password);
    // Typed as people do: upper case, without the hyphens.
    const used = await first.post<Me>('/api/auth/login/second-factor', { recoveryCode: codes[3]!.toUpperCase().replace(/-/g, '') });
    expect(used.status).toBe(200);
    expect(used.body.signIn.factors).toEqual(['password', 'recoveryCode']);
    expect((await first.get('/api/threads')).status).toBe(200);

    const again = await passwordStep(admin.email, admin.password);
    const refused = await again.post<ErrorBody>('/api/auth/login/second-factor', { recoveryCode: codes[3] });
    expect(refused.status).toBe(401);
    expect(refused.body.error.field).toBe('body.recoveryCode');
    expect((await first.get<SecondFactorStatus>('/api/me/mfa')).body.recoveryCodesLeft).toBe(9);
    const entries = await auditEntries('auth.recoveryCodeUsed');
    expect(entries.find((e) => e.actor?.id === admin.id)).toMatchObject({ detail: { purpose: 'signIn', left: 9 } });
  });

  it('lets the secretariat reset a lost second factor: sessions end, enrolment starts again; nobody else may', async () => {
    const admin = await newAccount('orgAdmin');
    await enrol(admin.client, admin.email);
    const devAdmin = await server.signIn('dev-admin@demo.example');
    expect((await devAdmin.post<ErrorBody>(`/api/users/${admin.id}/mfa/reset`)).status).toBe(403);
    const me = (await secretariat.get<Me>('/api/me')).body;
    expect((await secretariat.post<ErrorBody>(`/api/users/${me.id}/mfa/reset`)).status).toBe(403);

    const reset = await secretariat.post<User>(`/api/users/${admin.id}/mfa/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body.id).toBe(admin.id);
    expect((await admin.client.get('/api/me')).status).toBe(401);
    server.secondFactor.forget(admin.email);

    // The password alone signs in again, into enrolment only.
    const back = server.client();
    const login = await back.post<Me>('/api/auth/login', { email: admin.email, password: admin.password });
    expect(login.body.signIn.enrolmentRequired).toBe(true);
    expect((await back.get('/api/threads')).status).toBe(403);
    const [entry] = (await auditEntries('auth.mfaReset')).filter((e) => e.target?.id === admin.id);
    expect(entry).toMatchObject({ actor: { id: me.id }, detail: { hadTotp: true } });
  });
});

describe('people for whom it is optional', () => {
  it('may enrol, sign in with it, renew recovery codes, and turn it off with a code', async () => {
    const member = await newAccount('member');
    expect(member.me.signIn).toEqual({ factors: ['password'], secondFactorRequired: false, enrolmentRequired: false });
    expect((await member.client.get('/api/threads')).status).toBe(200);
    const { secret, codes } = await enrol(member.client, member.email);

    const signedIn = await server.signIn(member.email, member.password);
    expect((await signedIn.get<Me>('/api/me')).body.signIn.factors).toEqual(['password', 'totp']);

    const renewedWrong = await signedIn.post<ErrorBody>('/api/me/mfa/recovery-codes', { code: '000000' });
    expect(renewedWrong.status).toBe(400);
    expect(renewedWrong.body.error.field).toBe('body.code');
    // Both of the steps the file could use so far are taken: the next code is a step ahead.
    const code = await server.secondFactor.nextCode(member.email);
    if (code) {
      const renewed = await signedIn.post<RecoveryCodes>('/api/me/mfa/recovery-codes', { code });
      expect(renewed.status).toBe(200);
      expect(renewed.body.codes).toHaveLength(10);
      const old = await signedIn.post<ErrorBody>('/api/me/mfa/totp/disable', { recoveryCode: codes[0] });
      expect(old.status).toBe(400);
      expect((await signedIn.post('/api/me/mfa/totp/disable', { recoveryCode: renewed.body.codes[0] })).status).toBe(204);
    } else {
      expect((await signedIn.post('/api/me/mfa/totp/disable', { recoveryCode: codes[0] })).status).toBe(204);
    }
    expect(secret).toBeTruthy();
    server.secondFactor.forget(member.email);
    expect((await signedIn.get<SecondFactorStatus>('/api/me/mfa')).body.totp.enabled).toBe(false);
    const plain = await server.client().post<Me>('/api/auth/login', { email: member.email, password: member.password });
    expect(plain.body.signIn.factors).toEqual(['password']);
    expect((await auditEntries('auth.mfaDisabled')).some((e) => e.actor?.id === member.id)).toBe(true);
  });
});

describe('throttling wrong codes', () => {
  it('locks the second factor after five wrong codes, even for the right one, and audits each', async () => {
    const member = await newAccount('member');
    await enrol(member.client, member.email);
    const client = await passwordStep(member.email, member.password);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.post('/api/auth/login/second-factor', { code: String(100000 + i) })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const code = await server.secondFactor.nextCode(member.email);
    const locked = await client.post<ErrorBody>('/api/auth/login/second-factor', code ? { code } : { code: '000000' });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await auditEntries('auth.mfaFailed')).filter((e) => e.actor?.id === member.id)).toHaveLength(5);
  });
});
