/**
 * The mongoose connection. Only the portable MongoDB subset (DESIGN.md §4) is used, so the same
 * code runs on FerretDB, MongoDB and the managed MongoDB-compatible services.
 */
import mongoose from 'mongoose';
import { log } from '../log';
import { probeEngine } from './engine';
import '../models';

// Values from requests are never treated as query operators: `{ $gt: '' }` becomes an equality
// match on the literal object (and the zod schemas reject such values before they get here).
// Our own code marks the operators it means with `trusted()`.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);
mongoose.set('autoIndex', false);
// A request never waits long for a database that is down: it fails and gets a 503.
mongoose.set('bufferTimeoutMS', 5_000);
// No buffering at all: after an outage, mongoose's own "connected" state can stay "disconnected"
// while the driver already reaches the server again, and every buffered command then timed out —
// the app answered 503 until restarted (test/faults.test.ts). The driver waits for the server
// itself (serverSelectionTimeoutMS) and recovers by itself.
mongoose.set('bufferCommands', false);

export interface ConnectOptions {
  /** Database name; overrides the one in the URI. */
  dbName?: string;
}

/** How often the driver's monitor checks the server; the watchdog counts in these. */
export const HEARTBEAT_MS = 2_000;

/** Where the connection goes, for the watchdog's own probe. */
let openedUri: string | null = null;
/** Since when the driver has seen the server as Unknown (unreachable), or null while it reaches it. */
let unknownSince: number | null = null;

export async function connectDatabase(uri: string, options: ConnectOptions = {}): Promise<typeof mongoose> {
  await mongoose.connect(uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: 5_000,
    socketTimeoutMS: 30_000,
    // The driver's monitor notices a database that died or hangs within seconds, not the default
    // 10 s + 30 s, and then interrupts the connections stuck on it: otherwise they fill the pool
    // and the app stays unavailable long after the database is back (test/faults.test.ts).
    heartbeatFrequencyMS: HEARTBEAT_MS,
    connectTimeoutMS: 5_000,
  });
  openedUri = uri;
  unknownSince = null;
  mongoose.connection.getClient().on('serverDescriptionChanged', (event) => {
    if (event.newDescription.type !== 'Unknown') unknownSince = null;
    else unknownSince ??= Date.now();
  });
  // Indexes are created explicitly (autoIndex is off) so start-up waits for them and a
  // unique-index conflict in existing data stops the boot instead of being logged and ignored.
  for (const model of Object.values(mongoose.models)) {
    await model.createIndexes();
  }
  await probeEngine(mongoose.connection.db!);
  log.debug({ db: mongoose.connection.name }, 'database connected');
  return mongoose;
}

/** Ping the database, failing after `timeoutMs`. */
export async function pingDatabase(timeoutMs = 2_000): Promise<boolean> {
  const db = mongoose.connection.db;
  // Not readyState: after an outage mongoose may still say "disconnected" while the driver already
  // reaches the server again. Only an answer counts.
  if (!db) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timed out')), timeoutMs);
    });
    await Promise.race([db.admin().ping(), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** For how long the driver has seen the database as unreachable (0 while it reaches it). */
export function unreachableForMs(now = Date.now()): number {
  return unknownSince === null ? 0 : now - unknownSince;
}

/** Whether the database answers a connection of its own, made now (not the app's pool). */
export async function answersNewConnection(timeoutMs = 1_500): Promise<boolean> {
  if (!openedUri) return false;
  const probe = new mongoose.mongo.MongoClient(openedUri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs,
  });
  try {
    await probe.connect();
    await probe.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await probe.close(true).catch(() => undefined);
  }
}

/**
 * Close the driver's client and connect it again: a new topology with new monitors and pools.
 * The same client object stays, so everything holding it (mongoose's models, the session store)
 * keeps working; operations in between fail as "not connected" and are answered 503.
 */
export async function reopenDatabase(): Promise<void> {
  const client = mongoose.connection.getClient();
  await client.close();
  unknownSince = null;
  await client.connect();
}

export async function disconnectDatabase(): Promise<void> {
  openedUri = null;
  await mongoose.disconnect();
}
