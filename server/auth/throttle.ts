/**
 * Login throttling. Failed sign-ins count against the account, which is locked for a while after
 * too many, and against the client's address, which is refused for a while after too many failures
 * across any accounts (password spraying). Only failures count, so a whole company signing in from
 * behind one NAT address at the start of a plenary is never refused. Both answer 429 with Retry-After.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { tooManyRequests, type HttpError } from '../http/errors';

export interface LoginThrottle {
  /** Throws a 429 when the address or the account is locked out. */
  beforeAttempt(ip: string, email: string): Promise<void>;
  /** Count a failure; throws the 429 instead of the 401 once this failure locks the account or address. */
  failed(ip: string, email: string): Promise<void>;
  succeeded(email: string): Promise<void>;
}

const seconds = (res: RateLimiterRes) => Math.ceil(res.msBeforeNext / 1000);

export function createLoginThrottle(config: Config): LoginThrottle {
  const lockSeconds = config.LOGIN_LOCK_MINUTES * 60;
  const perAccount = new RateLimiterMemory({
    keyPrefix: 'login-account',
    points: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    duration: lockSeconds,
    blockDuration: lockSeconds,
  });
  const perAddress = new RateLimiterMemory({
    keyPrefix: 'login-address',
    points: config.LOGIN_MAX_ATTEMPTS_PER_IP,
    duration: 15 * 60,
    blockDuration: 15 * 60,
  });
  const limits: Array<{ limiter: RateLimiterMemory; points: number; refusal: (retry: number) => HttpError; key: (ip: string, email: string) => string }> = [
    {
      limiter: perAddress,
      points: config.LOGIN_MAX_ATTEMPTS_PER_IP,
      key: (ip) => ip,
      refusal: (retry) => tooManyRequests(`too many failed sign-ins from this address; try again in ${Math.ceil(retry / 60)} minutes`, retry),
    },
    {
      limiter: perAccount,
      points: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      key: (_ip, email) => email,
      refusal: (retry) => tooManyRequests(`too many failed sign-ins for this account; try again in ${Math.ceil(retry / 60)} minutes`, retry),
    },
  ];

  return {
    async beforeAttempt(ip, email) {
      for (const { limiter, points, key, refusal } of limits) {
        const state = await limiter.get(key(ip, email));
        if (state && state.consumedPoints >= points) throw refusal(seconds(state));
      }
    },
    async failed(ip, email) {
      for (const { limiter, points, key, refusal } of limits) {
        try {
          const state = await limiter.consume(key(ip, email));
          if (state.consumedPoints >= points) throw refusal(seconds(state));
        } catch (rejection) {
          if (rejection instanceof RateLimiterRes) throw refusal(seconds(rejection));
          throw rejection;
        }
      }
    },
    async succeeded(email) {
      await perAccount.delete(email);
    },
  };
}
