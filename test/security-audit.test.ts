/**
 * Issue 16, finding 13, on the real server: the audit log's chain is anchored outside the database,
 * so someone who can write the database but has neither the key nor the data directory cannot
 * rewrite it (re-hashing every later entry) or cut entries off its end unnoticed.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AuditPage, AuditVerification } from '../shared/schemas/audit';
import type { ApiClient } from './support/client';
import { startTestServer, type TestServer } from './support/server';

interface StoredEntry {
  _id: number;
  at: Date;
  actor: unknown;
  action: string;
  target: unknown;
  detail: Record<string, unknown>;
  origin: unknown;
  prevHash: string;
  hash: string;
  alg?: string;
}

const GENESIS = '0'.repeat(64);
const collection = () => mongoose.connection.db!.collection<StoredEntry>('auditlog');
const stored = () => collection().find({}).sort({ _id: 1 }).toArray();

/** The hash as the chain had it before it was keyed, and as anyone can compute it: SHA-256 of the canonical content. */
function plainHash(e: StoredEntry): string {
  const { _id: seq, actor, action, target, detail, origin, prevHash } = e;
  return createHash('sha256')
    .update(canonicalize({ seq, at: e.at.toISOString(), actor, action, target, detail, origin, prevHash })!)
    .digest('hex');
}

/**
 * What someone with write access to the database but without the key does: change entry `edited`,
 * then re-hash it and every later entry with plain SHA-256 so each links to the one before. From
 * `downgradeFrom` on, entries lose their hash version, to pass as entries written before keying.
 */
async function rewriteWithoutKey(edited: number, change: (e: StoredEntry) => void, downgradeFrom = edited) {
  const entries = await stored();
  let prevHash = entries.find((e) => e._id === Math.min(edited, downgradeFrom) - 1)?.hash ?? GENESIS;
  for (const entry of entries.filter((e) => e._id >= Math.min(edited, downgradeFrom))) {
    if (entry._id === edited) change(entry);
    if (entry._id >= downgradeFrom) delete entry.alg;
    entry.prevHash = prevHash;
    entry.hash = plainHash(entry);
    prevHash = entry.hash;
    await collection().replaceOne({ _id: entry._id }, entry);
  }
}

async function restore(snapshot: StoredEntry[]) {
  await collection().deleteMany({});
  await collection().insertMany(snapshot);
}

function startOn(dataDirOf: () => TestServer) {
  const uri = () => `${inject('mongoUri')}${dataDirOf().dbName}`;
  return {
    verify: async (client: ApiClient) => (await client.get<AuditVerification>('/api/audit/verify')).body,
    command: () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify-audit.ts'], {
        env: { ...process.env, MONGODB_URI: uri(), DATA_DIR: dataDirOf().config.DATA_DIR, LOG_LEVEL: 'error' },
        encoding: 'utf8',
      }),
    anchorLines: () => {
      try {
        return readFileSync(path.join(dataDirOf().config.DATA_DIR, 'audit-anchors'), 'utf8').split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
  };
}

/** Anchors are written a few seconds apart at most: wait (bounded) until one names `seq` or later. */
async function anchoredUpTo(lines: () => string[], seq: number) {
  const until = Date.now() + 8_000;
  while (Date.now() < until) {
    if (lines().some((l) => Number(l.split(' ')[1]) >= seq)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a log written with the key', () => {
  let server: TestServer;
  let secretariat: ApiClient;
  const on = startOn(() => server);
  let head: number;
  beforeAll(async () => {
    server = await startTestServer();
    secretariat = await server.signIn('secretariat@demo.example');
    for (let i = 0; i < 12; i++) await server.client().post('/api/auth/login', { email: `nobody${i}@demo.example`, password: 'x' });
    head = (await secretariat.get<AuditPage>('/api/audit?limit=1')).body.entries[0]!.seq;
    await anchoredUpTo(on.anchorLines, head);
  });
  afterAll(() => server.close());

  it('keeps its key in the data directory, readable by the app alone, and anchors its head there', () => {
    const key = statSync(path.join(server.config.DATA_DIR, 'audit-key'));
    expect(key.mode & 0o777).toBe(0o600);
    const lines = on.anchorLines();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${head} [0-9a-f]{64}$`));
  });

  it('untouched, passes, through the API and the command', async () => {
    expect(await on.verify(secretariat)).toMatchObject({ ok: true, brokenAt: null, head: { seq: head } });
    const run = on.command();
    expect(run.stdout + run.stderr).toMatch(/chain intact/);
    expect(run.status).toBe(0);
  });

  it('fails when an entry is edited and every later hash recomputed with plain SHA-256', async () => {
    const snapshot = await stored();
    try {
      await rewriteWithoutKey(5, (e) => (e.detail = { ...e.detail, email: 'someone-else@demo.example' }), Infinity);
      expect(await on.verify(secretariat)).toMatchObject({ ok: false, brokenAt: 5 });
    } finally {
      await restore(snapshot);
    }
  });

  it('fails when the rewritten entries also pass themselves off as written before the key', async () => {
    const snapshot = await stored();
    try {
      await rewriteWithoutKey(5, (e) => (e.detail = { ...e.detail, email: 'someone-else@demo.example' }));
      expect(await on.verify(secretariat)).toMatchObject({ ok: false, brokenAt: 5 });
      // The whole log rewritten as an old, unkeyed one: only the anchors outside the database show it.
      await restore(snapshot);
      await rewriteWithoutKey(5, (e) => (e.detail = { ...e.detail, email: 'someone-else@demo.example' }), 1);
      const check = await on.verify(secretariat);
      expect(check).toMatchObject({ ok: false });
      expect(check.problem).toMatch(/anchor/);
      expect(check.brokenAt).toBeLessThanOrEqual(head);
      const run = on.command();
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/BROKEN at entry \d+/);
    } finally {
      await restore(snapshot);
    }
    expect((await on.verify(secretariat)).ok).toBe(true);
  });

  it('fails when the last entries are deleted, naming the first one missing', async () => {
    const snapshot = await stored();
    try {
      expect((await collection().deleteMany({ _id: { $gt: head - 3 } })).deletedCount).toBe(3);
      const check = await on.verify(secretariat);
      expect(check).toMatchObject({ ok: false, brokenAt: head - 2 });
      expect(check.problem).toMatch(/missing|removed/);
      const run = on.command();
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`BROKEN at entry ${head - 2}`));
    } finally {
      await restore(snapshot);
    }
    expect((await on.verify(secretariat)).ok).toBe(true);
  });
});

describe('a log begun before the chain was keyed', () => {
  let server: TestServer;
  let secretariat: ApiClient;
  const on = startOn(() => server);
  beforeAll(async () => {
    server = await startTestServer();
    // Three entries as the version before wrote them: plain SHA-256, no hash version.
    expect(await collection().countDocuments()).toBe(0);
    let prevHash = GENESIS;
    for (let seq = 1; seq <= 3; seq++) {
      const entry: StoredEntry = {
        _id: seq,
        at: new Date(Date.now() - 60_000 + seq),
        actor: null,
        action: 'auth.loginFailed',
        target: null,
        detail: { email: `old${seq}@demo.example`, reason: 'credentials' },
        origin: { channel: 'http', ip: '127.0.0.1', userAgent: null },
        prevHash,
        hash: '',
      };
      entry.hash = plainHash(entry);
      prevHash = entry.hash;
      await collection().insertOne(entry);
    }
    secretariat = await server.signIn('secretariat@demo.example');
    await server.client().post('/api/auth/login', { email: 'nobody@demo.example', password: 'x' });
    await anchoredUpTo(on.anchorLines, 5);
  });
  afterAll(() => server.close());

  it('verifies each entry by its own scheme', async () => {
    expect(await on.verify(secretariat)).toMatchObject({ ok: true, entries: 5 });
    const entries = (await secretariat.get<AuditPage>('/api/audit?limit=10')).body.entries;
    expect(entries.map((e) => [e.seq, (e as { alg?: string }).alg])).toEqual([
      [5, 'hmac-sha256'],
      [4, 'hmac-sha256'],
      [3, 'sha256'],
      [2, 'sha256'],
      [1, 'sha256'],
    ]);
  });

  it('still shows an old entry rewritten with every later one', async () => {
    const snapshot = await stored();
    try {
      await rewriteWithoutKey(2, (e) => (e.detail = { ...e.detail, email: 'someone-else@demo.example' }));
      const check = await on.verify(secretariat);
      expect(check).toMatchObject({ ok: false });
      expect(check.brokenAt).toBeGreaterThanOrEqual(2);
    } finally {
      await restore(snapshot);
    }
  });
});
