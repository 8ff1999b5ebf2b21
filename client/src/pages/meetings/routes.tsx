import type { RouteObject } from 'react-router';
import { lazyRoute } from '@client/lazyRoute';

/**
 * Every /meetings page, as children of the signed-in layout, each a chunk of its own fetched when
 * first shown. They share one frame (MeetingsSection); meeting caches are kept live and minutes
 * notices shown by MeetingNotices in the app shell.
 */
export const meetingsRoutes: RouteObject[] = [
  {
    path: 'meetings',
    lazy: lazyRoute(() => import('./MeetingsSection'), 'MeetingsSection'),
    children: [
      { index: true, lazy: lazyRoute(() => import('./list/MeetingListPage'), 'MeetingListPage') },
      { path: 'new', lazy: lazyRoute(() => import('./form/MeetingFormPage'), 'NewMeetingPage') },
      { path: ':id', lazy: lazyRoute(() => import('./detail/MeetingPage'), 'MeetingPage') },
      { path: ':id/edit', lazy: lazyRoute(() => import('./form/MeetingFormPage'), 'EditMeetingPage') },
      { path: ':id/room', lazy: lazyRoute(() => import('./room/MeetingRoomPage'), 'MeetingRoomPage') },
      {
        // The secretariat's editor, and the minutes as a document for every reader (printable).
        path: ':id/minutes',
        children: [
          { index: true, lazy: lazyRoute(() => import('./minutes/MinutesEditorPage'), 'MinutesEditorPage') },
          { path: 'view', lazy: lazyRoute(() => import('./minutes/MinutesDocumentPage'), 'MinutesDocumentPage') },
        ],
      },
    ],
  },
];
