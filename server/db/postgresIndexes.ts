/**
 * Indexes FerretDB's PostgreSQL backend can actually use.
 *
 * FerretDB 1.24 hands an equality filter to PostgreSQL as jsonb containment on the field,
 * `(_jsonb -> 'threadId') @> '"…"'`, but builds each of our indexes (the `_id` one included) as a
 * btree on `(_jsonb -> 'threadId')`, which containment cannot use. So every query, a lookup by
 * `_id` too, was a sequential scan of the table: a message page over 100,000 messages took 1.1 s
 * (docs/PERFORMANCE.md). A GIN index on the same expressions serves containment: the same bucket
 * lookup took 9.7 ms instead of 34 ms on 20,000 messages, and stays flat as the table grows.
 *
 * For every index FerretDB has recorded for a collection, this adds a GIN twin on the same
 * top-level fields. It is idempotent (IF NOT EXISTS) and runs at start-up after the models'
 * indexes exist, and in the benchmark after its bulk load. Nested paths are left out: FerretDB
 * does not push them down.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';

interface RecordedCollection {
  table: string;
  indexes: { key: Record<string, number> }[];
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The GIN twin for one recorded index, or null when it has nothing FerretDB pushes down. */
export function containmentIndexSql(schema: string, table: string, fields: readonly string[]): string | null {
  if (!fields.length || fields.some((f) => f.includes('.') || f.startsWith('$'))) return null;
  const name = `${table.slice(0, 40)}_gin_${createHash('sha1')
    .update(`${table}:${fields.join(',')}`)
    .digest('hex')
    .slice(0, 12)}`;
  const columns = fields.map((f) => `(_jsonb -> ${quoteLiteral(f)})`).join(', ');
  return `CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(schema)}.${quoteIdent(table)} USING gin (${columns})`;
}

/**
 * Add the GIN twins in database `schema` (FerretDB keeps each MongoDB database in a PostgreSQL
 * schema of the same name) and refresh the planner's statistics. Returns how many it asked for.
 */
export async function addContainmentIndexes(postgresqlUrl: string, schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: postgresqlUrl });
  await client.connect();
  try {
    const exists = await client.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [
      `${quoteIdent(schema)}._ferretdb_database_metadata`,
    ]);
    if (!exists.rows[0]?.found) return 0;
    const recorded = await client.query<{ doc: RecordedCollection }>(
      `SELECT _jsonb AS doc FROM ${quoteIdent(schema)}._ferretdb_database_metadata`,
    );
    let asked = 0;
    for (const { doc } of recorded.rows) {
      for (const index of doc.indexes ?? []) {
        const sql = containmentIndexSql(schema, doc.table, Object.keys(index.key));
        if (!sql) continue;
        await client.query(sql);
        asked += 1;
      }
      await client.query(`ANALYZE ${quoteIdent(schema)}.${quoteIdent(doc.table)}`);
    }
    return asked;
  } finally {
    await client.end();
  }
}
