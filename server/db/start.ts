/** Where the data lives: `MONGODB_URI` when set, otherwise the embedded FerretDB in DATA_DIR. */
import path from 'node:path';
import type { Config } from '../config';
import { log } from '../log';
import { startEmbeddedFerretDB, type EmbeddedDatabase } from './ferretdb';

export interface DatabaseTarget {
  uri: string;
  /** Database name when the URI names none. */
  dbName?: string;
  /** The embedded server, when we started one. */
  embedded?: EmbeddedDatabase;
}

export async function startDatabase(config: Config): Promise<DatabaseTarget> {
  if (config.MONGODB_URI) return { uri: config.MONGODB_URI };
  const dataDir = path.resolve(config.DATA_DIR);
  const embedded = await startEmbeddedFerretDB({ dataDir, bin: config.FERRETDB_BIN });
  log.info(`embedded FerretDB (SQLite) listening at ${embedded.uri}, data in ${dataDir}`);
  return { uri: embedded.uri, dbName: 'council', embedded };
}
