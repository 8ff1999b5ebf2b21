/**
 * What the database engine behind the connection serves from an index, asked once per connection
 * (docs/DATABASE.md, "Query shapes by engine"). Reads whose best shape differs between engines ask
 * here instead of guessing from the configuration: the app may run on the embedded engine, on one
 * it was pointed at (`MONGODB_URI`), or on FerretDB over PostgreSQL.
 *
 * `indexedIn`: an `$in` on an indexed field is a set of index lookups. True on MongoDB and on our
 * build of FerretDB's SQLite backend (scripts/ferretdb/README.md, change 1); false on FerretDB over
 * PostgreSQL, which pushes down only plain equalities and so reads a whole collection for an `$in`,
 * and on upstream FerretDB's SQLite backend. An engine that cannot say counts as false.
 */
import type { Db } from 'mongodb';
import { log } from '../log';

export interface EngineTraits {
  indexedIn: boolean;
}

/** Until a connection has been probed: the shapes every engine serves well enough. */
const CAUTIOUS: EngineTraits = { indexedIn: false };
let traits: EngineTraits = CAUTIOUS;

/** A small collection of its own, so the probe's plan is a real one (FerretDB explains nothing for a missing collection). */
const PROBE = 'engine_probe';

/** Ask the engine behind `db`; the answer holds for the connection until the next probe. */
export async function probeEngine(db: Db): Promise<EngineTraits> {
  const build = await db.admin().command({ buildInfo: 1 });
  if (!('ferretdbVersion' in build)) {
    traits = { indexedIn: true };
  } else {
    await db.collection<{ _id: string }>(PROBE).updateOne({ _id: 'probe' }, { $set: { at: new Date() } }, { upsert: true });
    // FerretDB says whether it handed the filter to its backend; an `_id` lookup pushed down is an index lookup there.
    const plan = await db.command({ explain: { find: PROBE, filter: { _id: { $in: ['probe', 'other'] } } }, verbosity: 'queryPlanner' });
    traits = { indexedIn: plan.filterPushdown === true };
  }
  log.debug({ traits }, 'database engine probed');
  return traits;
}

/** What the engine of the current connection serves from an index. */
export const engineTraits = (): EngineTraits => traits;

/**
 * Use these traits instead of the probed ones until the next probe: tests run the other engines'
 * query shapes on the embedded engine with it, and check that both give the same answers.
 */
export function assumeEngine(assumed: EngineTraits): void {
  traits = assumed;
}
