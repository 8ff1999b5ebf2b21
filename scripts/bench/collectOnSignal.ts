/**
 * Loaded into both servers under test (`--expose-gc --import …`): on SIGWINCH, two full garbage
 * collections, then the process's memory figures as one `bench:memory {…}` line on stdout. Memory
 * per socket is then measured on what the sockets keep alive, on both sides alike, rather than on
 * when each collector last happened to run (which made the bare server's figure swing 11–25 kB).
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const collect = (globalThis as { gc?: () => void }).gc;

process.on('SIGWINCH', () => {
  collect?.();
  collect?.();
  process.stdout.write(`bench:memory ${JSON.stringify({ ...process.memoryUsage(), collected: Boolean(collect) })}\n`);
});

/**
 * With `BENCH_PROFILE_DIR` set, SIGUSR2 starts a CPU profile and a sampling heap profile, and the
 * next SIGUSR2 writes them there (`<pid>-<n>.cpuprofile`, `<pid>-<n>.heapprofile`): the bench sends
 * them around a REST scenario's paced run, so the profiles hold that run alone rather than the
 * start-up and the seeding around it. The heap profile counts what is still alive at the end plus
 * what only a full collection freed, leaving out what died young: what was promoted to the old
 * generation, whose collection is what stalls requests (docs/PERFORMANCE.md).
 */
const profileDir = process.env.BENCH_PROFILE_DIR;
if (profileDir) {
  const session = new Session();
  session.connect();
  let running = false;
  let written = 0;
  process.on('SIGUSR2', () => {
    void (async () => {
      if (!running) {
        running = true;
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 200 });
        await session.post('Profiler.start');
        await session.post('HeapProfiler.startSampling', {
          samplingInterval: 16_384,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: false,
        });
        return;
      }
      running = false;
      const { profile } = await session.post('Profiler.stop');
      const { profile: heap } = await session.post('HeapProfiler.stopSampling');
      mkdirSync(profileDir, { recursive: true });
      written++;
      writeFileSync(path.join(profileDir, `${process.pid}-${written}.cpuprofile`), JSON.stringify(profile));
      writeFileSync(path.join(profileDir, `${process.pid}-${written}.heapprofile`), JSON.stringify(heap));
      process.stdout.write(`bench:profiled\n`);
    })();
  });
}
