/**
 * The shared mode's Redis (issue 22; docs/DEPLOY.md): with `REDIS_URL` set, several app nodes share their Socket.IO
 * rooms (./adapter.ts) and their rate limits (./limits.ts) through it. Unset, one node runs alone, as `npm start` does.
 *
 * At start-up Redis must answer, or the boot stops with a message saying so (`RedisSetupError`). While running, a
 * lost Redis is logged once, reported by the health endpoint (503, `redis: 'down'`), and the client reconnects by
 * itself (every 0.1 → 2 s); the rooms' stream resumes where it left off (the Streams adapter), and the limits fall
 * back to each node's memory meanwhile.
 */
import { createClient, type RedisClientType } from 'redis';
import type { Logger } from '../log';

export class RedisSetupError extends Error {}

export interface SharedRedis {
  /** The client every shared feature uses (the adapter duplicates it for its blocking reads). */
  client: RedisClientType;
  /** Whether Redis answers now (health, and the limits' fallback). */
  isUp(): boolean;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;

/** Hide a password in a URL before it is logged or shown. */
export const redactedUrl = (url: string) => url.replace(/\/\/([^@/]*)@/, '//***@');

export async function connectRedis(url: string, logger: Logger): Promise<SharedRedis> {
  let up = false;
  let booted = false;
  const client: RedisClientType = createClient({
    url,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      // At boot: fail (the caller stops the process). Running: try again, soon and then every 2 s, for ever.
      reconnectStrategy: (retries, cause) => (booted ? Math.min(100 * 2 ** retries, 2_000) : cause),
    },
  });
  client.on('ready', () => {
    if (booted && !up) logger.info(`redis: reachable again at ${redactedUrl(url)}; the shared mode is whole`);
    up = true;
  });
  client.on('error', (err: Error) => {
    if (booted && up) logger.error({ err }, `redis: lost ${redactedUrl(url)}; rooms and limits are per node until it is back`);
    up = false;
  });
  client.on('end', () => {
    up = false;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    if (client.isOpen) client.destroy();
    const why = err instanceof Error ? err.message : String(err);
    throw new RedisSetupError(
      `REDIS_URL ${redactedUrl(url)}: Redis does not answer (${why}).\n` +
        `Start Redis (or Valkey) there, fix the URL, or unset REDIS_URL to run this node alone (docs/DEPLOY.md).`,
    );
  }
  booted = true;
  up = true;
  logger.info(`redis: shared mode on ${redactedUrl(url)}`);
  return {
    client,
    isUp: () => up,
    async close() {
      booted = false;
      if (!client.isOpen) return;
      // While Redis is away QUIT would wait for it (commands queue until the client reconnects): let go at once.
      if (!client.isReady) return client.destroy();
      await client.quit().catch(() => client.isOpen && client.destroy());
    },
  };
}
