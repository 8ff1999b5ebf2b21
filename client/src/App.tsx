import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from '@client/queries/queryClient';
import { LoadingState } from '@client/components/LoadingState';
import { lazyRoute } from '@client/lazyRoute';
import { LoginPage } from '@client/pages/login/LoginPage';
import { registerRoutes } from '@client/pages/register/routes';
import { meetingsRoutes } from '@client/pages/meetings/routes';
import { announcementRoutes } from '@client/pages/announcements/routes';
import { statusRoutes } from '@client/pages/status/routes';
import { NotFoundPage } from '@client/pages/NotFoundPage';
import { RouteErrorPage } from '@client/pages/RouteErrorPage';

// The sign-in page is in the first chunk; the signed-in shell and every page behind it are fetched
// when first shown (see lazyRoute).
const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  // A mail's unsubscribe link: public, the token in its address is the credential.
  {
    path: '/unsubscribe',
    lazy: lazyRoute(() => import('@client/pages/unsubscribe/UnsubscribePage'), 'UnsubscribePage'),
    hydrateFallbackElement: <LoadingState fullPage />,
    errorElement: <RouteErrorPage />,
  },
  {
    path: '/',
    lazy: lazyRoute(() => import('@client/components/SignedInLayout'), 'SignedInLayout'),
    // A first load of a signed-in page, while its code arrives.
    hydrateFallbackElement: <LoadingState fullPage />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <Navigate to="/threads" replace /> },
      { path: 'threads', lazy: lazyRoute(() => import('@client/pages/threads/list/ThreadsPage'), 'ThreadsPage') },
      { path: 'threads/new', lazy: lazyRoute(() => import('@client/pages/threads/new/NewThreadPage'), 'NewThreadPage') },
      {
        path: 'threads/search',
        lazy: lazyRoute(() => import('@client/pages/search/ThreadSearchRedirect'), 'ThreadSearchRedirect'),
      },
      { path: 'threads/:id', lazy: lazyRoute(() => import('@client/pages/threads/view/ThreadPage'), 'ThreadPage') },
      ...registerRoutes,
      ...meetingsRoutes,
      ...announcementRoutes,
      ...statusRoutes,
      { path: 'search', lazy: lazyRoute(() => import('@client/pages/search/SearchPage'), 'SearchPage') },
      { path: 'organizations', lazy: lazyRoute(() => import('@client/pages/organizations/OrganizationsPage'), 'OrganizationsPage') },
      {
        path: 'organizations/:id',
        lazy: lazyRoute(() => import('@client/pages/organizations/OrganizationDetailPage'), 'OrganizationDetailPage'),
      },
      { path: 'profile', lazy: lazyRoute(() => import('@client/pages/profile/ProfilePage'), 'ProfilePage') },
      { path: 'notifications', lazy: lazyRoute(() => import('@client/pages/notifications/InboxPage'), 'InboxPage') },
      {
        path: 'profile/notifications',
        lazy: lazyRoute(() => import('@client/pages/notifications/NotificationSettingsPage'), 'NotificationSettingsPage'),
      },
      { path: 'accounts', lazy: lazyRoute(() => import('@client/pages/accounts/AccountsPage'), 'AccountsPage') },
      { path: 'audit', lazy: lazyRoute(() => import('@client/pages/audit/AuditPage'), 'AuditPage') },
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
