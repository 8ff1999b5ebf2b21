/**
 * Changes to how stored data is kept, applied at start-up to a database written by an earlier
 * version, each once (server/db/migrations.ts). Add new ones at the end; never edit a shipped one.
 */
import { runOnce } from './db/migrations';
import { upgradeHistoryLinks, upgradeSupportOrganizations } from './issues/upgrade';
import { log } from './log';
import { keyMeetingFloor, keyMinutesConfirmations } from './meetings/upgrade';
import { moveMessageGrams, upgradeStoredMessages } from './threads/backfill';

export async function upgradeStoredData(): Promise<void> {
  await runOnce('2026-11 message buckets and reply sequences', async () => {
    const upgraded = await upgradeStoredMessages();
    log.info(`messages upgraded: ${upgraded.filed} filed in page buckets, ${upgraded.replyCounts} reply counts carried over`);
  });
  await runOnce('2026-12 minutes confirmations keyed per organisation', async () => {
    const moved = await keyMinutesConfirmations();
    if (moved) log.info(`minutes confirmations: ${moved} moved to documents of their own`);
  });
  await runOnce('2026-12 message search grams beside the message', async () => {
    const moved = await moveMessageGrams();
    if (moved) log.info(`message search grams: ${moved} moved out of their messages`);
  });
  await runOnce('2026-12 meeting floor keyed per person', async () => {
    const moved = await keyMeetingFloor();
    if (moved) log.info(`meeting floor: ${moved} people moved to documents of their own`);
  });
  await runOnce('2026-12 issue history names linked threads by id', async () => {
    const upgraded = await upgradeHistoryLinks();
    if (upgraded) log.info(`issue history: ${upgraded} link entries now name their thread by id`);
  });
  await runOnce('2026-12 issue supports carry their organisation at the top level', async () => {
    const upgraded = await upgradeSupportOrganizations();
    if (upgraded) log.info(`issue supports: ${upgraded} now carry organizationId`);
  });
}
