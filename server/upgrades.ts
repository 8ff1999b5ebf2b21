/**
 * Changes to how stored data is kept, applied at start-up to a database written by an earlier
 * version, each once (server/db/migrations.ts). Add new ones at the end; never edit a shipped one.
 */
import { runOnce } from './db/migrations';
import { upgradeHistoryLinks, upgradeSupportOrganizations } from './issues/upgrade';
import { log } from './log';
import { rebuildSearchIndex } from './search/rebuild';
import { keyMeetingFloor, keyMinutesConfirmations } from './meetings/upgrade';
import { dropSearchGrams, upgradeStoredMessages } from './threads/backfill';

export async function upgradeStoredData(): Promise<void> {
  await runOnce('2026-11 message buckets and reply sequences', async () => {
    const upgraded = await upgradeStoredMessages();
    log.info(`messages upgraded: ${upgraded.filed} filed in page buckets, ${upgraded.replyCounts} reply counts carried over`);
  });
  await runOnce('2026-12 minutes confirmations keyed per organisation', async () => {
    const moved = await keyMinutesConfirmations();
    if (moved) log.info(`minutes confirmations: ${moved} moved to documents of their own`);
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
  // Replaces '2026-12 message search grams beside the message' (grams moved out of the messages into
  // `message_grams`): the search index (server/search/) replaced both, so a database that never ran it drops them too.
  await runOnce('2026-12 forum search grams dropped for the search index', async () => {
    const dropped = await dropSearchGrams();
    if (dropped) log.info(`forum search grams: dropped from ${dropped} messages and threads`);
  });
  // A database written before search everywhere has content and no index: build it once (docs/SEARCH.md). Later
  // repairs are `npm run search:rebuild`.
  await runOnce('2026-12 search everywhere: the index built from the stored content', async () => {
    const started = Date.now();
    const built = await rebuildSearchIndex();
    if (built.indexed) log.info(`search index: ${built.indexed} items indexed in ${Date.now() - started} ms`);
  });
}
