/** Notifications no request causes: action items due in three days, looked for every hour (and at start). */
import type { Logger } from '../log';
import type { MeetingNotifications } from './triggers/meetings';

const EVERY_MS = 60 * 60 * 1000;

export function startDueActionNotices(meetings: MeetingNotifications, logger: Logger): () => void {
  const run = () => void meetings.actionsDue().catch((err: unknown) => logger.warn({ err }, 'notifications: due action items'));
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, EVERY_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
