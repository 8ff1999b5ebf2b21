import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from './support/client';
import { startTestServer, type TestServer } from './support/server';
import type { OrganizationList } from './support/json';

let server: TestServer;
let observer: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  observer = await server.signIn('mhlw@demo.example');
});
afterAll(() => server.close());

describe('the organisation directory', () => {
  it('is for signed-in people only', async () => {
    expect((await server.client().get('/api/organizations')).status).toBe(401);
    expect((await server.client().get('/api/business-areas')).status).toBe(401);
  });

  it('filters by kind and vendor type, with matching counts', async () => {
    const dev = await observer.get<OrganizationList>('/api/organizations?kind=vendor&vendorType=development');
    expect(dev.body.organizations).toHaveLength(67);
    expect(dev.body.counts).toEqual({ total: 67, byKind: { secretariat: 0, vendor: 67, observer: 0 }, byVendorType: { development: 67, support: 0 } });
    const observers = await observer.get<OrganizationList>('/api/organizations?kind=observer');
    expect(observers.body.counts.total).toBe(9);
    const secretariat = await observer.get<OrganizationList>('/api/organizations?kind=secretariat');
    expect(secretariat.body.organizations.map((o) => o.key)).toEqual(['digital-agency']);
  });

  it('filters by business area', async () => {
    const all = await observer.get<OrganizationList>('/api/organizations?kind=vendor');
    const expected = all.body.organizations.filter((o) => o.businessAreas.includes('national-pension')).map((o) => o.id).sort();
    const filtered = await observer.get<OrganizationList>('/api/organizations?kind=vendor&businessArea=national-pension');
    expect(filtered.body.organizations.map((o) => o.id).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(182);
    // The MHLW observer "serves" the areas it is responsible for.
    const ministries = await observer.get<OrganizationList>('/api/organizations?kind=observer&businessArea=national-pension');
    expect(ministries.body.organizations.map((o) => o.key)).toEqual(['mhlw']);
  });

  it('pages the vendors in the directory’s order, with the total, and the choices of type with the other filters kept', async () => {
    const all = (await observer.get<OrganizationList>('/api/organizations?kind=vendor')).body;
    expect(all.paging).toBeUndefined();
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const res = await observer.get<OrganizationList>(`/api/organizations?kind=vendor&page=${page}&pageSize=50`);
      expect(res.status).toBe(200);
      expect(res.body.paging).toEqual({ page, pageSize: 50 });
      expect(res.body.counts).toEqual(all.counts);
      seen.push(...res.body.organizations.map((o) => o.id));
      if (res.body.organizations.length < 50) break;
    }
    expect(seen).toEqual(all.organizations.map((o) => o.id));
    // `page` alone gives the default page size.
    const first = (await observer.get<OrganizationList>('/api/organizations?kind=vendor&page=1')).body;
    expect(first.paging).toEqual({ page: 1, pageSize: 30 });
    expect(first.organizations).toHaveLength(30);
    // A type chosen: its count, and what the other type would show.
    const dev = (await observer.get<OrganizationList>('/api/organizations?kind=vendor&vendorType=development&page=2&pageSize=20')).body;
    expect(dev.counts.total).toBe(67);
    expect(dev.facets.vendorType).toEqual({ development: 67, support: 115 });
    expect(dev.organizations.every((o) => o.vendorType === 'development')).toBe(true);
    for (const query of ['page=0', 'pageSize=201', 'page=x', 'q=', 'page=1&page=2']) {
      expect((await observer.get(`/api/organizations?${query}`)).status, query).toBe(400);
    }
  });

  it('finds organisations by part of a name (full- or half-width, any case) or a corporate number', async () => {
    const vendors = (await observer.get<OrganizationList>('/api/organizations?kind=vendor')).body.organizations;
    const one = vendors.find((o) => /[A-Za-z]{3}/.test(o.nameEn))!;
    const part = one.nameEn.match(/[A-Za-z]{3,}/)![0];
    const wide = [...part.toUpperCase()].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const byName = (await observer.get<OrganizationList>(`/api/organizations?kind=vendor&q=${encodeURIComponent(wide)}`)).body;
    expect(byName.organizations.map((o) => o.id)).toContain(one.id);
    expect(byName.organizations.every((o) => `${o.nameJa} ${o.nameEn}`.normalize('NFKC').toLowerCase().includes(part.toLowerCase()))).toBe(true);
    const byNumber = (await observer.get<OrganizationList>(`/api/organizations?q=${one.corporateNumber}`)).body;
    expect(byNumber.organizations.map((o) => o.id)).toEqual([one.id]);
    const ja = (await observer.get<OrganizationList>(`/api/organizations?q=${encodeURIComponent('厚生労働')}`)).body;
    expect(ja.organizations.map((o) => o.key)).toEqual(['mhlw']);
  });

  it('orders the secretariat first, then observers, then vendors', async () => {
    const all = await observer.get<OrganizationList>('/api/organizations');
    const kinds = all.body.organizations.map((o) => o.kind);
    expect(kinds[0]).toBe('secretariat');
    expect(kinds.slice(1, 10).every((k) => k === 'observer')).toBe(true);
    expect(kinds.slice(10).every((k) => k === 'vendor')).toBe(true);
  });

  it('shows one organisation', async () => {
    const all = await observer.get<OrganizationList>('/api/organizations?kind=observer');
    const jlis = all.body.organizations.find((o) => o.key === 'jlis')!;
    const one = await observer.get<{ nameJa: string; observerKind: string }>(`/api/organizations/${jlis.id}`);
    expect(one.body).toMatchObject({ nameJa: '地方公共団体情報システム機構（J-LIS）', observerKind: 'body' });
  });
});

describe('the OpenAPI description', () => {
  it('is OpenAPI 3.1, generated from the routes, with schemas from the shared zod definitions', async () => {
    const res = await server.client().get<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; parameters?: Array<{ name: string; in: string }> }>>; components: { schemas: Record<string, unknown> } }>('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const route of server.council.routes) {
      const path = `/api${route.spec.path.replace(/:(\w+)/g, '{$1}')}`;
      expect(res.body.paths[path]?.[route.spec.method], `${route.spec.method} ${path}`).toBeDefined();
    }
    expect(res.body.paths['/api/auth/login']!.post!.requestBody).toBeDefined();
    expect(res.body.paths['/api/organizations']!.get!.parameters!.map((p) => p.name).sort()).toEqual(['businessArea', 'kind', 'page', 'pageSize', 'q', 'vendorType']);
    expect(Object.keys(res.body.components.schemas)).toEqual(expect.arrayContaining(['Organization', 'User', 'Me', 'Error']));
  });
});
