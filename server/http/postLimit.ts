/**
 * Per-person posting pace: a burst is fine, a flood (a stuck client, a script) is refused with a
 * retry time. One budget per person for everything they write — thread posts, issues, comments,
 * answers, uploads, and the live room's chat and questions — declared on the route
 * (`RouteSpec.limit: postLimit.perPerson`) or consumed by a socket handler. In the shared mode it is kept in Redis,
 * so it holds across nodes (../cluster/limits.ts).
 */
import type { RequestHandler } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { createLimiter } from '../cluster/limits';
import type { SharedRedis } from '../cluster/redis';
import type { Config } from '../config';
import type { UserWithOrganization } from '../users/model';
import { tooManyRequests } from './errors';

export interface PostLimit {
  /** Count one post by `userId`; throws a 429 when they are over the limit. */
  consume(userId: string): Promise<void>;
  /** A route's `limit`: counts the signed-in person's request (the sign-in check after it refuses the rest). */
  perPerson: RequestHandler;
}

/** In the shared mode (`redis`) the budget is the person's across every node. */
export function createPostLimit(config: Pick<Config, 'POSTS_PER_MINUTE'>, redis?: SharedRedis | null): PostLimit {
  const limiter = createLimiter({ keyPrefix: 'posts', points: config.POSTS_PER_MINUTE, duration: 60 }, redis);
  async function consume(userId: string): Promise<void> {
    try {
      await limiter.consume(userId);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      const retry = Math.ceil(res.msBeforeNext / 1000);
      throw tooManyRequests(`you are posting too fast; try again in ${retry} s`, retry);
    }
  }
  return {
    consume,
    perPerson: (req, _res, next) => {
      const user = req.user as UserWithOrganization | undefined;
      if (!user) return next();
      consume(String(user._id)).then(() => next(), next);
    },
  };
}
