import type { Meeting } from '@shared/schemas/meetings';
import { isHybrid } from '@shared/meetings/rules';
import { KindBadge, MeetingStatusBadge } from '../common/MeetingBadges';
import { MeetingTime } from '../common/MeetingTime';
import { useMeetingLabels } from '../common/labels';
import { useMeetingsT } from '../useMeetingsT';

/** The meeting's title, kind, status and the facts a participant needs: when, where, how to join. */
export function MeetingHeader({ meeting }: { meeting: Meeting }) {
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const hybrid = isHybrid(meeting.kind);
  const counts = meeting.rsvpCounts;

  return (
    <header className="page-header meeting-header">
      <p className="meeting-header__badges">
        <KindBadge kind={meeting.kind} />
        <MeetingStatusBadge status={meeting.status} />
      </p>
      <h1 data-user-content>{meeting.title}</h1>
      <dl className="facts meeting-header__facts">
        <div className="facts__row">
          <dt>{mt('meetings.detail.when')}</dt>
          <dd>
            <MeetingTime startsAt={meeting.startsAt} endsAt={meeting.endsAt} />
          </dd>
        </div>
        <div className="facts__row">
          <dt>{mt('meetings.detail.online')}</dt>
          <dd>
            {meeting.onlineUrl ? (
              <a href={meeting.onlineUrl} target="_blank" rel="noopener noreferrer" className="break">
                {meeting.onlineUrl}
                <span className="visually-hidden">{mt('meetings.detail.opensNewWindow')}</span>
              </a>
            ) : (
              // The server gives the link to the invited only; the uninvited are told why it is missing.
              <span className="muted">{mt(meeting.invited ? 'meetings.detail.onlineTbd' : 'meetings.detail.onlineInvitedOnly')}</span>
            )}
          </dd>
        </div>
        {hybrid && (
          <div className="facts__row">
            <dt>{mt('meetings.detail.venue')}</dt>
            <dd>
              {meeting.venue ? (
                <span data-user-content>{meeting.venue}</span>
              ) : (
                <span className="muted">{mt('meetings.detail.venueTbd')}</span>
              )}
              {meeting.capacity !== null && (
                <span className="meeting-header__capacity">{mt('meetings.detail.capacity', { count: meeting.capacity })}</span>
              )}
            </dd>
          </div>
        )}
        <div className="facts__row">
          <dt>{mt('meetings.detail.rsvpCounts')}</dt>
          <dd className="meeting-header__counts">
            <span>
              {labels.rsvp('online')} <strong className="numeric">{counts.online}</strong>
            </span>
            {hybrid && (
              <span>
                {labels.rsvp('inPerson')} <strong className="numeric">{counts.inPerson}</strong>
                {meeting.capacity !== null && <span className="muted"> / {meeting.capacity}</span>}
              </span>
            )}
            <span>
              {labels.rsvp('absent')} <strong className="numeric">{counts.absent}</strong>
            </span>
          </dd>
        </div>
      </dl>
      {meeting.overdueActionItems > 0 && (
        <p className="meeting-header__overdue">
          <span className="overdue-flag">{mt('meetings.actionItems.overdueCount', { count: meeting.overdueActionItems })}</span>{' '}
          <a href="#minutes">{mt('meetings.detail.seeMinutes')}</a>
        </p>
      )}
      {meeting.description && (
        <p className="meeting-header__description" data-user-content>
          {meeting.description}
        </p>
      )}
    </header>
  );
}
