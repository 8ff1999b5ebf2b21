/**
 * Our lookup indexes and filter pushdown in the embedded engine's SQLite backend
 * (scripts/ferretdb/, docs/DATABASE.md): SQLite's own query plan, read through FerretDB's explain,
 * shows an index search for `_id` and equality lookups; and every filter still finds exactly what
 * MongoDB finds (arrays, numbers of other types, `$in`, null, numeric ranges, unique indexes); and
 * concurrent updates of one document take turns instead of erasing each other.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Double, Int32, Long, MongoClient, ObjectId, type Db, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { probeEngine } from '../server/db/engine';
import { startEmbeddedFerretDB } from '../server/db/ferretdb';

let client: MongoClient;
let db: Db;
beforeAll(async () => {
  client = await new MongoClient(inject('mongoUri')).connect();
  db = client.db(`lookups_${randomBytes(4).toString('hex')}`);
});
afterAll(async () => {
  await db.dropDatabase();
  await client.close();
});

/** SQLite's plan for a find, as FerretDB reports it, and whether FerretDB pushed the filter down. */
async function planOf(collection: string, filter: Document, on: Db = db): Promise<{ plan: string; pushdown: boolean }> {
  const res = await on.command({ explain: { find: collection, filter } });
  return { plan: (res.queryPlanner as { Plan: string[] }).Plan.join('\n'), pushdown: res.filterPushdown as boolean };
}

describe('the embedded engine', () => {
  const threadId = new ObjectId();
  const ids: ObjectId[] = [];
  beforeAll(async () => {
    const messages = db.collection('messages');
    await messages.createIndex({ threadId: 1, bucket: 1 });
    await messages.createIndex({ clientKey: 1 }, { unique: true });
    const docs = Array.from({ length: 2_000 }, (_, i) => ({
      _id: new ObjectId(),
      threadId: i % 4 === 0 ? threadId : new ObjectId(),
      bucket: Math.floor(i / 100),
      clientKey: `k${i}`,
      tags: i % 3 === 0 ? ['審議中', '年金'] : '審議中',
      body: `本文 ${i}`,
    }));
    ids.push(...docs.map((d) => d._id));
    await messages.insertMany(docs);
  });

  it('answers an _id lookup from an index, not a scan', async () => {
    const { plan, pushdown } = await planOf('messages', { _id: ids[1234] });
    expect(pushdown).toBe(true);
    expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id__lookup/);
    expect(plan).not.toMatch(/\bSCAN\b/);
    expect((await db.collection('messages').findOne({ _id: ids[1234] }))?.clientKey).toBe('k1234');
  });

  it('answers equality lookups on other fields (and $in) from the indexes declared on them', async () => {
    expect((await planOf('messages', { threadId, bucket: 3 })).plan).toMatch(
      /SEARCH \S+ USING INDEX \S+_threadId_1_bucket_1 \(<expr>=\? AND <expr>=\?\)/,
    );
    expect((await planOf('messages', { clientKey: 'k7' })).plan).toMatch(/USING INDEX \S+_clientKey_1_lookup/);
    expect((await planOf('messages', { _id: { $in: ids.slice(0, 3) } })).plan).toMatch(/USING INDEX \S+__id__lookup/);
    // With a range beside them, the equalities still choose the rows.
    expect((await planOf('messages', { threadId, bucket: 3, seq: { $lt: 5 } })).plan).toMatch(/SEARCH .*_threadId_1_bucket_1/);
    // A field with no index is still filtered by SQLite, not by decoding every document.
    expect(await planOf('messages', { body: '本文 8' })).toMatchObject({ pushdown: true });
    const page = await db.collection('messages').find({ threadId, bucket: 3 }).toArray();
    expect(page.map((m) => m.clientKey)).toEqual(Array.from({ length: 25 }, (_, i) => `k${300 + 4 * i}`));
  });

  it('tells the app that an $in is a set of index lookups here (server/db/engine.ts)', async () => {
    expect(await probeEngine(db)).toEqual({ indexedIn: true });
  });

  it('still matches array fields holding the value, and finds nothing more than MongoDB would', async () => {
    const messages = db.collection('messages');
    expect(await messages.countDocuments({ tags: '審議中' })).toBe(2_000);
    expect(await messages.countDocuments({ tags: '年金' })).toBe(667);
    expect(await messages.countDocuments({ tags: { $in: ['年金', 'なし'] } })).toBe(667);
    expect(await messages.countDocuments({ tags: 'なし' })).toBe(0);
    expect(await messages.countDocuments({ threadId, tags: '年金' })).toBe(167);
  });

  it('matches numbers stored as another numeric type, zero and negative zero, booleans and $eq', async () => {
    const numbers = db.collection('numbers');
    await numbers.createIndex({ n: 1 });
    await numbers.insertMany([
      { k: 'int', n: new Int32(5) },
      { k: 'long', n: Long.fromNumber(5) },
      { k: 'double', n: new Double(5) },
      { k: 'half', n: new Double(5.5) },
      { k: 'zero', n: new Double(0) },
      { k: 'negzero', n: new Double(-0) },
      { k: 'array', n: [1, 5] },
      { k: 'true', n: true },
      { k: 'string', n: '5' },
    ]);
    const keys = async (filter: Document) => (await numbers.find(filter).toArray()).map((d) => d.k).sort();
    expect(await keys({ n: 5 })).toEqual(['array', 'double', 'int', 'long']);
    expect(await keys({ n: new Double(5) })).toEqual(['array', 'double', 'int', 'long']);
    expect(await keys({ n: Long.fromNumber(5) })).toEqual(['array', 'double', 'int', 'long']);
    expect(await keys({ n: { $eq: 5.5 } })).toEqual(['half']);
    expect(await keys({ n: 0 })).toEqual(['negzero', 'zero']);
    expect(await keys({ n: true })).toEqual(['true']);
    expect(await keys({ n: '5' })).toEqual(['string']);
    expect(await keys({ n: { $in: [5.5, '5'] } })).toEqual(['half', 'string']);
  });

  it('narrows by null and by numeric ranges in SQL without losing a match', async () => {
    const values = db.collection('values');
    await values.createIndex({ g: 1 });
    await values.insertMany([
      { k: 'int', g: 1, n: new Int32(5) },
      { k: 'long', g: 1, n: Long.fromNumber(-7) },
      { k: 'double', g: 1, n: new Double(5.5) },
      { k: 'negzero', g: 1, n: new Double(-0) },
      { k: 'big', g: 1, n: new Double(1e300) },
      { k: 'array', g: 1, n: [1, 9] },
      { k: 'nullarray', g: 1, n: [null, 2] },
      { k: 'string', g: 1, n: '3' },
      { k: 'null', g: 1, n: null },
      { k: 'missing', g: 1 },
      { k: 'object', g: 1, n: { v: 1 } },
      { k: 'date', g: 1, n: new Date(3) },
      { k: 'bool', g: 1, n: false },
      { k: 'other group', g: 2, n: 4 },
    ]);
    const keys = async (filter: Document) => (await values.find(filter).toArray()).map((d) => d.k).sort();
    // `$and` is never pushed down: the handler alone answers it, as upstream FerretDB would.
    const exactly = (filter: Document) => keys({ $and: [filter] });
    const filters: Document[] = [
      { n: { $lt: 5 } },
      { n: { $lte: 5 } },
      { n: { $gt: 5 } },
      { n: { $gte: 0, $lt: 6 } },
      { n: { $gt: -1e301 } },
      { n: { $lt: new Double(0) } },
      { n: { $gt: Long.fromNumber(2) } },
      { n: { $gt: 2, $ne: 9 } },
      { n: null },
      { n: { $eq: null } },
      { g: 1, n: { $lt: 6 } },
      { g: 1, n: null },
    ];
    for (const filter of filters) expect(await keys(filter), JSON.stringify(filter)).toEqual(await exactly(filter));
    expect(await keys({ n: { $gte: 0, $lt: 6 } })).toEqual(['array', 'double', 'int', 'negzero', 'nullarray', 'other group']);
    expect(await keys({ g: 1, n: null })).toEqual(['missing', 'null', 'nullarray']);
    // The equality still picks the index; the range and null only filter the rows it found.
    expect((await planOf('values', { g: 1, n: { $lt: 6 } })).plan).toMatch(/SEARCH \S+ USING INDEX \S+_g_1/);
    expect((await planOf('messages', { threadId, bucket: 3, parentId: null, seq: { $gte: 300, $lt: 340 } })).plan).toMatch(
      /SEARCH \S+ USING INDEX \S+_threadId_1_bucket_1 \(<expr>=\? AND <expr>=\?\)/,
    );
  });

  it('keeps unique indexes unique, and drops an index with its lookup twin', async () => {
    const messages = db.collection('messages');
    await expect(messages.insertOne({ clientKey: 'k5' })).rejects.toMatchObject({ code: 11000 });
    await messages.dropIndex('clientKey_1');
    expect((await planOf('messages', { clientKey: 'k7' })).plan).toMatch(/\bSCAN\b/);
    await messages.insertOne({ clientKey: 'k5' });
    expect(await messages.countDocuments({ clientKey: 'k5' })).toBe(2);
  });
});

it('applies concurrent updates of one document one after another: no increment, element or field is lost', async () => {
  const counters = db.collection<{ _id: string; n: number; tags: string[]; a?: number; b?: number }>('turns');
  await counters.insertOne({ _id: 'one', n: 0, tags: [] });
  const writers = 40;
  await Promise.all(
    Array.from({ length: writers }, (_, i) =>
      i % 2
        ? counters.updateOne({ _id: 'one' }, { $inc: { n: 1 }, $addToSet: { tags: `t${i}` } })
        : counters.findOneAndUpdate({ _id: 'one' }, { $inc: { n: 1 }, $push: { tags: `t${i}` } }),
    ),
  );
  const after = (await counters.findOne({ _id: 'one' }))!;
  expect(after.n).toBe(writers);
  expect(after.tags).toHaveLength(writers);
  // Two fields set at the same moment by two writers: both stay.
  await Promise.all([counters.updateOne({ _id: 'one' }, { $set: { a: 1 } }), counters.updateOne({ _id: 'one' }, { $set: { b: 2 } })]);
  expect(await counters.findOne({ _id: 'one' })).toMatchObject({ a: 1, b: 2, n: writers });
});

it('brings a database written by upstream FerretDB 1.24.2 to lookup indexes at start, keeping its data', async () => {
  // test/fixtures/ferretdb-1.24.2-upstream: 120 messages with indexes { threadId, bucket } and unique { clientKey },
  // written by an unpatched FerretDB 1.24.2, whose plan for an _id lookup was `SCAN messages_c00385b5`.
  const dataDir = mkdtempSync(path.join(tmpdir(), 'council-upstream-'));
  cpSync(path.join(import.meta.dirname, 'fixtures', 'ferretdb-1.24.2-upstream'), path.join(dataDir, 'ferretdb'), { recursive: true });
  try {
    for (let start = 1; start <= 2; start++) {
      const engine = await startEmbeddedFerretDB({ dataDir });
      const old = await new MongoClient(engine.uri).connect();
      try {
        const council = old.db('council');
        const id = new ObjectId('6b2000000000000000000005');
        expect((await planOf('messages', { _id: id }, council)).plan, `start ${start}`).toMatch(/SEARCH \S+ USING INDEX \S+__id__lookup/);
        expect((await planOf('messages', { threadId: new ObjectId('6b1000000000000000000001'), bucket: 1 }, council)).plan).toMatch(
          /SEARCH \S+ USING INDEX \S+_threadId_1_bucket_1 /,
        );
        expect((await planOf('messages', { clientKey: 'k3' }, council)).plan).toMatch(/USING INDEX \S+_clientKey_1_lookup/);
        const messages = council.collection('messages');
        expect((await messages.findOne({ _id: id }))?.body).toBe('古い形式の発言 5');
        expect(await messages.countDocuments({ tags: 'a' })).toBe(120);
        expect(await messages.countDocuments({ bucket: 2 })).toBe(20);
        await expect(messages.insertOne({ clientKey: 'k7' })).rejects.toMatchObject({ code: 11000 });
      } finally {
        await old.close();
        await engine.stop();
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
