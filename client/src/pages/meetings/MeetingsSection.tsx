import { Outlet } from 'react-router';

/** The frame of every /meetings page (live updates and notices come from MeetingNotices in the app shell). */
export function MeetingsSection() {
  return <Outlet />;
}
