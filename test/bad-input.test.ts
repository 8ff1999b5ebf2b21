/** Bad input gets a 4xx naming the problem, never a 500, and changes nothing stored. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizationModel } from '../server/organizations/model';
import { UserModel } from '../server/users/model';
import type { ApiClient } from './support/client';
import { startTestServer, type TestServer } from './support/server';
import type { ErrorBody, Me } from './support/json';

let server: TestServer;
let secretariat: ApiClient;
let admin: ApiClient;
let orgId: string;
beforeAll(async () => {
  server = await startTestServer();
  secretariat = await server.signIn('secretariat@demo.example');
  admin = await server.signIn('dev-admin@demo.example');
  orgId = (await admin.get<Me>('/api/me')).body.organization.id;
});
afterAll(() => server.close());

async function snapshot() {
  return {
    users: await UserModel.countDocuments({}),
    orgs: await OrganizationModel.countDocuments({}),
    admin: JSON.stringify(await UserModel.findOne({ email: 'dev-admin@demo.example' }).lean()),
  };
}

describe('request bodies', () => {
  const cases: Array<[string, string, string | undefined, number, string | undefined]> = [
    ['malformed JSON', '{"email": "a@b.jp",', undefined, 400, 'body'],
    ['a JSON string instead of an object', '"hello"', undefined, 400, 'body'],
    ['an operator object where a string is expected', '{"email":{"$gt":""},"password":"x"}', undefined, 400, 'body.email'],
    ['a number where a string is expected', '{"email":"a@b.jp","password":12345}', undefined, 400, 'body.password'],
    ['an unknown field', '{"email":"a@b.jp","password":"x","admin":true}', undefined, 400, 'body.admin'],
    ['a prototype-pollution key', '{"email":"a@b.jp","password":"x","__proto__":{"role":"secretariat"}}', undefined, 400, 'body.__proto__'],
    ['a missing field', '{"email":"a@b.jp"}', undefined, 400, 'body.password'],
    ['a non-e-mail', '{"email":"not-an-address","password":"x"}', undefined, 400, 'body.email'],
    ['a body over the size limit', JSON.stringify({ email: 'a@b.jp', password: 'x'.repeat(200_000) }), undefined, 413, undefined],
  ];
  it.each(cases)('login with %s → %i naming the field', async (_name, raw, _ct, status, field) => {
    const res = await server.client().request<ErrorBody>('POST', '/api/auth/login', { raw });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toMatch(/bad_request|payload_too_large/);
    if (field) expect(res.body.error.field).toBe(field);
    expect(res.body.error.message.length).toBeGreaterThan(0);
  });

  it('refuses bad account input with a 400 and stores nothing', async () => {
    const before = await snapshot();
    const bodies = [
      { email: 'ok@example.jp', displayName: '' },
      { email: 'ok@example.jp', displayName: 'x'.repeat(101) },
      { email: 'ok@example.jp', displayName: 'ok', role: 'emperor' },
      { email: ['a@example.jp'], displayName: 'ok' },
      { email: 'ok@example.jp', displayName: { $ne: null } },
      { email: 'ok@example.jp', displayName: 'ok', organization: orgId },
    ];
    for (const body of bodies) {
      const res = await admin.post<ErrorBody>(`/api/organizations/${orgId}/users`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field, JSON.stringify(body)).toMatch(/^body\./);
    }
    expect((await admin.patch<ErrorBody>(`/api/users/${'0'.repeat(24)}`, {})).status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad organisation input (unknown business area, wrong kind, bad key)', async () => {
    const before = await snapshot();
    const base = { kind: 'vendor', key: 'valid-key', vendorType: 'support', corporateNumber: '7000012050002', nameJa: 'x', nameEn: 'x' };
    const cases: Array<[object, string]> = [
      [{ ...base, businessAreas: ['space-tourism'] }, 'body.businessAreas.0'],
      [{ ...base, kind: 'empire' }, 'body.kind'],
      [{ ...base, key: 'Not Valid!' }, 'body.key'],
      [{ ...base, vendorType: 'reseller' }, 'body.vendorType'],
    ];
    for (const [body, field] of cases) {
      const res = await secretariat.post<ErrorBody>('/api/organizations', body);
      expect(res.status, field).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('paths and query strings', () => {
  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const bad = await admin.get<ErrorBody>('/api/organizations/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('params.id');
    expect((await admin.get('/api/organizations/0123456789abcdef01234567')).status).toBe(404);
  });

  it('refuses operators, repeated and unknown query parameters', async () => {
    for (const query of ['kind[$ne]=vendor', 'kind=vendor&kind=observer', 'businessArea=moon-base', 'colour=blue']) {
      const res = await admin.get<ErrorBody>(`/api/organizations?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.field, query).toMatch(/^query\./);
    }
  });

  it('answers JSON 404 for an unknown API path', async () => {
    const res = await admin.get<ErrorBody>('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('cross-site requests', () => {
  it('refuses a state-changing request from another origin, before any effect', async () => {
    const res = await server
      .client()
      .post<ErrorBody>('/api/auth/login', { email: 'dev@demo.example', password: 'council-demo' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/cross-site/);
    const fetchSite = await server
      .client()
      .post('/api/auth/login', { email: 'dev@demo.example', password: 'council-demo' }, { 'sec-fetch-site': 'cross-site' });
    expect(fetchSite.status).toBe(403);
    const sameOrigin = await server
      .client()
      .post('/api/auth/login', { email: 'dev@demo.example', password: 'council-demo' }, { origin: server.baseUrl });
    expect(sameOrigin.status).toBe(200);
  });

  it('sends the security headers', async () => {
    const res = await server.client().get('/api/health');
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('the process keeps serving', () => {
  it('still answers after all of the above', async () => {
    expect((await server.client().get('/api/health')).status).toBe(200);
    expect((await admin.get('/api/me')).status).toBe(200);
  });
});
