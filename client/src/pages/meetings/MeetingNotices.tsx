import { MinutesNotices } from './common/MinutesNotices';
import { useMeetingEvents } from './common/useMeetingEvents';

/**
 * Meeting events on every signed-in page: the meetings cache follows live changes, and when
 * minutes are circulated or published the invited see a notice wherever they are.
 */
export function MeetingNotices() {
  const { notices, dismiss } = useMeetingEvents();
  return <MinutesNotices notices={notices} onDismiss={dismiss} />;
}
