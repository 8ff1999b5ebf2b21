import { Link } from 'react-router';
import type { MeetingSummary } from '@shared/schemas/meetings';
import { useMeetingsT } from '../useMeetingsT';

/** 「<title>」に戻る above a page about one meeting (its form, its minutes), the title marked as written. */
export function BackToMeeting({ meeting }: { meeting: Pick<MeetingSummary, 'id' | 'title'> }) {
  const mt = useMeetingsT();
  return (
    <p className="back-link">
      <Link to={`/meetings/${meeting.id}`}>
        {mt('meetings.form.backToMeetingBefore')}
        <span data-user-content>{meeting.title}</span>
        {mt('meetings.form.backToMeetingAfter')}
      </Link>
    </p>
  );
}
