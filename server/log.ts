/**
 * The app's logger (pino): one JSON line per entry on stderr, for journald and log shippers.
 * Lines are written synchronously, so nothing is lost when the process exits right after logging.
 * `LOG_LEVEL` sets the level (info by default); tests turn it down to errors.
 *
 * Requests and socket events log through child loggers carrying their request id
 * (`server/http/requestLog.ts`, `server/realtime/events.ts`); everything else uses `log` itself.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LEVELS)[number];

function levelFromEnv(): LogLevel {
  const asked = process.env.LOG_LEVEL;
  return LEVELS.find((level) => level === asked) ?? 'info';
}

export interface LoggerOptions {
  /** Where lines go; stderr by default. Tests pass a stream of their own to read them. */
  destination?: DestinationStream;
  level?: LogLevel;
}

/** A logger like the app's, writing to `destination`. */
export function createLogger({
  destination = pino.destination({ fd: 2, sync: true }),
  level = levelFromEnv(),
}: LoggerOptions = {}): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // No line names a credential, even if a whole request or response is logged one day.
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    },
    destination,
  );
}

export const log = createLogger();

export function setLogLevel(level: LogLevel): void {
  log.level = level;
}
