/**
 * Rate limits that hold per person whatever node serves them (issue 22): in the shared mode a Redis limiter
 * (rate-limiter-flexible), with a limiter in this node's memory standing in while Redis is unreachable
 * (`rejectIfRedisNotReady`: no request waits on a lost Redis). Alone, the memory limiter as before.
 */
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { SharedRedis } from './redis';

export interface LimitSpec {
  keyPrefix: string;
  points: number;
  /** Seconds. */
  duration: number;
}

export function createLimiter(spec: LimitSpec, redis?: SharedRedis | null): RateLimiterAbstract {
  const memory = new RateLimiterMemory(spec);
  if (!redis) return memory;
  return new RateLimiterRedis({
    ...spec,
    keyPrefix: `council:${spec.keyPrefix}`,
    storeClient: redis.client,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}
