import { Outlet } from 'react-router';
import { MinutesNotices } from './common/MinutesNotices';
import { useMeetingEvents } from './common/useMeetingEvents';

/** The frame of every /meetings page: live cache updates and minutes notices around the page itself. */
export function MeetingsSection() {
  const { notices, dismiss } = useMeetingEvents();
  return (
    <>
      <MinutesNotices notices={notices} onDismiss={dismiss} />
      <Outlet />
    </>
  );
}
