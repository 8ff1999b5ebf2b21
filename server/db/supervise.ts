/**
 * The embedded database kept running: if FerretDB exits unexpectedly (a crash, an OOM kill), it is
 * started again on the same address and data, with a growing pause between attempts. The app keeps
 * serving meanwhile — requests that need the database get 503 — and the driver reconnects by itself.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { log } from '../log';
import { startEmbeddedFerretDB, type EmbeddedDatabase, type StartOptions } from './ferretdb';

export interface SupervisedDatabase {
  uri: string;
  /** The FerretDB process running now. */
  current(): EmbeddedDatabase;
  /** Stop it for good (no restart). */
  stop(): Promise<void>;
}

export async function superviseEmbeddedFerretDB(options: StartOptions): Promise<SupervisedDatabase> {
  let running = await startEmbeddedFerretDB(options);
  // The same port again, so the connection string the driver holds stays right.
  const listenAddr = new URL(running.uri).host;
  let stopping = false;

  async function restart(): Promise<void> {
    for (let pause = 250; !stopping; pause = Math.min(pause * 2, 10_000)) {
      await sleep(pause);
      if (stopping) return;
      try {
        running = await startEmbeddedFerretDB({ ...options, listenAddr });
        if (stopping) return void (await running.stop());
        watch(running);
        log.info(`embedded FerretDB is running again at ${running.uri}`);
        return;
      } catch (err) {
        log.error({ err }, 'embedded FerretDB could not be restarted; trying again');
      }
    }
  }

  function watch(database: EmbeddedDatabase): void {
    database.process.once('exit', (code, signal) => {
      if (stopping) return;
      log.warn(`embedded FerretDB exited unexpectedly (${code ?? signal}); restarting it`);
      void restart();
    });
  }

  watch(running);
  return {
    uri: running.uri,
    current: () => running,
    async stop() {
      stopping = true;
      await running.stop();
    },
  };
}
