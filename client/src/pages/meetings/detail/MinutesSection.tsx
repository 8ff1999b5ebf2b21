import { Link } from 'react-router';
import type { Meeting } from '@shared/schemas/meetings';
import { useCurrentUser } from '@client/components/CurrentUser';
import { DateTimeText } from '@client/components/DateTimeText';
import { ConfirmationStatus } from '../common/ConfirmationStatus';
import { MinutesAttendees } from '../common/MinutesAttendees';
import { MinutesItemsView } from '../common/MinutesItemsView';
import { useMeetingsT } from '../useMeetingsT';
import { MinutesConfirmForm } from './MinutesConfirmForm';

/**
 * 議事録 on the meeting page: the published minutes for everyone; before that, the draft for the
 * secretariat, and (once circulated) for the presenting organisations, who confirm or comment.
 */
export function MinutesSection({ meeting }: { meeting: Meeting }) {
  const mt = useMeetingsT();
  const me = useCurrentUser();
  const manage = me.abilities['minutes.publish'];
  const minutes = meeting.minutes;
  if (meeting.status !== 'ended' && meeting.status !== 'minutesPublished') return null;

  const presenting = meeting.agenda.some((a) => a.presenter?.id === me.organization.id);
  const awaitingMine = Boolean(minutes?.circulatedAt && !minutes.publishedAt && presenting);

  return (
    <section id="minutes" className="section meeting-section" aria-labelledby="minutes-title" tabIndex={-1}>
      <div className="meeting-section__heading">
        <h2 id="minutes-title">{mt('meetings.minutes.title')}</h2>
        {minutes && !minutes.publishedAt && (
          <span className="meeting-status meeting-status--draft">{mt('meetings.minutes.draftBadge')}</span>
        )}
      </div>
      {!minutes ? (
        <p className="muted">
          {manage ? mt('meetings.minutes.notWrittenSecretariat') : mt('meetings.minutes.notPublished')}{' '}
          {manage && <Link to={`/meetings/${meeting.id}/minutes`}>{mt('meetings.detail.editMinutes')}</Link>}
        </p>
      ) : (
        <>
          {minutes.publishedAt ? (
            <p className="small">
              {mt('meetings.minutes.publishedAt')}: <DateTimeText iso={minutes.publishedAt} />
            </p>
          ) : (
            <p className="notice notice--info">
              {manage ? mt('meetings.minutes.draftNoteSecretariat') : mt('meetings.minutes.draftNotePresenter')}
            </p>
          )}
          <p>
            <Link to={`/meetings/${meeting.id}/minutes/view`}>{mt('meetings.minutes.openDocument')}</Link>
          </p>
          <MinutesAttendees attendees={minutes.attendees} level={3} />
          <MinutesItemsView meeting={meeting} minutes={minutes} />
          {!minutes.publishedAt && <ConfirmationStatus minutes={minutes} />}
          {awaitingMine && <MinutesConfirmForm meeting={meeting} />}
        </>
      )}
    </section>
  );
}
