/**
 * Start-up changes to stored data, each run once per database: a `migrations` document keyed by
 * the change's name records that it ran, so later starts pay one `_id` lookup, not a scan.
 */
import mongoose from 'mongoose';
import { ignoringDuplicate } from './keys';

interface Migration {
  _id: string;
  at: Date;
}

/** Run `change` unless it already ran on this database; true when it ran now. */
export async function runOnce(name: string, change: () => Promise<unknown>): Promise<boolean> {
  const migrations = mongoose.connection.collection<Migration>('migrations');
  if (await migrations.findOne({ _id: name })) return false;
  await change();
  await ignoringDuplicate(migrations.insertOne({ _id: name, at: new Date() }));
  return true;
}
