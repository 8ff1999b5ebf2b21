/**
 * Changes to how stored data is kept, applied at start-up to a database written by an earlier
 * version, each once (server/db/migrations.ts). Add new ones at the end; never edit a shipped one.
 */
import { runOnce } from './db/migrations';
import { log } from './log';
import { keyMinutesConfirmations } from './meetings/upgrade';
import { upgradeStoredMessages } from './threads/backfill';

export async function upgradeStoredData(): Promise<void> {
  await runOnce('2026-11 message buckets and reply sequences', async () => {
    const upgraded = await upgradeStoredMessages();
    log.info(`messages upgraded: ${upgraded.filed} filed in page buckets, ${upgraded.replyCounts} reply counts carried over`);
  });
  await runOnce('2026-12 minutes confirmations keyed per organisation', async () => {
    const moved = await keyMinutesConfirmations();
    if (moved) log.info(`minutes confirmations: ${moved} moved to documents of their own`);
  });
}
