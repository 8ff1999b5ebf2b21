/**
 * The register's routes (課題管理表), as children of the signed-in layout. The dashboard is
 * loaded on demand: it alone needs the charting library.
 */
import { useParams, type RouteObject } from 'react-router';
import { RegisterLayout } from './RegisterLayout';
import { RegisterListPage } from './list/RegisterListPage';
import { NewIssuePage } from './new/NewIssuePage';
import { IssuePage } from './view/IssuePage';

/** A new issue id is a new page: nothing (an open edit form, a dialog) carries over from the last one. */
function IssueRoute() {
  const { id } = useParams();
  return <IssuePage key={id} />;
}

export const registerRoutes: RouteObject[] = [
  {
    path: 'register',
    element: <RegisterLayout />,
    children: [
      { index: true, element: <RegisterListPage /> },
      { path: 'new', element: <NewIssuePage /> },
      {
        path: 'dashboard',
        lazy: async () => ({ Component: (await import('./dashboard/DashboardPage')).DashboardPage }),
      },
      { path: ':id', element: <IssueRoute /> },
    ],
  },
];
