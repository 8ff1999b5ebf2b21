import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, disconnectDatabase } from '../server/db/connection';
import { nextSequence } from '../server/db/sequence';

const dbName = `sequence_${randomBytes(4).toString('hex')}`;
beforeAll(async () => {
  await connectDatabase(inject('mongoUri'), { dbName });
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

  it('stays distinct and gap-free when several app processes claim at once', async () => {
    const run = promisify(execFile);
    const worker = () =>
      run(process.execPath, ['--import', 'tsx', 'test/support/sequenceWorker.ts', inject('mongoUri'), dbName, 'shared-seq', '25']);
    const [one, two, here] = await Promise.all([
      worker(),
      worker(),
      Promise.all(Array.from({ length: 25 }, () => nextSequence('shared-seq'))),
    ]);
    const all = [...(JSON.parse(one.stdout) as number[]), ...(JSON.parse(two.stdout) as number[]), ...here];
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 75 }, (_, i) => i + 1));
  }, 60_000);

  it('keeps sequences apart', async () => {
    await Promise.all([nextSequence('thread-a'), nextSequence('thread-a'), nextSequence('thread-b')]);
    expect(await nextSequence('thread-b')).toBe(2);
    expect(await nextSequence('thread-a')).toBe(3);
  });
});
