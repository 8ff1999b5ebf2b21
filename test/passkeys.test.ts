/**
 * Passkeys on the real server and database, answered by a software authenticator
 * (support/softAuthenticator.ts) so that every error path runs without a browser: registration
 * (which lets a held org admin out of enrolment), the second step after a password, signing in
 * with a passkey alone, and what is refused — malformed input (400 naming the field), an answer
 * without options or a second answer to one challenge (409), another person's passkey, a removed
 * one, a sign count that went backwards, another site's origin, no user verification.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPage } from '../shared/schemas/audit';
import type { Passkey, PasskeyList } from '../shared/schemas/passkeys';
import { ApiClient } from './support/client';
import type { ErrorBody, Me, User } from './support/json';
import { authenticate, register, type SoftPasskey } from './support/softAuthenticator';
import { startTestServer, type TestServer } from './support/server';

interface Options {
  challenge: string;
  rp?: { id: string };
  rpId?: string;
  user?: { id: string };
  allowCredentials?: { id: string }[];
  userVerification?: string;
  authenticatorSelection?: { residentKey?: string; userVerification?: string };
}

let server: TestServer;
let secretariat: ApiClient;
let devOrgId: string;
beforeAll(async () => {
  server = await startTestServer();
  secretariat = await server.signIn('secretariat@demo.example');
  devOrgId = (await (await server.signIn('dev@demo.example')).get<Me>('/api/me')).body.organization.id;
});
afterAll(() => server.close());

let made = 0;
async function newOrgAdmin() {
  const email = `passkey-${++made}-${Date.now()}@example.jp`;
  const created = await secretariat.post<{ user: User; temporaryPassword: string }>(`/api/organizations/${devOrgId}/users`, {
    email,
    displayName: `鍵 ${made}`,
    role: 'orgAdmin',
  });
  expect(created.status).toBe(201);
  const client = server.client();
  const login = await client.post<Me>('/api/auth/login', { email, password: created.body.temporaryPassword });
  expect(login.body.signIn.enrolmentRequired).toBe(true);
  return { email, password: created.body.temporaryPassword, id: created.body.user.id, client };
}

/** Register a passkey for a signed-in client through the API, as the browser would. */
async function addPasskey(client: ApiClient, name = 'ノートPC') {
  const options = await client.post<Options>('/api/me/passkeys/options');
  expect(options.status).toBe(200);
  const { passkey, response } = register(options.body, server.baseUrl);
  const added = await client.post<Passkey>('/api/me/passkeys', { name, response });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  return { passkey, added: added.body };
}

async function signInWith(
  client: ApiClient,
  passkey: SoftPasskey,
  tweak: Parameters<typeof authenticate>[3] = {},
  origin = server.baseUrl,
) {
  const options = await client.post<Options>('/api/auth/login/passkey/options');
  expect(options.status).toBe(200);
  return {
    options: options.body,
    res: await client.post<Me & ErrorBody>('/api/auth/login/passkey', { response: authenticate(passkey, options.body, origin, tweak) }),
  };
}

async function auditEntries(action: string): Promise<AuditEntry[]> {
  return (await secretariat.get<AuditPage>('/api/audit?category=auth&limit=200')).body.entries.filter((e) => e.action === action);
}

describe('registering a passkey', () => {
  it('lets a held org admin out of enrolment with a passkey, and then signs in with it in either way', async () => {
    const admin = await newOrgAdmin();
    expect((await admin.client.get<PasskeyList>('/api/me/passkeys')).body).toEqual({ passkeys: [], canRemoveLast: false });
    const options = await admin.client.post<Options>('/api/me/passkeys/options');
    expect(options.body.rp?.id).toBe('127.0.0.1');
    expect(options.body.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    const { passkey, response } = register(options.body, server.baseUrl);
    const added = await admin.client.post<Passkey>('/api/me/passkeys', { name: '  ノートPC ', response });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: passkey.id, name: 'ノートPC', lastUsedAt: null });

    expect((await admin.client.get<Me>('/api/me')).body.signIn).toMatchObject({
      factors: ['password', 'passkey'],
      enrolmentRequired: false,
    });
    expect((await admin.client.get('/api/threads')).status).toBe(200);
    expect((await auditEntries('auth.passkeyAdded')).some((e) => e.actor?.id === admin.id && e.detail.name === 'ノートPC')).toBe(true);

    // (b) The second step after the password: the answer offers the passkey.
    const step = server.client();
    const login = await step.post<{ mfa: string; methods: string[] }>('/api/auth/login', { email: admin.email, password: admin.password });
    expect(login.body).toMatchObject({ mfa: 'required', methods: ['passkey'] });
    expect((await step.get('/api/me')).status).toBe(401);
    const second = await signInWith(step, passkey);
    expect(second.options.allowCredentials?.map((c) => c.id)).toEqual([passkey.id]);
    expect(second.res.status).toBe(200);
    expect(second.res.body.signIn).toMatchObject({ factors: ['password', 'passkey'], enrolmentRequired: false });

    // (a) On its own: no password, any passkey of this site, user verification required.
    const alone = server.client();
    const first = await signInWith(alone, passkey);
    expect(first.options.allowCredentials ?? []).toEqual([]);
    expect(first.options.userVerification).toBe('required');
    expect(first.res.status).toBe(200);
    expect(first.res.body).toMatchObject({ id: admin.id, signIn: { factors: ['passkey'], enrolmentRequired: false } });
    expect((await alone.get('/api/threads')).status).toBe(200);
    const list = (await alone.get<PasskeyList>('/api/me/passkeys')).body;
    expect(list.passkeys[0]!.lastUsedAt).not.toBeNull();
    const logins = (await auditEntries('auth.login')).filter((e) => e.actor?.id === admin.id);
    expect(logins.map((e) => e.detail.factors)).toContainEqual(['passkey']);
  });

  it('names the field of malformed input', async () => {
    const admin = await newOrgAdmin();
    const options = await admin.client.post<Options>('/api/me/passkeys/options');
    const { response } = register(options.body, server.baseUrl);
    const cases: Array<[unknown, string]> = [
      [{ response }, 'body.name'],
      [{ name: '   ', response }, 'body.name'],
      [{ name: 'x'.repeat(61), response }, 'body.name'],
      [{ name: '鍵' }, 'body.response'],
      [{ name: '鍵', response: { ...response, id: 'not base64url!' } }, 'body.response.id'],
      [{ name: '鍵', response: { ...response, type: 'password' } }, 'body.response.type'],
      [{ name: '鍵', response: { ...response, response: { clientDataJSON: 'abc' } } }, 'body.response.response.attestationObject'],
      [{ name: '鍵', response, extra: true }, 'body.extra'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.client.post<ErrorBody>('/api/me/passkeys', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    const signIn = await server.client().post<ErrorBody>('/api/auth/login/passkey', { response: { id: 'abc' } });
    expect(signIn.status).toBe(400);
    expect(signIn.body.error.field).toMatch(/^body\.response\./);
  });

  it('refuses an answer without options, a second answer to one challenge, and a forged one', async () => {
    const admin = await newOrgAdmin();
    const options = await admin.client.post<Options>('/api/me/passkeys/options');
    const { response } = register(options.body, server.baseUrl);
    // Another session never asked for options.
    const other = server.client();
    await other.post('/api/auth/login', { email: admin.email, password: admin.password });
    expect((await other.post<ErrorBody>('/api/me/passkeys', { name: '鍵', response })).status).toBe(409);

    // Another site's origin (a phishing page relaying the challenge): refused, and the challenge is used up.
    const phished = register(options.body, 'https://council.example.evil');
    const refused = await admin.client.post<ErrorBody>('/api/me/passkeys', { name: '鍵', response: phished.response });
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe('body.response');
    expect((await admin.client.post<ErrorBody>('/api/me/passkeys', { name: '鍵', response })).status).toBe(409);

    // Without user verification it does not count as a factor.
    const again = await admin.client.post<Options>('/api/me/passkeys/options');
    const unverified = register(again.body, server.baseUrl, { userVerified: false });
    expect((await admin.client.post<ErrorBody>('/api/me/passkeys', { name: '鍵', response: unverified.response })).status).toBe(400);
    expect((await admin.client.get<PasskeyList>('/api/me/passkeys')).body.passkeys).toEqual([]);
    expect((await admin.client.get('/api/threads')).status).toBe(403);

    // Sign-in answers without options.
    expect(
      (
        await server
          .client()
          .post<ErrorBody>('/api/auth/login/passkey', { response: authenticate(phished.passkey, { challenge: 'AAAA' }, server.baseUrl) })
      ).status,
    ).toBe(409);
  });
});

describe('signing in with a passkey', () => {
  it("refuses another person's passkey after a password, a cloned one (sign count going back), another site, and no user verification alone", async () => {
    const a = await newOrgAdmin();
    const b = await newOrgAdmin();
    const { passkey: keyA } = await addPasskey(a.client);
    await addPasskey(b.client);

    const pendingB = server.client();
    expect((await pendingB.post<{ methods: string[] }>('/api/auth/login', { email: b.email, password: b.password })).body.methods).toEqual([
      'passkey',
    ]);
    const wrongUser = await signInWith(pendingB, keyA);
    expect(wrongUser.res.status).toBe(401);
    expect(wrongUser.res.body.error.field).toBe('body.response');
    expect((await pendingB.get('/api/me')).status).toBe(401);

    expect((await signInWith(server.client(), keyA)).res.status).toBe(200);
    expect((await signInWith(server.client(), keyA)).res.status).toBe(200);
    const cloned = await signInWith(server.client(), keyA, { counter: 1 });
    expect(cloned.res.status).toBe(401);
    expect(cloned.res.body.error.field).toBe('body.response');

    const phished = await signInWith(server.client(), keyA, {}, 'https://council.example.evil');
    expect(phished.res.status).toBe(401);
    const unverified = await signInWith(server.client(), keyA, { userVerified: false });
    expect(unverified.res.status).toBe(401);
    const failures = (await auditEntries('auth.mfaFailed')).filter((e) => e.target?.id === a.id && e.detail.method === 'passkey');
    expect(failures.length).toBe(3);
  });

  it('keeps the last second factor of an org admin, removes others, and refuses a removed passkey', async () => {
    const admin = await newOrgAdmin();
    const { passkey: first, added } = await addPasskey(admin.client, '一つ目');
    const only = await admin.client.delete<ErrorBody>(`/api/me/passkeys/${added.id}`);
    expect(only.status).toBe(403);
    expect((await admin.client.delete<ErrorBody>('/api/me/passkeys/not%20an%20id')).body.error.field).toBe('params.id');
    const second = await addPasskey(admin.client, '二つ目');
    expect((await admin.client.get<PasskeyList>('/api/me/passkeys')).body.passkeys.map((p) => p.name)).toEqual(['一つ目', '二つ目']);

    // Not someone else's.
    const other = await newOrgAdmin();
    await addPasskey(other.client);
    expect((await other.client.delete(`/api/me/passkeys/${added.id}`)).status).toBe(404);

    expect((await admin.client.delete(`/api/me/passkeys/${added.id}`)).status).toBe(204);
    expect((await auditEntries('auth.passkeyRemoved')).some((e) => e.actor?.id === admin.id && e.detail.name === '一つ目')).toBe(true);
    const removed = await signInWith(server.client(), first);
    expect(removed.res.status).toBe(401);
    expect((await signInWith(server.client(), second.passkey)).res.status).toBe(200);
  });

  it('counts wrong passkey answers on the second-factor throttle', async () => {
    const admin = await newOrgAdmin();
    const { passkey } = await addPasskey(admin.client);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await signInWith(server.client(), passkey, { userVerified: false })).res.status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    // Locked even for a right answer.
    expect((await signInWith(server.client(), passkey)).res.status).toBe(429);
  });

  it('is taken away by the secretariat reset with the rest of the second factor', async () => {
    const admin = await newOrgAdmin();
    const { passkey } = await addPasskey(admin.client);
    expect((await secretariat.post(`/api/users/${admin.id}/mfa/reset`)).status).toBe(200);
    expect((await signInWith(server.client(), passkey)).res.status).toBe(401);
    const back = await server.client().post<Me>('/api/auth/login', { email: admin.email, password: admin.password });
    expect(back.body.signIn.enrolmentRequired).toBe(true);
  });
});
