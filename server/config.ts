/** Configuration from the environment, validated once at boot. */
import { z } from 'zod';

const Port = z.coerce.number().int().min(0).max(65535);
const Minutes = z.coerce.number().int().positive();

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: Port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  FERRETDB_BIN: z.string().min(1).optional(),
  /** Run the embedded FerretDB on this PostgreSQL database instead of SQLite. */
  FERRETDB_POSTGRESQL_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_ORIGIN: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.url('must be a comma-separated list of origins like https://council.example.jp'))),
  /**
   * The passkeys' relying party id: a domain the origins are on (`council.example.jp`). Defaults to
   * the host of the first PUBLIC_ORIGIN; a passkey works only under the id it was made for.
   */
  WEBAUTHN_RP_ID: z
    .string()
    .regex(
      /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/,
      'must be a domain name like council.example.jp',
    )
    .optional(),
  SESSION_IDLE_MINUTES: Minutes.default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: Minutes.default(15),
  LOGIN_MAX_ATTEMPTS_PER_IP: z.coerce.number().int().positive().default(50),
  /** Wrong second-factor codes an account may give (sign-in, enrolment, disabling) before it is locked for LOGIN_LOCK_MINUTES. */
  MFA_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  /** How long a right password waits for its second factor before the person must start again. */
  MFA_PENDING_MINUTES: Minutes.default(5),
  /**
   * Which proxies' X-Forwarded-* to believe (the client's address for the login throttle and the audit log, https):
   * `false` (none), `true` (any: only when the app cannot be reached but through the proxy), a hop count (`1`), or
   * express's names and addresses (`loopback`, `10.0.0.0/8,10.1.2.3`): behind nginx on the same host, `loopback`.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(
      /^(true|false|\d+|(loopback|linklocal|uniquelocal|[\da-fA-F.:]+(\/\d+)?)(\s*,\s*(loopback|linklocal|uniquelocal|[\da-fA-F.:]+(\/\d+)?))*)$/,
      'must be true, false, a number of hops, or addresses and names like loopback,10.0.0.0/8',
    )
    .default('false')
    .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
  /**
   * Several app nodes (docs/DEPLOY.md): their Socket.IO rooms and their posting and socket-event limits shared
   * through this Redis (or Valkey). Unset: one node alone.
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Turns on `GET /metrics` (Prometheus's text format), for a scraper that sends it as a bearer token. */
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  /** What one person may write per minute (messages, threads, issues, comments, answers, room chat and questions, uploads; REST and sockets together). */
  POSTS_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** How long a request or socket event may take before it is answered 503 (uploads excepted). */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** Socket events one person may send per 10 seconds, over all their sockets (typing, joins, sends…); more get an error ack. */
  SOCKET_EVENTS_PER_10S: z.coerce.number().int().positive().default(200),
  /** How often a socket's session is looked at again when nothing else says it ended (reads; idle sockets). */
  SOCKET_SESSION_CHECK_MS: z.coerce.number().int().positive().default(60_000),
  /** Admission control (http/work.ts): new writes are refused while ADMISSION_MAX_WRITES writes run, or ADMISSION_LATE_WRITES have run longer than ADMISSION_LATE_MS. */
  ADMISSION_MAX_WRITES: z.coerce.number().int().positive().default(32),
  ADMISSION_LATE_WRITES: z.coerce.number().int().positive().default(8),
  ADMISSION_LATE_MS: z.coerce.number().int().min(50).default(1_000),
  /** The SMTP server mail goes through; without it, development starts a local mail catcher and production sends none. */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: Port.refine((port) => port > 0, 'must be a port number from 1 to 65535').default(587),
  /** Implicit TLS (port 465); otherwise STARTTLS is used whenever the server offers it. */
  SMTP_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** The sender of every mail: an address, or a name and an address in angle brackets. */
  MAIL_FROM: z
    .string()
    .regex(/^([^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'must be an address like 事業者協議会 <no-reply@council.example.jp>')
    .default('事業者協議会 <no-reply@council.invalid>'),
  /** The hour (0–23, Japan time) the daily digest of notifications is sent. */
  MAIL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  /** The local mail catcher's SMTP port (development, without SMTP_HOST); the kernel chooses one when unset. */
  MAIL_CATCHER_PORT: Port.optional(),
  SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parse the environment; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`MONGODB_URI=`) means unset, as in most tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = ConfigSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  const rpId = config.WEBAUTHN_RP_ID;
  const offDomain = rpId
    ? config.PUBLIC_ORIGIN.filter((o) => {
        const host = new URL(o).hostname;
        return host !== rpId && !host.endsWith(`.${rpId}`);
      })
    : [];
  if (offDomain.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n  WEBAUTHN_RP_ID: ${offDomain.join(', ')} is not on ${rpId}; passkeys would not work there`,
    );
  }
  if (config.NODE_ENV === 'production' && !config.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required in production');
  }
  if (config.SMTP_USER && !config.SMTP_PASSWORD) {
    throw new ConfigError('Invalid configuration:\n  SMTP_PASSWORD: required with SMTP_USER');
  }
  if (config.SMTP_PASSWORD && !config.SMTP_USER) {
    throw new ConfigError('Invalid configuration:\n  SMTP_USER: required with SMTP_PASSWORD');
  }
  // Links in mail are absolute: in production they must name the address people reach the council at.
  if (config.NODE_ENV === 'production' && config.SMTP_HOST && config.PUBLIC_ORIGIN.length === 0) {
    throw new ConfigError('Invalid configuration:\n  PUBLIC_ORIGIN: required in production with SMTP_HOST (the links in e-mail)');
  }
  return config;
}

/** Demo accounts exist outside production unless SEED_DEMO says otherwise. */
export function seedsDemoAccounts(config: Config): boolean {
  if (config.SEED_DEMO === 'auto') return config.NODE_ENV !== 'production';
  return config.SEED_DEMO === 'true';
}
