import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, disconnectDatabase } from '../server/db/connection';
import { nextSequence } from '../server/db/sequence';

beforeAll(async () => {
  await connectDatabase(inject('mongoUri'), { dbName: `sequence_${randomBytes(4).toString('hex')}` });
});
afterAll(() => disconnectDatabase());

describe('nextSequence', () => {
  it('hands out 1, 2, 3 … one at a time', async () => {
    expect([await nextSequence('serial'), await nextSequence('serial'), await nextSequence('serial')]).toEqual([1, 2, 3]);
  });

  it('gives 50 concurrent callers 50 distinct, consecutive numbers', async () => {
    const numbers = await Promise.all(Array.from({ length: 50 }, () => nextSequence('issues-2025')));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // …and carries on from there.
    expect(await nextSequence('issues-2025')).toBe(51);
  });

  it('keeps sequences apart', async () => {
    await Promise.all([nextSequence('thread-a'), nextSequence('thread-a'), nextSequence('thread-b')]);
    expect(await nextSequence('thread-b')).toBe(2);
    expect(await nextSequence('thread-a')).toBe(3);
  });
});
