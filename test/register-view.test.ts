/**
 * The register's in-memory view (server/issues/registerView.ts) answers exactly what the database
 * answers — every filter, sort, page and total, and the dashboard — and stays current through the
 * change log, for writes of this process and of others.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { IssueListQuery, type Issue, type IssueList, type RegisterStats } from '../shared/schemas/issues';
import { changesSince, pruneLog, recordChange } from '../server/db/changeLog';
import { assumeEngine, probeEngine } from '../server/db/engine';
import { recordViewChange } from '../server/db/viewFeed';
import { listIssues, listIssuesFromDatabase } from '../server/issues/list';
import { REGISTER_LOG } from '../server/issues/model';
import { registerStats, registerStatsFromDatabase } from '../server/issues/stats';
import { benchPeople, seedIssues } from '../scripts/bench/data';
import type { ApiClient } from './support/client';
import { startTestServer, type TestServer } from './support/server';
import type { Actor } from '../shared/domain';

let server: TestServer;
let dev: ApiClient;
let secretariat: ApiClient;
const secretariatActor: Actor = {
  id: new mongoose.Types.ObjectId().toHexString(),
  role: 'member',
  active: true,
  organization: { id: new mongoose.Types.ObjectId().toHexString(), key: 'digital-agency', kind: 'secretariat' },
};

beforeAll(async () => {
  server = await startTestServer();
  [dev, secretariat] = await server.signInAll('dev@demo.example', 'secretariat@demo.example');
  // A register of 200 issues written around the app (as a restore would), announced with '*' (seedIssues does).
  const db = mongoose.connection.db!;
  await seedIssues(db as never, await benchPeople(db as never, 40), 200, () => undefined);
  // And a few through the API: raised, supported, answered, marked duplicate.
  for (let i = 0; i < 3; i++) {
    const res = await dev.post<Issue>('/api/issues', {
      title: `見解の相違 ${i}`,
      description: '負担割合の算定について',
      businessAreas: ['national-pension', 'child-allowance'],
      category: 'spec',
    });
    expect(res.status).toBe(201);
  }
});
afterAll(() => server.close());

const QUERIES = [
  '',
  'sort=number',
  'sort=-updated&page=2&pageSize=30',
  'sort=updated&pageSize=200',
  'status=new,accepted,reviewing&sort=-updated',
  'businessArea=resident-register&sort=-number',
  'businessArea=national-pension,child-allowance&sort=support',
  'open=true&category=spec&sort=-support&page=3&pageSize=20',
  'open=false&sort=due',
  'ministry=mhlw&hasAnswer=false&sort=due',
  'hasAnswer=true&sort=-due',
  'overdue=true&sort=-number',
  'overdue=false&leadTimeShort=false&sort=-support',
  'leadTimeShort=true',
  'q=課題&sort=-number',
  'q=負担 割合',
  'q=thanks',
  'q=存在しない語',
  'status=closed&businessArea=fixed-asset-tax&page=9',
];

const ids = (list: IssueList) => list.issues.map((i) => i.id);

it('gives every page, order and total the database gives', async () => {
  for (const search of QUERIES) {
    const query = IssueListQuery.parse(Object.fromEntries(new URLSearchParams(search)));
    const [view, stored] = await Promise.all([listIssues(secretariatActor, query), listIssuesFromDatabase(query)]);
    expect(view.total, search).toBe(stored.total);
    expect(ids(view), search).toEqual(ids(stored));
    expect(view.issues, search).toEqual(stored.issues);
  }
  expect((await listIssues(secretariatActor, IssueListQuery.parse({}))).total).toBe(203);
});

it('gives the dashboard the database gives', async () => {
  const byKey = (s: RegisterStats) => ({
    ...s,
    openByStatusAndArea: [...s.openByStatusAndArea].sort((a, b) => `${a.status}${a.area}`.localeCompare(`${b.status}${b.area}`)),
  });
  expect(byKey(await registerStats(secretariatActor))).toEqual(byKey(await registerStatsFromDatabase()));
});

it('shows a write through the API at once, and a write another process recorded', async () => {
  const raised = (
    await dev.post<Issue>('/api/issues', {
      title: '新しい課題 ビュー確認',
      description: '説明',
      businessAreas: ['fixed-asset-tax'],
      category: 'other',
    })
  ).body;
  const found = await secretariat.get<IssueList>('/api/issues?q=ビュー確認');
  expect(found.body.issues.map((i) => i.id)).toEqual([raised.id]);
  expect((await secretariat.post(`/api/issues/${raised.id}/transition`, { to: 'accepted' })).status).toBe(200);
  expect((await secretariat.get<IssueList>('/api/issues?q=ビュー確認&status=accepted')).body.total).toBe(1);

  // Another process changes an issue and records it in the log: this one applies it on its next read.
  const db = mongoose.connection.db!;
  await db
    .collection('issues')
    .updateOne({ _id: new mongoose.Types.ObjectId(raised.id) }, { $set: { title: '別プロセスで変更 ビュー確認' } });
  await recordViewChange(db, REGISTER_LOG, raised.id);
  expect((await secretariat.get<IssueList>('/api/issues?q=ビュー確認')).body.issues[0]?.title).toBe('別プロセスで変更 ビュー確認');
});

it('numbers the changes of several processes 1, 2, 3… with none lost or doubled', async () => {
  const name = `test-log-${randomBytes(3).toString('hex')}`;
  const db = mongoose.connection.db!;
  // A second copy of the module has its own write batches, as another process would.
  vi.resetModules();
  const other = await import('../server/db/changeLog');
  const written = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? other.recordChange : recordChange)(db, name, `k${i}`)));
  const read = await changesSince(db, name, 0);
  // Entries run 1…n without a gap; writes that arrived together share one; every write is in exactly one.
  expect(read.map((c) => c.n)).toEqual(Array.from({ length: read.length }, (_, i) => i + 1));
  expect(read.flatMap((c) => c.keys).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `k${i}`).sort());
  expect(new Set(written).size).toBe(read.length);
  for (const [i, n] of written.entries()) expect(read[n - 1]!.keys).toContain(`k${i}`);
  expect(read.length).toBeLessThan(40);
  expect((await changesSince(db, name, 1)).map((c) => c.n)).toEqual(read.slice(1).map((c) => c.n));
  expect(await changesSince(db, name, read.length)).toEqual([]);
});

it('reads the same entries both ways of looking: by `$in` where it is an index lookup, else by `_id` equalities', async () => {
  const name = `test-shapes-${randomBytes(3).toString('hex')}`;
  const db = mongoose.connection.db!;
  // One entry each (written one after another): more than the first look and than one batch of equalities.
  for (let i = 1; i <= 20; i++) expect(await recordChange(db, name, `k${i}`)).toBe(i);
  const keysFrom = (from: number) => Array.from({ length: 20 - from }, (_, i) => ({ n: from + i + 1, keys: [`k${from + i + 1}`] }));
  try {
    for (const indexedIn of [true, false]) {
      assumeEngine({ indexedIn });
      expect(await changesSince(db, name, 0)).toEqual(keysFrom(0));
      expect(await changesSince(db, name, 13)).toEqual(keysFrom(13));
      expect(await changesSince(db, name, 20)).toEqual([]);
    }
  } finally {
    await probeEngine(db);
  }
});

it('prunes entries old and far behind the head, and a reader left behind them reads everything again', async () => {
  const name = `test-prune-${randomBytes(3).toString('hex')}`;
  const db = mongoose.connection.db!;
  for (let i = 1; i <= 30; i++) expect(await recordChange(db, name, `k${i}`)).toBe(i);
  const entries = db.collection<{ _id: string; at: Date }>('change_log');
  // Entries 1–20 are two hours old; 21–30 are new.
  await entries.updateMany(
    { _id: { $in: Array.from({ length: 20 }, (_, i) => `${name}#${i + 1}`) } },
    { $set: { at: new Date(Date.now() - 7_200_000) } },
  );

  // Keep 5 behind the head and anything younger than an hour: 1–20 go, 21–30 stay.
  expect(await pruneLog(db, name, 30, { entries: 5, ms: 3_600_000 })).toBe(20);
  expect(await entries.countDocuments({ _id: { $in: Array.from({ length: 30 }, (_, i) => `${name}#${i + 1}`) } })).toBe(10);
  expect(await pruneLog(db, name, 30, { entries: 5, ms: 3_600_000 })).toBe(0);

  // A reader last at entry 10 (pruned) reads everything again; one at 25 goes on as before.
  expect(await changesSince(db, name, 10)).toEqual([{ n: 10, keys: ['*'] }]);
  expect((await changesSince(db, name, 25)).map((c) => c.keys)).toEqual([['k26'], ['k27'], ['k28'], ['k29'], ['k30']]);
});
