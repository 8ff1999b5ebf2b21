/**
 * The audit log on the real server: privileged and security-relevant acts are recorded with who,
 * what, when and from where; only the secretariat reads it; the hash chain shows any change.
 */
import { spawnSync } from 'node:child_process';
import mongoose from 'mongoose';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { AuditEntry, AuditPage, AuditVerification } from '../shared/schemas/audit';
import type { Issue } from '../shared/schemas/issues';
import type { Meeting } from '../shared/schemas/meetings';
import type { ApiClient } from './support/client';
import { ok, openSocket, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let secretariat: ApiClient;
let dev: ApiClient;
let mhlw: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  [secretariat, dev, mhlw] = await server.signInAll('secretariat@demo.example', 'dev@demo.example', 'mhlw@demo.example');
});
afterAll(() => server.close());

const page = async (query = '') => {
  const res = await secretariat.get<AuditPage>(`/api/audit${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const latest = async (action: string) => (await page('?limit=200')).entries.find((e) => e.action === action);
const collection = () => mongoose.connection.db!.collection('auditlog');

describe('what goes on the record', () => {
  it('records sign-ins and failed sign-ins with the address they came from', async () => {
    expect((await server.client().post('/api/auth/login', { email: 'dev@demo.example', password: 'wrong-password' })).status).toBe(401);
    const failed = await latest('auth.loginFailed');
    expect(failed).toMatchObject({
      actor: null,
      detail: { email: 'dev@demo.example', reason: 'credentials' },
      origin: { channel: 'http' },
    });
    expect(failed!.origin.ip).toMatch(/127\.0\.0\.1/);

    await server.signIn('dev2@demo.example');
    const login = await latest('auth.login');
    expect(login).toMatchObject({ actor: { displayName: '高橋 誠', role: 'member' }, origin: { channel: 'http' } });
    expect(Date.now() - Date.parse(login!.at)).toBeLessThan(60_000);
  });

  it('records moderation done over a socket, an issue transition and an export, each with its actor and target', async () => {
    const { message } = await startThread(dev, { title: '監査テスト' });
    const socket = await openSocket(secretariat);
    await ok(socket, 'message.hide', { messageId: message.id, reason: '個人情報を含むため' });
    socket.close();
    const hide = await latest('moderation.hide');
    expect(hide).toMatchObject({
      actor: { displayName: '山田 花子', role: 'secretariat' },
      target: { kind: 'message', id: message.id },
      detail: { reason: '個人情報を含むため' },
      origin: { channel: 'socket' },
    });
    // Taken at the handshake and kept after the handshake request itself was let go.
    expect(hide!.origin.ip).toMatch(/127\.0\.0\.1/);

    const raised = await dev.post<Issue>('/api/issues', {
      title: '監査対象の課題',
      description: '説明',
      businessAreas: ['resident-register'],
      category: 'spec',
    });
    expect(raised.status).toBe(201);
    expect((await secretariat.post(`/api/issues/${raised.body.id}/transition`, { to: 'accepted' })).status).toBe(200);
    expect(await latest('issue.transitioned')).toMatchObject({
      target: { kind: 'issue', id: raised.body.id, label: raised.body.number },
      detail: { to: 'accepted' },
    });

    expect((await mhlw.download('/api/issues/export.csv?status=accepted')).status).toBe(200);
    expect(await latest('export.issues')).toMatchObject({
      actor: { organization: '厚生労働省' },
      detail: { format: 'csv', rows: 1, filter: { status: ['accepted'] } },
    });
  });

  it('records account changes', async () => {
    const users = await secretariat.get<{ users: Array<{ id: string; email: string }> }>(
      `/api/organizations/${(await dev.get<{ organization: { id: string } }>('/api/me')).body.organization.id}/users`,
    );
    const target = users.body.users.find((u) => u.email === 'dev@demo.example')!;
    expect((await secretariat.patch(`/api/users/${target.id}`, { displayName: '鈴木 美咲（改）' })).status).toBe(200);
    expect(await latest('account.updated')).toMatchObject({
      target: { kind: 'user', id: target.id, label: 'dev@demo.example' },
      detail: { change: { displayName: '鈴木 美咲（改）' } },
    });
  });
  it('records what a service does however it is called: an answer written by publishing minutes is on the record (issue 17)', async () => {
    const issue = (
      await dev.post<Issue>('/api/issues', {
        title: '議事録から回答',
        description: '説明',
        businessAreas: ['national-pension'],
        category: 'spec',
      })
    ).body;
    expect((await secretariat.post(`/api/issues/${issue.id}/transition`, { to: 'accepted' })).status).toBe(200);
    const startsAt = new Date(Date.now() + 86_400_000);
    const m = (
      await secretariat.post<Meeting>('/api/meetings', {
        kind: 'plenary',
        title: '監査の全体会議',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        agenda: [{ title: '議題', minutes: 10 }],
      })
    ).body;
    for (const to of ['scheduled', 'live', 'ended'])
      expect((await secretariat.post(`/api/meetings/${m.id}/status`, { to })).status).toBe(200);
    const items = [
      { agendaItemId: m.agenda[0]!.id, summary: '要旨', decisions: [{ text: '回答とする', issueId: issue.id, effect: 'answer' }] },
    ];
    expect((await secretariat.put(`/api/meetings/${m.id}/minutes`, { items })).status).toBe(200);
    expect((await secretariat.post(`/api/meetings/${m.id}/minutes/publish`)).status).toBe(200);
    const entries = (await page('?limit=200')).entries;
    expect(entries.find((e) => e.action === 'issue.answered' && e.target?.id === issue.id)).toMatchObject({
      target: { kind: 'issue', label: issue.number },
    });
    expect(entries.find((e) => e.action === 'minutes.published' && e.target?.id === m.id)).toBeDefined();
    expect(entries.find((e) => e.action === 'meeting.statusChanged' && e.target?.id === m.id && e.detail.to === 'ended')).toBeDefined();
  });
});

describe('who may read it', () => {
  it('is the secretariat only: others get 403, the signed-out 401', async () => {
    expect((await dev.get('/api/audit')).status).toBe(403);
    expect((await mhlw.get('/api/audit/verify')).status).toBe(403);
    expect((await dev.download('/api/audit/export.csv')).status).toBe(403);
    expect((await server.client().get('/api/audit')).status).toBe(401);
  });

  it('filters by category and pages back by sequence number', async () => {
    const auth = await page('?category=auth');
    expect(auth.entries.length).toBeGreaterThan(0);
    expect(auth.entries.every((e) => e.action.startsWith('auth.'))).toBe(true);

    const first = await page('?limit=2');
    expect(first.entries).toHaveLength(2);
    expect(first.entries[0]!.seq).toBeGreaterThan(first.entries[1]!.seq);
    const next = await page(`?limit=2&before=${first.nextBefore}`);
    expect(next.entries[0]!.seq).toBe(first.entries[1]!.seq - 1);
    expect((await secretariat.get('/api/audit?limit=5000')).status).toBe(400);
    expect((await secretariat.get('/api/audit?category=$where')).status).toBe(400);
  });

  it('exports as CSV (the export itself goes on the record)', async () => {
    const before = (await page('?limit=1')).entries[0]!.seq;
    const csv = await secretariat.download('/api/audit/export.csv?category=auth');
    expect(csv.status).toBe(200);
    const rows = parse(csv.data.toString('utf8').replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['操作']!.startsWith('auth.'))).toBe(true);
    expect(await latest('export.audit')).toMatchObject({ seq: before + 1, detail: { format: 'csv', rows: rows.length } });
  });
});

describe('the hash chain', () => {
  it('stays whole under concurrent writes', async () => {
    const attempts = Array.from({ length: 30 }, (_, i) =>
      server.client().post('/api/auth/login', { email: `nobody${i}@example.jp`, password: 'x' }),
    );
    expect((await Promise.all(attempts)).every((r) => r.status === 401)).toBe(true);
    const verdict = await secretariat.get<AuditVerification>('/api/audit/verify');
    expect(verdict.body).toMatchObject({ ok: true, brokenAt: null });
    expect(verdict.body.entries).toBeGreaterThan(30);
  });

  it('shows an entry changed in the database, and one removed, at its place; the verify command exits 1', async () => {
    const entries = (await page('?limit=200')).entries;
    // One in the middle (entries cut off the end, and rewrites with every later hash recomputed,
    // are the anchors' to show: test/security-audit.test.ts).
    const victim = entries.filter((e) => e.action === 'auth.loginFailed')[5] as AuditEntry;
    const uri = `${inject('mongoUri')}${server.dbName}`;
    // The command reads the key and the anchors of the app's data directory.
    const verifyCommand = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify-audit.ts'], {
        env: { ...process.env, MONGODB_URI: uri, DATA_DIR: server.config.DATA_DIR, LOG_LEVEL: 'error' },
        encoding: 'utf8',
      });

    const intact = verifyCommand();
    expect(intact.stdout + intact.stderr).toMatch(new RegExp(`chain intact; head ${entries[0]!.seq} ${entries[0]!.hash.slice(0, 16)}`));
    expect(intact.status).toBe(0);

    await collection().updateOne({ _id: victim.seq as never }, { $set: { 'detail.email': 'someone-else@example.jp' } });
    const changed = (await secretariat.get<AuditVerification>('/api/audit/verify')).body;
    expect(changed).toMatchObject({ ok: false, brokenAt: victim.seq });
    expect(changed.problem).toMatch(/changed/);
    const broken = verifyCommand();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(new RegExp(`BROKEN at entry ${victim.seq}`));

    await collection().updateOne({ _id: victim.seq as never }, { $set: { 'detail.email': victim.detail.email } });
    expect((await secretariat.get<AuditVerification>('/api/audit/verify')).body.ok).toBe(true);

    const stored = await collection().findOne({ _id: victim.seq as never });
    expect((await collection().deleteOne({ _id: victim.seq as never })).deletedCount).toBe(1);
    expect(await collection().countDocuments({ _id: victim.seq as never })).toBe(0);
    expect((await secretariat.get<AuditVerification>('/api/audit/verify')).body).toMatchObject({
      ok: false,
      brokenAt: victim.seq,
      problem: expect.stringMatching(/missing/),
    });
    await collection().insertOne(stored!);
  });
});
