import { useParams } from 'react-router';
import { isHybrid } from '@shared/meetings/rules';
import type { Meeting, Minutes } from '@shared/schemas/meetings';
import { DateTimeText } from '@client/components/DateTimeText';
import { LoadingState } from '@client/components/LoadingState';
import { Notice } from '@client/components/Notice';
import { usePageTitle } from '@client/components/usePageTitle';
import { useMeeting } from '@client/queries/meetings';
import { BackToMeeting } from '../common/BackToMeeting';
import { FactList } from '../common/FactList';
import { MeetingLoadError } from '../common/MeetingLoadError';
import { MeetingTime } from '../common/MeetingTime';
import { MinutesAttendees } from '../common/MinutesAttendees';
import { MinutesItemsView } from '../common/MinutesItemsView';
import { useMeetingLabels } from '../common/labels';
import { useMeetingsT } from '../useMeetingsT';

/**
 * /meetings/:id/minutes/view: the minutes as a document — when and how the meeting was held, who
 * was present, and each agenda item — laid out to be read on screen and printed on A4 (the print
 * stylesheet leaves out the menu and every button). 「印刷・PDF保存」 opens the browser's own print
 * dialog, whose "Save as PDF" makes the PDF (docs/MEETINGS.md, "The minutes page, printing and PDF").
 */
export function MinutesDocumentPage() {
  const mt = useMeetingsT();
  const meeting = useMeeting(useParams().id ?? '');
  usePageTitle(meeting.data ? mt('meetings.document.pageTitle', { title: meeting.data.title }) : mt('meetings.document.eyebrow'));
  if (meeting.isError) return <MeetingLoadError error={meeting.error} retry={() => void meeting.refetch()} />;
  return meeting.data ? (
    <>
      <BackToMeeting meeting={meeting.data} />
      <MinutesDocument meeting={meeting.data} minutes={meeting.data.minutes} />
    </>
  ) : (
    <LoadingState />
  );
}

function MinutesDocument({ meeting, minutes }: { meeting: Meeting; minutes: Minutes | null }) {
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const draft = minutes !== null && !minutes.publishedAt;
  return (
    <article className="minutes-document">
      <header className="page-header minutes-document__header">
        {/* On paper the page has no site header: the council's name heads the minutes instead. */}
        <p className="minutes-document__council">{mt('app.councilFull')}</p>
        <p className="page-header__eyebrow">
          {mt('meetings.document.eyebrow')}
          {draft && <span className="meeting-status meeting-status--draft">{mt('meetings.minutes.draftBadge')}</span>}
        </p>
        <h1 data-user-content>{meeting.title}</h1>
      </header>
      {minutes === null ? (
        <Notice tone="info">
          <p>{mt('meetings.document.notAvailable')}</p>
        </Notice>
      ) : (
        <>
          <div className="minutes-document__print">
            <button type="button" className="button button--secondary" onClick={() => window.print()}>
              {mt('meetings.document.print')}
            </button>
            <p className="small muted">{mt('meetings.document.printHint')}</p>
          </div>
          {draft && <p className="notice notice--info">{mt('meetings.document.draftNote')}</p>}
          <FactList
            className="facts minutes-document__facts"
            rowClassName="facts__row"
            facts={[
              [mt('meetings.document.when'), <MeetingTime startsAt={meeting.startsAt} endsAt={meeting.endsAt} />],
              [mt('meetings.document.kind'), labels.kind(meeting.kind)],
              [
                mt('meetings.document.place'),
                isHybrid(meeting.kind) && meeting.venue ? (
                  <span data-user-content>{mt('meetings.document.hybrid', { venue: meeting.venue })}</span>
                ) : (
                  mt('meetings.document.online')
                ),
              ],
              minutes.publishedAt ? [mt('meetings.minutes.publishedAt'), <DateTimeText iso={minutes.publishedAt} />] : null,
            ]}
          />
          <MinutesAttendees attendees={minutes.attendees} level={2} />
          <section className="minutes-document__proceedings" aria-labelledby="minutes-proceedings-title">
            <h2 id="minutes-proceedings-title">{mt('meetings.document.proceedings')}</h2>
            <MinutesItemsView meeting={meeting} minutes={minutes} />
          </section>
        </>
      )}
    </article>
  );
}
