/**
 * Login throttling: every attempt counts against the client's IP address; failed attempts count
 * against the account, which is locked for a while after too many. Both answer 429 with Retry-After.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { tooManyRequests } from '../http/errors';

export interface LoginThrottle {
  /** Count an attempt from `ip` and check that `email` is not locked; throws a 429 otherwise. */
  beforeAttempt(ip: string, email: string): Promise<void>;
  /** Count a failure; returns the 429 to throw instead of a 401 once this failure locks the account. */
  failed(email: string): Promise<void>;
  succeeded(email: string): Promise<void>;
}

const seconds = (res: RateLimiterRes) => Math.ceil(res.msBeforeNext / 1000);

export function createLoginThrottle(config: Config): LoginThrottle {
  const lockSeconds = config.LOGIN_LOCK_MINUTES * 60;
  const perIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: config.LOGIN_MAX_ATTEMPTS_PER_IP, duration: 15 * 60 });
  const perAccount = new RateLimiterMemory({
    keyPrefix: 'login-account',
    points: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    duration: lockSeconds,
    blockDuration: lockSeconds,
  });
  const lockedMessage = (retry: number) =>
    tooManyRequests(`too many failed sign-ins for this account; try again in ${Math.ceil(retry / 60)} minutes`, retry);

  return {
    async beforeAttempt(ip, email) {
      try {
        await perIp.consume(ip);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retry = seconds(rejection);
        throw tooManyRequests(`too many sign-in attempts from this address; try again in ${retry} seconds`, retry);
      }
      const account = await perAccount.get(email);
      if (account && account.consumedPoints >= config.LOGIN_MAX_FAILURES_PER_ACCOUNT) {
        throw lockedMessage(seconds(account));
      }
    },
    async failed(email) {
      try {
        await perAccount.consume(email);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        throw lockedMessage(seconds(rejection));
      }
      const account = await perAccount.get(email);
      if (account && account.consumedPoints >= config.LOGIN_MAX_FAILURES_PER_ACCOUNT) {
        throw lockedMessage(seconds(account));
      }
    },
    async succeeded(email) {
      await perAccount.delete(email);
    },
  };
}
