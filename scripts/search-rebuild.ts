/**
 * `npm run search:rebuild`: build the search index again from the stored threads, messages, issues, comments,
 * answers, meetings (agenda, minutes), announcements, organisations and file names (docs/SEARCH.md). It may run while
 * the app runs: items written meanwhile are kept; searches meanwhile find only what is indexed so far (the index is
 * cleared first). Needs the database the app uses (the embedded one is started if it is not running).
 */
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '@server/config';
import { withDatabase } from '@server/db/start';
import { rebuildSearchIndex } from '@server/search/rebuild';

const config = loadConfig();
await withDatabase(config, async () => {
  const started = Date.now();
  const bar = new SingleBar({ format: 'search:rebuild {phase} [{bar}] {value}/{total} items', hideCursor: true }, Presets.shades_classic);
  let barStarted = false;
  const result = await rebuildSearchIndex((p) => {
    if (p.total === undefined) {
      process.stderr.write(`\rsearch:rebuild reading stored content… ${p.done} items`);
      return;
    }
    if (!barStarted) {
      process.stderr.write('\n');
      bar.start(p.total, 0, { phase: p.phase });
      barStarted = true;
    }
    bar.update(p.done, { phase: p.phase });
  });
  if (barStarted) bar.stop();
  console.log(`search:rebuild: ${result.indexed} items in ${result.segments} segments, ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
