import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from '@client/queries/queryClient';
import { RequireAuth } from '@client/components/RequireAuth';
import { AppShell } from '@client/components/AppShell';
import { LoginPage } from '@client/pages/login/LoginPage';
import { ThreadsPage } from '@client/pages/threads/list/ThreadsPage';
import { ThreadSearchPage } from '@client/pages/threads/search/ThreadSearchPage';
import { NewThreadPage } from '@client/pages/threads/new/NewThreadPage';
import { ThreadPage } from '@client/pages/threads/view/ThreadPage';
import { registerRoutes } from '@client/pages/register/routes';
import { meetingsRoutes } from '@client/pages/meetings/routes';
import { OrganizationsPage } from '@client/pages/organizations/OrganizationsPage';
import { OrganizationDetailPage } from '@client/pages/organizations/OrganizationDetailPage';
import { ProfilePage } from '@client/pages/profile/ProfilePage';
import { AccountsPage } from '@client/pages/accounts/AccountsPage';
import { AuditPage } from '@client/pages/audit/AuditPage';
import { NotFoundPage } from '@client/pages/NotFoundPage';
import { RouteErrorPage } from '@client/pages/RouteErrorPage';

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <Navigate to="/threads" replace /> },
      { path: 'threads', element: <ThreadsPage /> },
      { path: 'threads/new', element: <NewThreadPage /> },
      { path: 'threads/search', element: <ThreadSearchPage /> },
      { path: 'threads/:id', element: <ThreadPage /> },
      ...registerRoutes,
      ...meetingsRoutes,
      { path: 'organizations', element: <OrganizationsPage /> },
      { path: 'organizations/:id', element: <OrganizationDetailPage /> },
      { path: 'profile', element: <ProfilePage /> },
      { path: 'accounts', element: <AccountsPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
