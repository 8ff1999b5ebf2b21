/**
 * `npm run audit:verify`: walk the audit log in sequence order and check every link of its hash
 * chain, each entry's hash under the key in DATA_DIR, and the anchors kept there
 * (docs/RELIABILITY.md, "The audit log").
 * Exit 0 when it is whole; exit 1 naming the first entry that was changed, removed or reordered, or
 * the first missing one when the log ends before its last anchor. Uses the configured database
 * (MONGODB_URI, or the embedded one in DATA_DIR) — stop the app first when it uses the embedded
 * SQLite database.
 */
import { loadConfig } from '@server/config';
import { verifyAuditLog } from '@server/audit/service';
import { withDatabase } from '@server/db/start';

const config = loadConfig();
const check = await withDatabase(config, () => verifyAuditLog({ dataDir: config.DATA_DIR }));
const anchored = check.anchor ? `; anchored up to ${check.anchor.seq} at ${check.anchor.at}` : '; no anchors yet';
if (check.ok) {
  console.log(`audit log: ${check.entries} entries, chain intact; head ${check.head?.seq ?? 0} ${check.head?.hash ?? '-'}${anchored}`);
} else if (check.brokenAt === null) {
  console.error(`audit log: cannot be checked: ${check.problem}`);
} else {
  console.error(`audit log: BROKEN at entry ${check.brokenAt}: ${check.problem} (${check.entries} entries verified before it)`);
}
process.exit(check.ok ? 0 : 1);
