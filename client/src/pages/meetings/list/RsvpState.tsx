import type { MeetingSummary } from '@shared/schemas/meetings';
import { useMeetingLabels } from '../common/labels';
import { useMeetingsT } from '../useMeetingsT';

const ANSWERABLE = new Set(['scheduled', 'live']);

/** The reader's answer to the invitation, "未回答" while one is still expected, or "招待対象外". */
export function RsvpState({ meeting }: { meeting: MeetingSummary }) {
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  if (!meeting.invited) return <span className="rsvp-state rsvp-state--none">{mt('meetings.rsvp.notInvited')}</span>;
  if (meeting.myRsvp) return <span className={`rsvp-state rsvp-state--${meeting.myRsvp}`}>{labels.rsvp(meeting.myRsvp)}</span>;
  if (ANSWERABLE.has(meeting.status)) return <span className="rsvp-state rsvp-state--awaiting">{mt('meetings.rsvp.unanswered')}</span>;
  return <span className="rsvp-state rsvp-state--none">{mt('meetings.rsvp.noAnswer')}</span>;
}
