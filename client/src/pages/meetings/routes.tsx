import type { RouteObject } from 'react-router';
import { MeetingPage } from './detail/MeetingPage';
import { EditMeetingPage, NewMeetingPage } from './form/MeetingFormPage';
import { MeetingListPage } from './list/MeetingListPage';
import { MeetingsSection } from './MeetingsSection';
import { MinutesDocumentPage } from './minutes/MinutesDocumentPage';
import { MinutesEditorPage } from './minutes/MinutesEditorPage';
import { MeetingRoomPage } from './room/MeetingRoomPage';

/**
 * Every /meetings page, as children of the signed-in layout. They share one frame (MeetingsSection)
 * that keeps meeting caches live and shows minutes notices.
 */
export const meetingsRoutes: RouteObject[] = [
  {
    path: 'meetings',
    element: <MeetingsSection />,
    children: [
      { index: true, element: <MeetingListPage /> },
      { path: 'new', element: <NewMeetingPage /> },
      { path: ':id', element: <MeetingPage /> },
      { path: ':id/edit', element: <EditMeetingPage /> },
      { path: ':id/room', element: <MeetingRoomPage /> },
      {
        // The secretariat's editor, and the minutes as a document for every reader (printable).
        path: ':id/minutes',
        children: [
          { index: true, element: <MinutesEditorPage /> },
          { path: 'view', element: <MinutesDocumentPage /> },
        ],
      },
    ],
  },
];
