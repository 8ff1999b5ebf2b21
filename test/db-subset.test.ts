/**
 * The portable MongoDB subset of DESIGN.md §4, proved on the running FerretDB: what the platform
 * relies on works, on the same server the app uses.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

let connection: mongoose.Connection;

beforeAll(async () => {
  connection = await mongoose.createConnection(inject('mongoUri'), { dbName: `subset_${randomBytes(4).toString('hex')}` }).asPromise();
});
afterAll(async () => {
  await connection.close();
});

describe('portable MongoDB subset on FerretDB', () => {
  it('refuses a unique-index violation with code 11000', async () => {
    const people = connection.collection('people');
    await people.createIndex({ email: 1 }, { unique: true });
    await people.insertOne({ email: 'a@example.jp' });
    await expect(people.insertOne({ email: 'a@example.jp' })).rejects.toMatchObject({ code: 11000 });
    expect(await people.countDocuments({})).toBe(1);
  });

  it('keeps a counter with an $inc upsert through findOneAndUpdate', async () => {
    const counters = connection.collection<{ _id: string; seq: number }>('counters');
    const next = async () =>
      (await counters.findOneAndUpdate({ _id: 'issue-2025' }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }))!.seq;
    const values: number[] = [];
    for (let i = 0; i < 5; i++) values.push(await next());
    expect(values).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets exactly one of many concurrent inserts claim a unique key (what nextSequence relies on)', async () => {
    const claims = connection.collection<{ _id: string }>('claims');
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => claims.insertOne({ _id: 'number-7' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: number }).code).toBe(11000);
  });

  it('groups and counts with $match/$group/$sort', async () => {
    const issues = connection.collection('issues');
    await issues.insertMany([
      { status: 'new', area: 'a' },
      { status: 'new', area: 'b' },
      { status: 'closed', area: 'a' },
      { status: 'new', area: 'a' },
    ]);
    const rows = await issues
      .aggregate([{ $match: { area: 'a' } }, { $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(rows).toEqual([
      { _id: 'closed', n: 1 },
      { _id: 'new', n: 2 },
    ]);
  });

  it('finds documents whose indexed array holds all given bigrams ($all)', async () => {
    const messages = connection.collection('messages');
    await messages.createIndex({ grams: 1 });
    await messages.insertMany([
      { text: '標準仕様書', grams: ['標準', '準仕', '仕様', '様書'] },
      { text: '仕様変更', grams: ['仕様', '様変', '変更'] },
    ]);
    const found = await messages.find({ grams: { $all: ['仕様', '様書'] } }).toArray();
    expect(found.map((m) => m.text)).toEqual(['標準仕様書']);
    expect(await messages.countDocuments({ grams: { $all: ['仕様'] } })).toBe(2);
  });

  it('groups by an array field as a whole (our workaround for $unwind dropping the other fields)', async () => {
    const c = connection.collection('group_array');
    await c.insertMany([
      { s: 'new', a: ['x', 'y'] },
      { s: 'new', a: ['x', 'y'] },
      { s: 'old', a: ['x'] },
    ]);
    const rows = await c
      .aggregate<{ _id: { s: string; a: string[] }; n: number }>([{ $group: { _id: { s: '$s', a: '$a' }, n: { $sum: 1 } } }])
      .toArray();
    expect(rows.map((r) => [r._id.s, r._id.a, r.n]).sort()).toEqual(
      [
        ['new', ['x', 'y'], 2],
        ['old', ['x'], 1],
      ].sort(),
    );
  });

  it('supports $in, $regex, sort/skip/limit and $unwind/$project', async () => {
    const orgs = connection.collection('orgs');
    await orgs.insertMany([
      { key: 'a', areas: ['x', 'y'] },
      { key: 'b', areas: ['y'] },
      { key: 'c', areas: [] },
    ]);
    expect(
      (
        await orgs
          .find({ key: { $in: ['a', 'c'] } })
          .sort({ key: -1 })
          .skip(1)
          .limit(1)
          .toArray()
      )[0]!.key,
    ).toBe('a');
    expect(await orgs.countDocuments({ key: { $regex: '^[ab]$' } })).toBe(2);
    const perArea = await orgs
      // FerretDB 1.24's $project takes inclusions and exclusions only, not computed fields.
      .aggregate([
        { $unwind: '$areas' },
        { $group: { _id: '$areas', count: { $sum: 1 } } },
        { $sort: { _id: 1 } },
        { $project: { count: 1 } },
      ])
      .toArray();
    expect(perArea).toEqual([
      { _id: 'x', count: 1 },
      { _id: 'y', count: 2 },
    ]);
  });
});
