/**
 * FerretDB on PostgreSQL: the GIN twins let PostgreSQL answer FerretDB's containment filters from
 * an index instead of scanning the table (server/db/postgresIndexes.ts). Real PostgreSQL 15 from
 * Debian's packages, real FerretDB, the real driver; the plan is PostgreSQL's own EXPLAIN.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, ObjectId, type Collection, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeEngine } from '../server/db/engine';
import { startEmbeddedFerretDB, type EmbeddedDatabase } from '../server/db/ferretdb';
import { addContainmentIndexes, containmentIndexSql } from '../server/db/postgresIndexes';
import { startPostgres, type BenchPostgres } from '../scripts/bench/postgres';

let dir: string;
let postgres: BenchPostgres;
let ferret: EmbeddedDatabase;
let client: MongoClient;
let messages: Collection;
const thread = new ObjectId();
let someId: ObjectId;

/** The plan nodes PostgreSQL chose for a find, outermost first. */
async function planOf(filter: Document): Promise<string[]> {
  const explained = (await messages.find(filter).explain()) as { queryPlanner: { Plan: PlanNode } };
  const nodes: string[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node['Node Type']);
    node.Plans?.forEach(walk);
  };
  walk(explained.queryPlanner.Plan);
  return nodes;
}
interface PlanNode {
  'Node Type': string;
  Plans?: PlanNode[];
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'council-pgindex-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as its own user and must reach its folder inside
  postgres = await startPostgres(path.join(dir, 'pg'));
  ferret = await startEmbeddedFerretDB({ dataDir: path.join(dir, 'db'), postgresqlUrl: postgres.url });
  client = await MongoClient.connect(ferret.uri);
  messages = client.db('council').collection('messages');
  await messages.createIndex({ threadId: 1, bucket: 1 });
  const docs = Array.from({ length: 6_000 }, (_, i) => ({
    _id: new ObjectId(),
    threadId: i % 3 ? new ObjectId() : thread,
    seq: i,
    bucket: Math.floor(i / 50),
    body: 'x'.repeat(200),
  }));
  someId = docs[4_321]!._id;
  for (let i = 0; i < docs.length; i += 1_000) await messages.insertMany(docs.slice(i, i + 1_000));
}, 120_000);

afterAll(async () => {
  await client?.close();
  await ferret?.stop();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('GIN twins for FerretDB on PostgreSQL', () => {
  it('turn the sequential scans of equality lookups (by _id too) into index scans, with the same answers', async () => {
    const byBucket = { threadId: thread, bucket: 60 };
    const before = { bucket: await planOf(byBucket), id: await planOf({ _id: someId }) };
    const found = await messages.find(byBucket).toArray();
    // FerretDB's own btree indexes cannot serve its containment filter: a scan.
    expect(before.bucket).toContain('Seq Scan');
    expect(before.id).toContain('Seq Scan');

    const asked = await addContainmentIndexes(postgres.url, 'council');
    expect(asked).toBe(2); // the _id index and { threadId, bucket }
    expect(await addContainmentIndexes(postgres.url, 'council')).toBe(2); // again: nothing breaks

    const after = { bucket: await planOf(byBucket), id: await planOf({ _id: someId }) };
    expect(after.bucket).not.toContain('Seq Scan');
    expect(after.bucket.some((n) => /Index/.test(n))).toBe(true);
    expect(after.id).not.toContain('Seq Scan');
    expect((await messages.find(byBucket).toArray()).map((m) => m._id.toHexString()).sort()).toEqual(
      found.map((m) => m._id.toHexString()).sort(),
    );
    expect(found.length).toBeGreaterThan(0);
  });

  it('are no help to an $in, which FerretDB does not push down here: the app is told so (server/db/engine.ts)', async () => {
    expect(await planOf({ _id: { $in: [someId, new ObjectId()] } })).toEqual(['Seq Scan']);
    expect(await probeEngine(client.db('council'))).toEqual({ indexedIn: false });
  });

  it('leave out what FerretDB does not push down, and quote names', () => {
    expect(containmentIndexSql('council', 'issues_1', ['raisedBy.organization.id'])).toBeNull();
    expect(containmentIndexSql('council', 'x', [])).toBeNull();
    expect(containmentIndexSql('coun"cil', "t'able", ["we'ird"])).toMatch(
      /ON "coun""cil"\."t'able" USING gin \(\(_jsonb -> 'we''ird'\)\)$/,
    );
  });
});
