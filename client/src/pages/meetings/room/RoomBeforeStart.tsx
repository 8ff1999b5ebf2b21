import { Link } from 'react-router';
import { useCurrentUser } from '@client/components/CurrentUser';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { Notice } from '@client/components/Notice';
import { withUserContent } from '@client/components/withUserContent';
import { useMeeting } from '@client/queries/meetings';
import { KindBadge, MeetingStatusBadge } from '../common/MeetingBadges';
import { MeetingTime } from '../common/MeetingTime';
import { StatusControls } from '../detail/StatusControls';
import { useMeetingsT } from '../useMeetingsT';

/**
 * The room of a meeting that has not started (the server refuses to let anyone in yet): what the
 * meeting is and when it starts, and for the secretariat the button that starts it. Whoever waits
 * here is let in when it starts (useMeetingRoom joins on `meeting.changed`).
 */
export function RoomBeforeStart({ meetingId }: { meetingId: string }) {
  const mt = useMeetingsT();
  const me = useCurrentUser();
  const meeting = useMeeting(meetingId);
  const back = { to: `/meetings/${meetingId}`, label: mt('meetings.room.backToMeeting') };
  if (meeting.isPending) return <LoadingState />;
  if (meeting.isError)
    return (
      <ErrorState error={meeting.error} onRetry={() => void meeting.refetch()} back={back} notFound={mt('meetings.detail.notFound')} />
    );
  const data = meeting.data;
  const manage = me.abilities['meeting.manage'];

  return (
    <>
      <p className="back-link">
        <Link to={back.to}>{back.label}</Link>
      </p>
      <header className="room-header">
        <p className="meeting-header__badges">
          <KindBadge kind={data.kind} />
          <MeetingStatusBadge status={data.status} />
        </p>
        <h1>{withUserContent((title) => mt('meetings.room.pageTitle', { title }), data.title)}</h1>
        <dl className="facts">
          <div className="facts__row">
            <dt>{mt('meetings.room.before.startsAt')}</dt>
            <dd>
              <MeetingTime startsAt={data.startsAt} endsAt={data.endsAt} />
            </dd>
          </div>
        </dl>
      </header>
      {data.status === 'cancelled' ? (
        <Notice tone="warning">{mt('meetings.room.before.cancelled')}</Notice>
      ) : data.status === 'draft' ? (
        <Notice tone="info">{mt('meetings.room.before.draft')}</Notice>
      ) : manage ? (
        <Notice tone="info" title={mt('meetings.room.before.notOpen')}>
          <p>{mt('meetings.room.before.startLead')}</p>
        </Notice>
      ) : (
        <Notice tone="info" title={mt('meetings.room.before.notOpen')}>
          <p>{mt('meetings.room.before.opensWhenStarted')}</p>
        </Notice>
      )}
      {manage && data.status === 'scheduled' && <StatusControls meeting={data} only={['live']} />}
    </>
  );
}
