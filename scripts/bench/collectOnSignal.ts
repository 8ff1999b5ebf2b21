/**
 * Loaded into both servers under test (`--expose-gc --import …`): on SIGWINCH, two full garbage
 * collections, then the process's memory figures as one `bench:memory {…}` line on stdout. Memory
 * per socket is then measured on what the sockets keep alive, on both sides alike, rather than on
 * when each collector last happened to run (which made the bare server's figure swing 11–25 kB).
 */
const collect = (globalThis as { gc?: () => void }).gc;

process.on('SIGWINCH', () => {
  collect?.();
  collect?.();
  process.stdout.write(`bench:memory ${JSON.stringify({ ...process.memoryUsage(), collected: Boolean(collect) })}\n`);
});
