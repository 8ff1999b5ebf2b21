/**
 * The register's routes (課題管理表), as children of the signed-in layout. Each page is a chunk of
 * its own, fetched when first shown (the dashboard's brings the charting library).
 */
import { useParams, type RouteObject } from 'react-router';
import { lazyRoute } from '@client/lazyRoute';

export const registerRoutes: RouteObject[] = [
  {
    path: 'register',
    lazy: lazyRoute(() => import('./RegisterLayout'), 'RegisterLayout'),
    children: [
      { index: true, lazy: lazyRoute(() => import('./list/RegisterListPage'), 'RegisterListPage') },
      { path: 'new', lazy: lazyRoute(() => import('./new/NewIssuePage'), 'NewIssuePage') },
      { path: 'dashboard', lazy: lazyRoute(() => import('./dashboard/DashboardPage'), 'DashboardPage') },
      {
        path: ':id',
        lazy: async () => {
          const { IssuePage } = await import('./view/IssuePage');
          /** A new issue id is a new page: nothing (an open edit form, a dialog) carries over from the last one. */
          function IssueRoute() {
            const { id } = useParams();
            return <IssuePage key={id} />;
          }
          return { Component: IssueRoute };
        },
      },
    ],
  },
];
