/**
 * The person behind every request comes from the in-memory people view (server/users/peopleView.ts),
 * kept current through its change log: these tests write around the app to see where answers come
 * from, and check the view against the stored documents.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordViewChange } from '../server/db/viewFeed';
import { CollectionView } from '../server/db/collectionView';
import { hashPassword } from '../server/auth/password';
import { sessionKey } from '../server/auth/sessionCache';
import { OrganizationModel } from '../server/organizations/model';
import { PEOPLE_LOG, UserModel } from '../server/users/model';
import { peopleView, findUserWithOrganization } from '../server/users/peopleView';
import type { Me } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const db = () => mongoose.connection.db!;

describe('the signed-in person of a request', () => {
  it('comes from memory, and a change recorded by any process is seen by the next request', async () => {
    const dev = await server.signIn('dev@demo.example');
    const me = (await dev.get<Me>('/api/me')).body;
    const id = new mongoose.Types.ObjectId(me.id);
    // Around the app: nothing recorded, so the view (and every request) still has the old name.
    await UserModel.collection.updateOne({ _id: id }, { $set: { displayName: '書き換え 太郎' } });
    expect((await dev.get<Me>('/api/me')).body.displayName).toBe(me.displayName);
    // Recorded, as another app process's write would be: the next request reads it.
    await recordViewChange(db(), PEOPLE_LOG, me.id);
    expect((await dev.get<Me>('/api/me')).body.displayName).toBe('書き換え 太郎');

    // The organisation is in the same log.
    const orgId = new mongoose.Types.ObjectId(me.organization.id);
    await OrganizationModel.collection.updateOne({ _id: orgId }, { $set: { nameJa: '書き換え株式会社' } });
    expect((await dev.get<Me>('/api/me')).body.organization.nameJa).toBe(me.organization.nameJa);
    await recordViewChange(db(), PEOPLE_LOG, me.organization.id);
    expect((await dev.get<Me>('/api/me')).body.organization.nameJa).toBe('書き換え株式会社');
  });

  it('is signed out at once when an org admin deactivates them through the app', async () => {
    const admin = await server.signIn('dev-admin@demo.example');
    const orgId = (await admin.get<Me>('/api/me')).body.organization.id;
    const created = await admin.post<{ user: { id: string }; temporaryPassword: string }>(`/api/organizations/${orgId}/users`, {
      email: 'people-view@demo.example',
      displayName: '見出 花子',
    });
    expect(created.status).toBe(201);
    const person = await server.signIn('people-view@demo.example', created.body.temporaryPassword);
    expect((await person.get('/api/me')).status).toBe(200);
    expect((await admin.post(`/api/users/${created.body.user.id}/deactivate`)).status).toBe(200);
    expect((await person.get('/api/me')).status).toBe(401);
  });

  it('finds a person stored around the models (a bulk load), and keeps them', async () => {
    const org = await OrganizationModel.findOne({ kind: 'vendor' }).lean();
    const _id = new mongoose.Types.ObjectId();
    const at = new Date();
    await UserModel.collection.insertOne({
      _id,
      email: 'bulk-loaded@demo.example',
      displayName: '一括 登録',
      organization: org!._id,
      role: 'member',
      active: true,
      deactivatedBy: null,
      passwordHash: await hashPassword('bulk-loaded-password'),
      lastLoginAt: null,
      previousLoginAt: null,
      passwordChangedAt: null,
      createdAt: at,
      updatedAt: at,
      __v: 0,
    });
    const person = await server.signIn('bulk-loaded@demo.example', 'bulk-loaded-password');
    expect((await person.get<Me>('/api/me')).body).toMatchObject({ id: String(_id), displayName: '一括 登録' });
    expect((await peopleView.current()).get(String(_id))?.kind).toBe('user');
  });

  it('hands out copies: changing what a request got changes nothing kept', async () => {
    const dev = await server.signIn('dev2@demo.example');
    const { id } = (await dev.get<Me>('/api/me')).body;
    const first = (await findUserWithOrganization(id))!;
    const name = first.displayName;
    const domains = [...first.organization.emailDomains];
    first.displayName = '変更';
    first.organization.emailDomains.push('changed.example');
    first.lastLoginAt?.setFullYear(1999);
    const second = (await findUserWithOrganization(id))!;
    expect(second.displayName).toBe(name);
    expect([...second.organization.emailDomains]).toEqual(domains);
    expect(second.lastLoginAt?.getFullYear()).not.toBe(1999);
    expect(await findUserWithOrganization(String(new mongoose.Types.ObjectId()))).toBeNull();
  });

  it('has its session from memory too, forgotten by every process once a change to it is recorded', async () => {
    const dev = await server.signIn('dev@demo.example');
    expect((await dev.get('/api/me')).status).toBe(200);
    const sid = /council\.sid=s:([^.;]+)/.exec(decodeURIComponent(dev.cookieHeader))![1]!;
    // Deleted around the store: the session is still read from memory…
    await db()
      .collection('sessions')
      .deleteOne({ _id: sid as never });
    expect((await dev.get('/api/me')).status).toBe(200);
    // …until the deletion is recorded, as the store records its own writes.
    await recordViewChange(db(), PEOPLE_LOG, sessionKey(sid));
    expect((await dev.get('/api/me')).status).toBe(401);
  });

  it('reads nothing for a change that names no document (a session): an empty `$in` reads a whole collection on the embedded engine', async () => {
    const name = `no-documents-${new mongoose.Types.ObjectId().toHexString()}`;
    const loads: Array<number | null> = [];
    const view = new CollectionView(name, async (ids) => {
      loads.push(ids ? ids.length : null);
      return [];
    });
    await view.current();
    await recordViewChange(db(), name, sessionKey('abcdefghijklmnopqrstuvwxyz012345'));
    await view.current();
    expect(loads).toEqual([null]);
    await recordViewChange(db(), name, new mongoose.Types.ObjectId().toHexString());
    await view.current();
    expect(loads).toEqual([null, 1]);
  });

  it('holds what the database holds', async () => {
    const rows = await peopleView.current();
    const users = await UserModel.find().lean();
    const organizations = await OrganizationModel.find().lean();
    const normal = (doc: unknown) => JSON.parse(JSON.stringify(doc)) as unknown;
    expect(rows.size).toBe(users.length + organizations.length);
    for (const user of users) expect(normal(rows.get(String(user._id))?.doc)).toEqual(normal(user));
    for (const org of organizations) expect(normal(rows.get(String(org._id))?.doc)).toEqual(normal(org));
  });
});
