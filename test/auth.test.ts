import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { SESSIONS_COLLECTION, sweepExpiredSessions } from '../server/auth/session';
import { sessionKey } from '../server/auth/sessionCache';
import { recordViewChange } from '../server/db/viewFeed';
import { PEOPLE_LOG, UserModel } from '../server/users/model';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { ApiClient, connected } from './support/client';
import { startTestServer, type TestServer } from './support/server';
import type { ErrorBody, Me } from './support/json';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
});
afterAll(() => server.close());

describe('sign-in, session and sign-out', () => {
  it('signs in, answers /api/me with organisation, role, persona and abilities, and signs out', async () => {
    const client = server.client();
    expect((await client.get('/api/me')).status).toBe(401);

    // An org admin has a second factor: the right password alone signs nobody in yet.
    const password = await client.post('/api/auth/login', { email: 'Dev-Admin@Demo.Example ', password: 'council-demo' });
    expect(password.status).toBe(200);
    expect(password.body).toMatchObject({ mfa: 'required' });
    expect((await client.get('/api/me')).status).toBe(401);
    const login = await client.post<Me>('/api/auth/login/second-factor', await server.secondFactor.next('dev-admin@demo.example'));
    expect(login.status).toBe(200);
    expect(login.body.email).toBe('dev-admin@demo.example');
    expect(login.body).not.toHaveProperty('passwordHash');

    const me = await client.get<Me>('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      role: 'orgAdmin',
      persona: 'vendorAdmin',
      organization: { kind: 'vendor', vendorType: 'development' },
    });
    expect(me.body.abilities).toMatchObject({ 'account.manage': true, 'issue.transition': false, 'thread.readDevelopment': true });
    expect(me.body.lastLoginAt).not.toBeNull();

    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  it('sets an httpOnly, SameSite=Lax session cookie', async () => {
    const res = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dev@demo.example', password: 'council-demo' }),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('council.sid='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // only in production, behind HTTPS
  });

  it('issues a new session id at sign-in, so a planted session id is useless', async () => {
    const client = server.client();
    // A failed attempt does not create a session; get one by signing in and out first.
    await client.post('/api/auth/login', { email: 'dev@demo.example', password: 'council-demo' });
    const before = client.sessionCookie();
    await client.post('/api/auth/login', { email: 'dev2@demo.example', password: 'council-demo' });
    const after = client.sessionCookie();
    expect(before).toBeDefined();
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    // The old cookie no longer names a signed-in session.
    const stale = await fetch(`${server.baseUrl}/api/me`, { headers: { cookie: `council.sid=${before}` } });
    expect(stale.status).toBe(401);
  });

  it('invalidates the session on the server at sign-out, not only in the browser', async () => {
    const client = await server.signIn('support@demo.example');
    const cookie = client.sessionCookie();
    await client.post('/api/auth/logout');
    const replay = await fetch(`${server.baseUrl}/api/me`, { headers: { cookie: `council.sid=${cookie}` } });
    expect(replay.status).toBe(401);
  });

  it('refuses a wrong password or unknown address with the same 401', async () => {
    const wrong = await server.client().post<ErrorBody>('/api/auth/login', { email: 'mhlw@demo.example', password: 'nope' });
    const unknown = await server.client().post<ErrorBody>('/api/auth/login', { email: 'nobody@demo.example', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('locks an account after repeated failures with a 429 and Retry-After, even for the right password', async () => {
    const email = 'jlis@demo.example';
    for (let i = 0; i < 2; i++) expect((await server.client().post('/api/auth/login', { email, password: 'wrong' })).status).toBe(401);
    const third = await server.client().post<ErrorBody>('/api/auth/login', { email, password: 'wrong' });
    expect(third.status).toBe(429);
    const locked = await server.client().post<ErrorBody>('/api/auth/login', { email, password: 'council-demo' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other accounts are unaffected.
    expect((await server.client().post('/api/auth/login', { email: 'mhlw@demo.example', password: 'council-demo' })).status).toBe(200);
  });

  it('changes the password: the old one stops working, other sessions end, this one stays', async () => {
    const email = 'dev2@demo.example';
    const here = await server.signIn(email);
    const elsewhere = await server.signIn(email);
    const weak = await here.post<ErrorBody>('/api/me/password', { currentPassword: 'council-demo', newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.field).toBe('body.newPassword');
    const wrongCurrent = await here.post('/api/me/password', { currentPassword: 'not-it', newPassword: 'a-much-longer-passphrase' });
    expect(wrongCurrent.status).toBe(401);

    expect((await here.post('/api/me/password', { currentPassword: 'council-demo', newPassword: 'a-much-longer-passphrase' })).status).toBe(
      204,
    );
    expect((await here.get('/api/me')).status).toBe(200);
    expect((await elsewhere.get('/api/me')).status).toBe(401);
    expect((await server.client().post('/api/auth/login', { email, password: 'council-demo' })).status).toBe(401);
    expect((await server.client().post('/api/auth/login', { email, password: 'a-much-longer-passphrase' })).status).toBe(200);
    const user = await UserModel.findOne({ email });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe('the previous sign-in', () => {
  it('keeps the sign-in before this one apart from this one, so 前回のログイン is not the current session', async () => {
    // An account that signs in with its password alone (an observer: no second factor).
    const email = 'mhlw@demo.example';
    const first = await server.client().post<Me>('/api/auth/login', { email, password: 'council-demo' });
    expect(first.status).toBe(200);
    const second = await server.client().post<Me>('/api/auth/login', { email, password: 'council-demo' });
    expect(second.body.previousLoginAt).toBe(first.body.lastLoginAt);
    expect(new Date(second.body.lastLoginAt!).getTime()).toBeGreaterThanOrEqual(new Date(first.body.lastLoginAt!).getTime());
    const third = await server.client().post<Me>('/api/auth/login', { email, password: 'council-demo' });
    expect(third.body.previousLoginAt).toBe(second.body.lastLoginAt);
    // And /api/me says the same as the sign-in did.
    const client = server.client();
    const fourth = await client.post<Me>('/api/auth/login', { email, password: 'council-demo' });
    const me = await client.get<Me>('/api/me');
    expect(me.body.previousLoginAt).toBe(third.body.lastLoginAt);
    expect(me.body.lastLoginAt).toBe(fourth.body.lastLoginAt);
  });

  it('has no previous sign-in at the first one', async () => {
    const secretariat = await server.signIn('secretariat@demo.example');
    // A vendor's account (the secretariat's own organisation has secretariat accounts only).
    const vendor = (await (await server.signIn('dev@demo.example')).get<Me>('/api/me')).body;
    const email = `first-${Date.now()}@demo.example`;
    const created = await secretariat.post<{ temporaryPassword: string }>(`/api/organizations/${vendor.organization.id}/users`, {
      email,
      displayName: '初回 太郎',
    });
    expect(created.status).toBe(201);
    const login = await server.client().post<Me>('/api/auth/login', { email, password: created.body.temporaryPassword });
    expect(login.status).toBe(200);
    expect(login.body.previousLoginAt).toBeNull();
    expect(login.body.lastLoginAt).not.toBeNull();
  });
});

describe('session timeouts (the stored session is aged, not the clock)', () => {
  const sessions = () =>
    mongoose.connection.collection<{ _id: string; expires: Date; session: { signedInAt?: number } }>(SESSIONS_COLLECTION);
  // Written around the store, so recorded as the store records its own writes (server/auth/sessionCache.ts).
  const storedElsewhere = (id: string) => recordViewChange(mongoose.connection.db!, PEOPLE_LOG, sessionKey(id));
  const storedId = (client: { sessionCookie(): string | undefined }) => {
    // The cookie is `s:<id>.<signature>`, URI-encoded.
    const value = decodeURIComponent(client.sessionCookie()!);
    return value.slice(2, value.lastIndexOf('.'));
  };

  it('ends a session unused for longer than the idle limit, and the sweeper deletes it', async () => {
    const client = await server.signIn('dev@demo.example');
    const id = storedId(client);
    expect(await sessions().countDocuments({ _id: id })).toBe(1);
    await sessions().updateOne({ _id: id }, { $set: { expires: new Date(Date.now() - 1_000) } });
    await storedElsewhere(id);
    expect((await client.get('/api/me')).status).toBe(401);
    expect(await sweepExpiredSessions()).toBeGreaterThanOrEqual(1);
    expect(await sessions().countDocuments({ _id: id })).toBe(0);
  });

  it('ends a session older than the absolute limit however busy it is', async () => {
    const client = await server.signIn('dev@demo.example');
    expect((await client.get('/api/me')).status).toBe(200);
    const id = storedId(client);
    const thirteenHoursAgo = Date.now() - 13 * 3_600_000;
    await sessions().updateOne({ _id: id }, { $set: { 'session.signedInAt': thirteenHoursAgo } });
    await storedElsewhere(id);
    // The socket handshake applies the same limit (and ends the stored session)…
    const socket = client.socket();
    await expect(connected(socket)).rejects.toThrow();
    socket.close();
    expect(await sessions().countDocuments({ _id: id })).toBe(0);
    // …and so does HTTP.
    expect((await client.get('/api/me')).status).toBe(401);
  });
});

describe('login throttling per address', () => {
  it('counts failures from one address across accounts, never successes, and then refuses it with 429', async () => {
    const strict = await startTestServerOnSameDatabase();
    try {
      // The counts are kept in the database this file's other tests share: an address of its own
      // (through a trusted proxy) starts from none.
      const from = { 'x-forwarded-for': '198.51.100.7' };
      // A whole company signing in from one address is fine: successes never count.
      for (let i = 0; i < 6; i++)
        expect(
          (await strict.client().post('/api/auth/login', { email: 'support@demo.example', password: 'council-demo' }, from)).status,
        ).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await strict.client().post('/api/auth/login', { email: `x${i}@demo.example`, password: 'x' }, from)).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const refused = await strict
        .client()
        .post<ErrorBody>('/api/auth/login', { email: 'support@demo.example', password: 'council-demo' }, from);
      expect(refused.status).toBe(429);
      expect(refused.body.error.message).toMatch(/this address/);
    } finally {
      await strict.council.close();
    }
  });
});

/** A second app on the same database with a tight per-address limit. */
async function startTestServerOnSameDatabase() {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', LOGIN_MAX_ATTEMPTS_PER_IP: '4', TRUST_PROXY: 'true' });
  const council = createApp({ config, sessionSecret: 'x'.repeat(32), serveClient: false });
  await new Promise<void>((resolve) => council.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = council.server.address() as AddressInfo;
  return { council, client: () => new ApiClient(`http://127.0.0.1:${port}`) };
}
