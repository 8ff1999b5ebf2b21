/** `npm run seed`: seed the council into the configured database (idempotent). */
import { loadConfig, seedsDemoAccounts } from '@server/config';
import { connectDatabase, disconnectDatabase } from '@server/db/connection';
import { startDatabase } from '@server/db/start';
import { seedCouncil } from '@server/seed/seed';

const config = loadConfig();
const database = await startDatabase(config);
try {
  await connectDatabase(database.uri, { dbName: database.dbName });
  const result = await seedCouncil({ demo: seedsDemoAccounts(config) });
  console.log(`seed: ${result.organizationsCreated} organisations and ${result.usersCreated} accounts created (existing ones kept)`);
} finally {
  await disconnectDatabase();
  await database.embedded?.stop();
}
