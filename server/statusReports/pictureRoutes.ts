/**
 * 開発状況報告, the read side: the picture of a round (overview, drill-down, progress), its exports
 * and the reports citing a register issue. The routes read top-down (server/http/route.ts); each
 * hands its work to a service that decides what the reader may see.
 */
import { IdParams } from '@shared/schemas/common';
import { AreaDrillDown, AreaParams, IssueCitations, Overview, Progress, ProgressQuery } from '@shared/schemas/statusReports';
import type { AppContext } from '../context';
import { sendExport, XLSX_TYPE } from '../http/download';
import { conflictResponse, errorResponses } from '../http/responses';
import { defineRoute } from '../http/route';
import { issueCitations } from './citations';
import { exportRound } from './export';
import { areaDrillDown, roundOverview } from './picture';
import { roundProgress } from './progress';

const errors = errorResponses;
const ROUND_FILE = { asciiName: 'status-round', japaneseName: '開発状況報告' };

export function statusPictureRoutes(_context: AppContext) {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/status/rounds/:id/overview',
        tag: 'status',
        summary:
          'A round’s aggregates per business area and in total, with the change since the previous round (the secretariat every area; a ministry the areas it oversees; others every area, small ones withheld)',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the overview', schema: Overview }, ...errors },
      },
      ({ actor, params }) => roundOverview({ actor, roundId: params.id }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/status/rounds/:id/areas/:area',
        tag: 'status',
        summary: 'Each vendor’s submitted figures for one business area (the secretariat; a ministry for the areas it oversees)',
        access: 'user',
        params: AreaParams,
        responses: { 200: { description: 'the drill-down', schema: AreaDrillDown }, ...errors },
      },
      ({ actor, params }) => areaDrillDown({ actor, roundId: params.id, area: params.area }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/status/rounds/:id/progress',
        tag: 'status',
        summary: '提出状況: every expected organisation with its report’s state, and the reminders sent (secretariat)',
        access: 'user',
        params: IdParams,
        query: ProgressQuery,
        responses: { 200: { description: 'the progress', schema: Progress }, ...errors },
      },
      ({ actor, params, query }) => roundProgress({ actor, roundId: params.id, query }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/status/rounds/:id/export.xlsx',
        tag: 'status',
        summary: 'The round as an Excel workbook: one sheet per view and the raw rows (secretariat; not a draft; audited)',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the workbook', contentType: XLSX_TYPE }, ...errors, ...conflictResponse },
      },
      async ({ user, params, res }) => {
        sendExport(res, { format: 'xlsx', data: await exportRound({ user, roundId: params.id, format: 'xlsx' }), ...ROUND_FILE });
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/status/rounds/:id/export.csv',
        tag: 'status',
        summary: 'The round’s raw rows (organisation × business area) as CSV, UTF-8 with a BOM (secretariat; not a draft; audited)',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the rows', contentType: 'text/csv' }, ...errors, ...conflictResponse },
      },
      async ({ user, params, res }) => {
        sendExport(res, { format: 'csv', data: await exportRound({ user, roundId: params.id, format: 'csv' }), ...ROUND_FILE });
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/issues/:id/status-citations',
        tag: 'register',
        summary: 'The development status reports that cite this issue as blocking, as far as the reader may see them',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the citing reports', schema: IssueCitations }, ...errors },
      },
      ({ actor, params }) => issueCitations({ actor, issueId: params.id }),
    ),
  ];
}
