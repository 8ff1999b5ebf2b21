import { BUSINESS_AREAS } from '@shared/reference/council';
import { BusinessAreaList, Health } from '@shared/schemas/system';
import { seedsDemoAccounts } from '../config';
import type { AppContext } from '../context';
import { pingDatabase } from '../db/connection';
import { defineRoute } from '../http/route';

export function systemRoutes({ config }: AppContext) {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/health',
        tag: 'system',
        summary: 'Liveness and database reachability',
        access: 'public',
        responses: { 200: { description: 'database up', schema: Health }, 503: { description: 'database unreachable', schema: Health } },
      },
      async ({ res }) => {
        const up = await pingDatabase();
        res.status(up ? 200 : 503).json({ db: up ? 'up' : 'down', demo: seedsDemoAccounts(config) });
      },
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
