import { BUSINESS_AREAS } from '@shared/reference/council';
import { BusinessAreaList, Health, NodeHealth } from '@shared/schemas/system';
import { seedsDemoAccounts } from '../config';
import type { AppContext } from '../context';
import { pingDatabase } from '../db/connection';
import { defineRoute } from '../http/route';

export function systemRoutes({ config, redis }: AppContext) {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/health',
        tag: 'system',
        summary: 'Liveness, database reachability and, with several nodes, Redis reachability',
        access: 'public',
        responses: {
          200: { description: 'database (and Redis, when shared) up', schema: Health },
          503: { description: 'database or the shared Redis unreachable', schema: Health },
        },
      },
      async ({ res }) => {
        const up = await pingDatabase();
        const shared = redis ? (redis.isUp() ? 'up' : 'down') : 'off';
        res.status(up && shared !== 'down' ? 200 : 503).json({ db: up ? 'up' : 'down', demo: seedsDemoAccounts(config), redis: shared });
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/health/node',
        tag: 'system',
        summary:
          "This node is up and taking work (a load balancer's health check: 503 while it drains at shutdown); says nothing of the database or Redis, which all nodes share",
        access: 'public',
        responses: { 200: { description: 'serving', schema: NodeHealth }, 503: { description: 'draining', schema: NodeHealth } },
      },
      () => ({ node: 'up' as const }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/business-areas',
        tag: 'reference',
        summary: 'The 20 standardised business areas and the ministry responsible for each',
        access: 'user',
        responses: { 200: { description: 'business areas', schema: BusinessAreaList } },
      },
      () => ({ businessAreas: BUSINESS_AREAS }),
    ),
  ];
}
