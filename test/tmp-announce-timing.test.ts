import { afterAll, beforeAll, expect, it } from 'vitest';
import { OrganizationModel } from '../server/organizations/model';
import { UserModel } from '../server/users/model';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => server?.close());

it('publishes to 2,000 people quickly', async () => {
  const orgs = await OrganizationModel.find({ kind: 'vendor' }, { _id: 1 }).lean();
  const docs = Array.from({ length: 2000 }, (_, i) => ({
    email: `bulk-${i}@example.jp`, displayName: `人 ${i}`, organization: orgs[i % orgs.length]!._id, role: 'member', passwordHash: 'x',
  }));
  await UserModel.insertMany(docs);
  const s = await server.signIn('secretariat@demo.example');
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const a = await s.post<{ id: string }>('/api/announcements', { title: `t${i}`, body: 'b', mustConfirm: true, audience: { kind: 'everyone' } });
    const t0 = performance.now();
    const res = await s.post(`/api/announcements/${a.body.id}/publish`);
    times.push(performance.now() - t0);
    expect(res.status).toBe(200);
  }
  console.log('publish ms', times.map((t) => t.toFixed(0)).join(' '));
  const t1 = performance.now();
  await server.council.routes.length;
  console.log('settled wait start');
}, 120_000);
