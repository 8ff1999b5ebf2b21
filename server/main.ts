/**
 * `npm start`: validate the configuration, start (or connect to) the database, seed the council,
 * and serve the API, the sockets and the web client on one port. With REDIS_URL, this node shares its rooms and
 * limits with the others (docs/DEPLOY.md).
 */
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { ConfigError, loadConfig, seedsDemoAccounts } from './config';
import { createApp } from './app';
import { connectRedis, RedisSetupError } from './cluster/redis';
import { openAuditLog } from './audit/log';
import { connectDatabase, disconnectDatabase } from './db/connection';
import { DatabaseSetupError } from './db/ferretdb';
import { startDatabase } from './db/start';
import { watchDatabaseConnection } from './db/watchdog';
import { addContainmentIndexes } from './db/postgresIndexes';
import { log, setLogLevel } from './log';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedCouncil } from './seed/seed';
import { seedDemoContent } from './seed/demoContent';
import { resolveSessionSecret } from './sessionSecret';
import { upgradeStoredData } from './upgrades';
import { registerView } from './issues/registerView';
import { startMailCatcher } from './mail/catcher';
import { lowOpenFilesWarning, openFilesLimit } from './system/openFiles';
import { createMailOutbox } from './mail/outbox';

async function main() {
  const config = loadConfig();
  setLogLevel(config.LOG_LEVEL);
  const fewFiles = lowOpenFilesWarning(openFilesLimit());
  if (fewFiles) log.warn(fewFiles);
  // The shared mode (several nodes): Redis must answer before anything starts (cluster/redis.ts).
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, log) : null;
  const database = await startDatabase(config);
  await connectDatabase(database.uri, { dbName: database.dbName });
  const stopWatchdog = watchDatabaseConnection();
  if (database.embedded && config.FERRETDB_POSTGRESQL_URL) {
    const asked = await addContainmentIndexes(config.FERRETDB_POSTGRESQL_URL, database.dbName ?? 'council');
    log.info(`PostgreSQL: ${asked} GIN indexes for FerretDB's containment filters`);
  }
  // Opened before the demo is seeded: its issue transitions and answers go through the services, which record them.
  // Several nodes on one DATA_DIR anchor the audit log each in a file of their own (audit/anchors.ts).
  const audit = openAuditLog({ dataDir: config.DATA_DIR, node: redis ? `${hostname()}-${config.PORT}` : undefined });
  await upgradeStoredData();
  const demo = seedsDemoAccounts(config);
  const seeded = await seedCouncil({ demo });
  if (seeded.organizationsCreated > 0)
    log.info(`seeded ${seeded.organizationsCreated} organisations, ${seeded.usersCreated} demo accounts`);
  if (demo && (await seedDemoContent())) log.info('seeded demo threads, issues and meetings');

  // The register's in-memory view loads while the server starts listening (registerView.ts).
  void registerView
    .current()
    .catch((err: unknown) => log.error({ err }, 'register view: first load failed; it is retried on the next read'));

  const sessionSecret = resolveSessionSecret(config);
  // Without SMTP_HOST, development keeps its mail in a local catcher; production sends none (outbox.ts warns).
  const mailCatcher =
    !config.SMTP_HOST && config.NODE_ENV !== 'production' ? await startMailCatcher({ port: config.MAIL_CATCHER_PORT }) : undefined;
  const mail = createMailOutbox({ config, logger: log, sessionSecret, transport: mailCatcher?.transport() });
  const council = createApp({ config, sessionSecret, mail, mailCatcher, redis });
  await new Promise<void>((resolve, reject) => {
    council.server.once('error', reject);
    council.server.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = council.server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const lines = [`\n  事業者協議会プラットフォーム — http://${host}:${port}/`];
  if (demo) {
    lines.push(`\n  Demo accounts (password: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.email.padEnd(26)} ${a.description}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  if (mailCatcher) log.info({ smtpPort: mailCatcher.port }, `mail catcher: caught mail at http://${host}:${port}/api/dev/mail`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    const force = setTimeout(() => {
      log.error('shutdown took longer than 15 s; exiting anyway');
      process.exit(1);
    }, 15_000);
    force.unref();
    // Stop accepting, finish the writes already running, tell sockets to reconnect, then close.
    await council.close({ drainMs: 8_000 });
    await redis?.close();
    await mail.close();
    await mailCatcher?.close();
    await audit.close();
    stopWatchdog();
    await disconnectDatabase();
    await database.embedded?.stop();
    process.exit(0);
  };
  // One failed promise nobody awaited must not take the council down with it.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseSetupError || err instanceof RedisSetupError) {
    process.stderr.write(`\n${err.message}\n\n`);
  } else {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  }
  process.exit(1);
});
