import { Link } from 'react-router';
import type { MeetingSummary } from '@shared/schemas/meetings';
import { KindBadge, MeetingStatusBadge } from '../common/MeetingBadges';
import { MeetingTime } from '../common/MeetingTime';
import { useMeetingsT } from '../useMeetingsT';
import { RsvpState } from './RsvpState';

/** One meeting in the list: kind, title, when (Japan time), status and the reader's RSVP. */
export function MeetingListItem({ meeting }: { meeting: MeetingSummary }) {
  const mt = useMeetingsT();
  return (
    <li className={`meeting-item meeting-item--${meeting.status}`}>
      <div className="meeting-item__badges">
        <KindBadge kind={meeting.kind} />
        <MeetingStatusBadge status={meeting.status} />
      </div>
      <h3 className="meeting-item__title">
        <Link to={`/meetings/${meeting.id}`} data-user-content>
          {meeting.title}
        </Link>
      </h3>
      <p className="meeting-item__time">
        <MeetingTime startsAt={meeting.startsAt} endsAt={meeting.endsAt} />
      </p>
      <dl className="meeting-item__facts">
        <div>
          <dt>{mt('meetings.list.rsvp')}</dt>
          <dd>
            <RsvpState meeting={meeting} />
          </dd>
        </div>
        {meeting.overdueActionItems > 0 && (
          <div>
            <dt className="visually-hidden">{mt('meetings.actionItems.title')}</dt>
            <dd>
              <span className="overdue-flag">{mt('meetings.actionItems.overdueCount', { count: meeting.overdueActionItems })}</span>
            </dd>
          </div>
        )}
      </dl>
      {meeting.status === 'live' && meeting.invited && (
        <Link className="button button--primary button--small meeting-item__join" to={`/meetings/${meeting.id}/room`}>
          {mt('meetings.detail.enterRoom')}
        </Link>
      )}
    </li>
  );
}
