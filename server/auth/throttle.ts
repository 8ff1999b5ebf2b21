/**
 * Login throttling. Failed sign-ins count against the account, which is locked for a while after
 * too many, and against the client's address, which is refused for a while after too many failures
 * across any accounts (password spraying). Only failures count, so a whole company signing in from
 * behind one NAT address at the start of a plenary is never refused. Wrong second-factor codes
 * count against the account on a limit of their own. All answer 429 with Retry-After.
 *
 * The counts live in the database (attempts.ts): a restart does not unlock an account, and every
 * app process on one database shares them.
 */
import type { Config } from '../config';
import { tooManyRequests, type HttpError } from '../http/errors';
import { attemptLimiter, sweepAttempts, type AttemptLimiter } from './attempts';

export interface LoginThrottle {
  /** Throws a 429 when the address or the account is locked out. */
  beforeAttempt(ip: string, email: string): Promise<void>;
  /** Count a failure; throws the 429 instead of the 401 once this failure locks the account or address. */
  failed(ip: string, email: string): Promise<void>;
  succeeded(email: string): Promise<void>;
  /** Throws a 429 while the address is refused (a sign-in where no account is named yet: a passkey on its own). */
  beforeAddress(ip: string): Promise<void>;
  /** Count a failure against the address only (an unknown passkey). */
  addressFailed(ip: string): Promise<void>;
  /** Throws a 429 while the account's second factor is locked after too many wrong codes. */
  beforeSecondFactor(userId: string): Promise<void>;
  /** Count a wrong code; throws the 429 once this one locks the account's second factor. */
  secondFactorFailed(userId: string): Promise<void>;
  secondFactorSucceeded(userId: string): Promise<void>;
  /** Stop the sweeper. */
  stop(): void;
}

const SWEEP_INTERVAL_MS = 10 * 60_000;
const ADDRESS_WINDOW_MS = 15 * 60_000;
const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));
const seconds = (ms: number) => Math.ceil(ms / 1000);

interface Limit {
  limiter: AttemptLimiter;
  key: (ip: string, email: string) => string;
  refusal: (retryMs: number) => HttpError;
}

export function createLoginThrottle(config: Config): LoginThrottle {
  const lockMs = config.LOGIN_LOCK_MINUTES * 60_000;
  const limits: Limit[] = [
    {
      limiter: attemptLimiter({
        name: 'login-address',
        maxFailures: config.LOGIN_MAX_ATTEMPTS_PER_IP,
        windowMs: ADDRESS_WINDOW_MS,
        lockMs: ADDRESS_WINDOW_MS,
      }),
      key: (ip) => ip,
      refusal: (retry) =>
        tooManyRequests(`too many failed sign-ins from this address; try again in ${minutes(retry)} minutes`, seconds(retry)),
    },
    {
      limiter: attemptLimiter({ name: 'login-account', maxFailures: config.LOGIN_MAX_FAILURES_PER_ACCOUNT, windowMs: lockMs, lockMs }),
      key: (_ip, email) => email,
      refusal: (retry) =>
        tooManyRequests(`too many failed sign-ins for this account; try again in ${minutes(retry)} minutes`, seconds(retry)),
    },
  ];
  const account = limits[1]!.limiter;
  const secondFactor = attemptLimiter({
    name: 'second-factor',
    maxFailures: config.MFA_MAX_FAILURES_PER_ACCOUNT,
    windowMs: lockMs,
    lockMs,
  });
  const secondFactorRefusal = (retry: number) =>
    tooManyRequests(`too many wrong codes for this account; try again in ${minutes(retry)} minutes`, seconds(retry));

  const sweeper = setInterval(() => void sweepAttempts(Math.max(lockMs, ADDRESS_WINDOW_MS)).catch(() => undefined), SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    async beforeAttempt(ip, email) {
      // Both looked up at once; the address's lock is named first.
      const retries = await Promise.all(limits.map(({ limiter, key }) => limiter.lockedFor(key(ip, email))));
      const first = retries.findIndex((ms) => ms > 0);
      if (first >= 0) throw limits[first]!.refusal(retries[first]!);
    },
    async failed(ip, email) {
      // Both counted before either refuses.
      const locked = await Promise.all(limits.map(({ limiter, key }) => limiter.failed(key(ip, email))));
      const first = locked.findIndex((ms) => ms > 0);
      if (first >= 0) throw limits[first]!.refusal(locked[first]!);
    },
    async succeeded(email) {
      await account.clear(email);
    },
    async beforeAddress(ip) {
      const retry = await limits[0]!.limiter.lockedFor(ip);
      if (retry > 0) throw limits[0]!.refusal(retry);
    },
    async addressFailed(ip) {
      const locked = await limits[0]!.limiter.failed(ip);
      if (locked > 0) throw limits[0]!.refusal(locked);
    },
    async beforeSecondFactor(userId) {
      const retry = await secondFactor.lockedFor(userId);
      if (retry > 0) throw secondFactorRefusal(retry);
    },
    async secondFactorFailed(userId) {
      const locked = await secondFactor.failed(userId);
      if (locked > 0) throw secondFactorRefusal(locked);
    },
    async secondFactorSucceeded(userId) {
      await secondFactor.clear(userId);
    },
    stop: () => clearInterval(sweeper),
  };
}
