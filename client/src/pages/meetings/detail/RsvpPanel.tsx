import { useId } from 'react';
import { isHybrid, RSVP_RESPONSES, type RsvpResponse } from '@shared/meetings/rules';
import type { Meeting } from '@shared/schemas/meetings';
import { InlineError } from '@client/components/InlineError';
import { isApiError } from '@client/api';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useRsvp } from '@client/queries/meetings';
import { useMeetingLabels } from '../common/labels';
import { useMeetingsT } from '../useMeetingsT';

const ANSWERABLE = new Set(['scheduled', 'live']);

/**
 * 出欠: the invited answer online, in person (consultations only, while places remain) or absent.
 * The answer can be changed until the meeting ends.
 */
export function RsvpPanel({ meeting }: { meeting: Meeting }) {
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const errorMessage = useErrorMessage();
  const id = useId();
  const rsvp = useRsvp(meeting.id);
  if (!meeting.invited || !ANSWERABLE.has(meeting.status)) return null;

  const choices = RSVP_RESPONSES.filter((r) => r !== 'inPerson' || isHybrid(meeting.kind));
  const full = meeting.capacity !== null && meeting.rsvpCounts.inPerson >= meeting.capacity && meeting.myRsvp !== 'inPerson';
  const failure = rsvp.error;
  const failureText = !failure
    ? null
    : isApiError(failure) && failure.status === 409 && rsvp.variables === 'inPerson'
      ? mt('meetings.rsvp.venueFull', { capacity: meeting.capacity ?? 0 })
      : isApiError(failure) && failure.status === 403
        ? mt('meetings.rsvp.notInvitedError')
        : errorMessage(failure);
  const pending = (r: RsvpResponse) => rsvp.isPending && rsvp.variables === r;

  return (
    <section className="card meeting-rsvp" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="meeting-section__title--small">
        {mt('meetings.rsvp.title')}
      </h2>
      <p id={`${id}-current`} aria-live="polite">
        {meeting.myRsvp ? mt('meetings.rsvp.current', { answer: labels.rsvp(meeting.myRsvp) }) : mt('meetings.rsvp.prompt')}
      </p>
      <div className="meeting-rsvp__choices" role="group" aria-labelledby={`${id}-title`} aria-describedby={`${id}-current`}>
        {choices.map((response) => (
          <button
            key={response}
            type="button"
            className={meeting.myRsvp === response ? 'button button--primary' : 'button button--secondary'}
            aria-pressed={meeting.myRsvp === response}
            aria-busy={pending(response) || undefined}
            disabled={rsvp.isPending}
            onClick={() => rsvp.mutate(response)}
          >
            {mt(`meetings.rsvp.choose.${response}`)}
          </button>
        ))}
      </div>
      {isHybrid(meeting.kind) && full && <p className="small muted">{mt('meetings.rsvp.fullHint')}</p>}
      <InlineError message={failureText} />
    </section>
  );
}
