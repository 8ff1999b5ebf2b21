/**
 * `npm run rebuild-views`: tell every running app process to read the register again from the
 * stored issues (after issues were written around the app, e.g. restored from a backup). Each
 * process also does it at start-up. See server/issues/registerView.ts.
 */
import mongoose from 'mongoose';
import { loadConfig } from '@server/config';
import { recordChange } from '@server/db/changeLog';
import { withDatabase } from '@server/db/start';
import { REGISTER_LOG } from '@server/issues/model';

const config = loadConfig();
const n = await withDatabase(config, () => recordChange(mongoose.connection.db!, REGISTER_LOG, '*'));
console.log(`rebuild-views: register change ${n} recorded; every running process reloads the register on its next read`);
