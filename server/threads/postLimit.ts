/** Per-person posting limit: a burst is fine, a flood (a stuck client, a script) is refused with a retry time. */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { tooManyRequests } from '../http/errors';

export interface PostLimit {
  /** Count one post by `userId`; throws a 429 when they are over the limit. */
  consume(userId: string): Promise<void>;
}

export function createPostLimit(config: Pick<Config, 'POSTS_PER_MINUTE'>): PostLimit {
  const limiter = new RateLimiterMemory({ keyPrefix: 'posts', points: config.POSTS_PER_MINUTE, duration: 60 });
  return {
    async consume(userId) {
      try {
        await limiter.consume(userId);
      } catch (res) {
        if (!(res instanceof RateLimiterRes)) throw res;
        const retry = Math.ceil(res.msBeforeNext / 1000);
        throw tooManyRequests(`you are posting too fast; try again in ${retry} s`, retry);
      }
    },
  };
}
