import type { RouteObject } from 'react-router';
import { lazyRoute } from '@client/lazyRoute';

/**
 * Every /status page (開発状況報告), as children of the signed-in layout, each a chunk of its own
 * fetched when first shown (the round's picture brings the charting library). The layout keeps
 * them live with `status.changed`.
 */
export const statusRoutes: RouteObject[] = [
  {
    path: 'status',
    lazy: lazyRoute(() => import('./StatusLayout'), 'StatusLayout'),
    children: [
      { index: true, lazy: lazyRoute(() => import('./RoundListPage'), 'RoundListPage') },
      { path: 'new', lazy: lazyRoute(() => import('./RoundFormPage'), 'NewRoundPage') },
      { path: ':roundId', lazy: lazyRoute(() => import('./RoundPage'), 'RoundPage') },
      { path: ':roundId/edit', lazy: lazyRoute(() => import('./RoundFormPage'), 'EditRoundPage') },
      { path: ':roundId/areas/:area', lazy: lazyRoute(() => import('./AreaPage'), 'AreaPage') },
      { path: ':roundId/reports/:orgId', lazy: lazyRoute(() => import('./report/ReportPage'), 'ReportPage') },
      { path: ':roundId/reports/:orgId/versions', lazy: lazyRoute(() => import('./VersionsPage'), 'VersionsPage') },
    ],
  },
];
