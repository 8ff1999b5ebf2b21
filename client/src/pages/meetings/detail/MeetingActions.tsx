import { Link } from 'react-router';
import type { Meeting } from '@shared/schemas/meetings';
import { useCurrentUser } from '@client/components/CurrentUser';
import { DownloadButton } from '../common/DownloadButton';
import { useMeetingsT } from '../useMeetingsT';

const EDITABLE = new Set(['draft', 'scheduled', 'live']);
const RECORDED = new Set(['ended', 'minutesPublished']);

/** What one can do from the meeting page: enter the room (or read its record), add it to a calendar, edit it. */
export function MeetingActions({ meeting }: { meeting: Meeting }) {
  const mt = useMeetingsT();
  const me = useCurrentUser();
  const manage = me.abilities['meeting.manage'];

  return (
    <div className="meeting-actions">
      {meeting.invited && meeting.status === 'live' && (
        <Link className="button button--primary" to={`/meetings/${meeting.id}/room`}>
          {mt('meetings.detail.enterRoom')}
        </Link>
      )}
      {meeting.invited && RECORDED.has(meeting.status) && (
        <Link className="button button--secondary" to={`/meetings/${meeting.id}/room`}>
          {mt('meetings.detail.viewRecord')}
        </Link>
      )}
      {meeting.status !== 'cancelled' && (
        <DownloadButton
          path={`/api/meetings/${encodeURIComponent(meeting.id)}/calendar`}
          fallbackName={`meeting-${meeting.id}.ics`}
          label={mt('meetings.detail.addToCalendar')}
          className="button button--secondary"
        />
      )}
      {manage && EDITABLE.has(meeting.status) && (
        <Link className="button button--secondary" to={`/meetings/${meeting.id}/edit`}>
          {mt('meetings.detail.edit')}
        </Link>
      )}
      {manage && RECORDED.has(meeting.status) && (
        <Link className="button button--secondary" to={`/meetings/${meeting.id}/minutes`}>
          {meeting.status === 'ended' ? mt('meetings.detail.editMinutes') : mt('meetings.detail.minutesRecord')}
        </Link>
      )}
    </div>
  );
}
