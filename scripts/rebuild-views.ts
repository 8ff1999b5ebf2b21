/**
 * `npm run rebuild-views`: tell every running app process to read its in-memory views again from
 * the stored documents — the register, the forum's threads (and cached thread pages), the
 * meetings' agenda index, and the status reports' rounds and reports — after documents were
 * written around the app, e.g. restored from a backup. Each process also loads them at start-up.
 * See server/db/collectionView.ts.
 */
import mongoose from 'mongoose';
import { loadConfig } from '@server/config';
import { recordViewChange } from '@server/db/viewFeed';
import { withDatabase } from '@server/db/start';
import { ANNOUNCEMENTS_LOG } from '@server/announcements/model';
import { REGISTER_LOG } from '@server/issues/model';
import { MEETINGS_LOG } from '@server/meetings/model';
import { THREADS_LOG } from '@server/threads/model';
import { STATUS_REPORTS_LOG, STATUS_ROUNDS_LOG } from '@server/statusReports/model';

const config = loadConfig();
await withDatabase(config, async () => {
  for (const name of [REGISTER_LOG, THREADS_LOG, MEETINGS_LOG, ANNOUNCEMENTS_LOG, STATUS_ROUNDS_LOG, STATUS_REPORTS_LOG]) {
    const n = await recordViewChange(mongoose.connection.db!, name, '*');
    console.log(`rebuild-views: ${name} change ${n} recorded; every running process reloads it on its next read`);
  }
});
