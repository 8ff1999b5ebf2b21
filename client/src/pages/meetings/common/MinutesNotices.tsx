import { Link } from 'react-router';
import { useMeetingsT } from '../useMeetingsT';
import type { MinutesNotice } from './useMeetingEvents';

/** "議事録が公開されました" / "議事録の確認依頼が届きました", each with a link and a dismiss button. */
export function MinutesNotices({ notices, onDismiss }: { notices: MinutesNotice[]; onDismiss: (notice: MinutesNotice) => void }) {
  const mt = useMeetingsT();
  return (
    <div className="minutes-notices" role="status">
      {notices.map((notice) => (
        <div key={`${notice.kind}:${notice.meetingId}`} className="notice notice--info minutes-notices__item">
          <p>
            {mt(`meetings.notices.${notice.kind}`, { title: notice.title })}{' '}
            <Link to={`/meetings/${notice.meetingId}`}>{mt('meetings.notices.open')}</Link>
          </p>
          <button type="button" className="button button--tertiary button--small" onClick={() => onDismiss(notice)}>
            {mt('meetings.notices.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
