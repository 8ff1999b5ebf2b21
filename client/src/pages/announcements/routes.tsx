import type { RouteObject } from 'react-router';
import { lazyRoute } from '@client/lazyRoute';

/**
 * Every /announcements page, as children of the signed-in layout, each a chunk of its own fetched
 * when first shown. Live updates and the banner come from AnnouncementBanner in the app shell.
 */
export const announcementRoutes: RouteObject[] = [
  {
    path: 'announcements',
    children: [
      { index: true, lazy: lazyRoute(() => import('./AnnouncementListPage'), 'AnnouncementListPage') },
      { path: 'new', lazy: lazyRoute(() => import('./AnnouncementFormPage'), 'NewAnnouncementPage') },
      { path: ':id', lazy: lazyRoute(() => import('./AnnouncementPage'), 'AnnouncementPage') },
      { path: ':id/edit', lazy: lazyRoute(() => import('./AnnouncementFormPage'), 'EditAnnouncementPage') },
      { path: ':id/tracker', lazy: lazyRoute(() => import('./TrackerPage'), 'TrackerPage') },
    ],
  },
];
