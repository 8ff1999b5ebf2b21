/**
 * Where the data lives: `MONGODB_URI` when set, otherwise the embedded FerretDB — on SQLite in
 * DATA_DIR, or on PostgreSQL when `FERRETDB_POSTGRESQL_URL` is set.
 */
import path from 'node:path';
import type { Config } from '../config';
import { log } from '../log';
import { connectDatabase, disconnectDatabase } from './connection';
import { superviseEmbeddedFerretDB, type SupervisedDatabase } from './supervise';

export interface DatabaseTarget {
  uri: string;
  /** Database name when the URI names none. */
  dbName?: string;
  /** The embedded server, when we started one (restarted if it exits unexpectedly). */
  embedded?: SupervisedDatabase;
}

export async function startDatabase(config: Config): Promise<DatabaseTarget> {
  if (config.MONGODB_URI) return { uri: config.MONGODB_URI };
  const dataDir = path.resolve(config.DATA_DIR);
  const postgresqlUrl = config.FERRETDB_POSTGRESQL_URL;
  const embedded = await superviseEmbeddedFerretDB({ dataDir, bin: config.FERRETDB_BIN, ...(postgresqlUrl ? { postgresqlUrl } : {}) });
  if (postgresqlUrl) log.info(`embedded FerretDB (PostgreSQL at ${new URL(postgresqlUrl).host}) listening at ${embedded.uri}`);
  else log.info(`embedded FerretDB (SQLite) listening at ${embedded.uri}, data in ${dataDir}`);
  return { uri: embedded.uri, dbName: 'council', embedded };
}

/**
 * For command-line tools: start (or reach) the configured database, connect, run `work`, and
 * always disconnect and stop what was started.
 */
export async function withDatabase<T>(config: Config, work: () => Promise<T>): Promise<T> {
  const database = await startDatabase(config);
  try {
    await connectDatabase(database.uri, { dbName: database.dbName });
    return await work();
  } finally {
    await disconnectDatabase();
    await database.embedded?.stop();
  }
}
