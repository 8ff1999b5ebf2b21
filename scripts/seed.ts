/** `npm run seed`: seed the council into the configured database (idempotent). */
import { loadConfig, seedsDemoAccounts } from '@server/config';
import { withDatabase } from '@server/db/start';
import { seedCouncil } from '@server/seed/seed';

const config = loadConfig();
const result = await withDatabase(config, () => seedCouncil({ demo: seedsDemoAccounts(config) }));
console.log(`seed: ${result.organizationsCreated} organisations and ${result.usersCreated} accounts created (existing ones kept)`);
