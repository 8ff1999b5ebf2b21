/**
 * `npm run audit:verify`: walk the audit log in sequence order and check every link of its hash
 * chain. Exit 0 when it is whole; exit 1 naming the first entry that was changed, removed or
 * reordered. Uses the configured database (MONGODB_URI, or the embedded one in DATA_DIR) — stop
 * the app first when it uses the embedded SQLite database.
 */
import { loadConfig } from '@server/config';
import { verifyAuditLog } from '@server/audit/service';
import { withDatabase } from '@server/db/start';

const check = await withDatabase(loadConfig(), () => verifyAuditLog());
if (check.ok) {
  console.log(`audit log: ${check.entries} entries, chain intact; head ${check.head?.seq ?? 0} ${check.head?.hash ?? '-'}`);
} else {
  console.error(`audit log: BROKEN at entry ${check.brokenAt}: ${check.problem} (${check.entries} entries verified before it)`);
}
process.exit(check.ok ? 0 : 1);
