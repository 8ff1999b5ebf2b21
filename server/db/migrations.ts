/**
 * Start-up changes to stored data, each run once per database: a `migrations` document keyed by
 * the change's name records that it ran, so later starts pay one `_id` lookup, not a scan. When
 * several nodes start at once (docs/DEPLOY.md), one runs a change — it claims `<name>#running` by a
 * unique insert — and the others wait until it is recorded (a claim older than LEASE_MS, from a node
 * that died mid-way, is taken over).
 */
import mongoose from 'mongoose';
import { ignoringDuplicate, isDuplicateKey } from './keys';

const LEASE_MS = 10 * 60_000;
const WAIT_MS = 500;

interface Migration {
  _id: string;
  at: Date;
}

/** Run `change` unless it already ran on this database; true when it ran now (here, not on another node). */
export async function runOnce(name: string, change: () => Promise<unknown>): Promise<boolean> {
  const migrations = mongoose.connection.collection<Migration>('migrations');
  const claim = `${name}#running`;
  for (;;) {
    if (await migrations.findOne({ _id: name })) return false;
    try {
      await migrations.insertOne({ _id: claim, at: new Date() });
      break;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const held = await migrations.findOne({ _id: claim });
    if (held && Date.now() - held.at.getTime() > LEASE_MS) await migrations.deleteOne({ _id: claim, at: held.at });
    else await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
  }
  try {
    if (await migrations.findOne({ _id: name })) return false;
    await change();
    await ignoringDuplicate(migrations.insertOne({ _id: name, at: new Date() }));
    return true;
  } finally {
    await migrations.deleteOne({ _id: claim });
  }
}
