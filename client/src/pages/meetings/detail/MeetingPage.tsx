import { Link, useParams } from 'react-router';
import { useCurrentUser } from '@client/components/CurrentUser';
import { LoadingState } from '@client/components/LoadingState';
import { MeetingLoadError } from '../common/MeetingLoadError';
import { Notice } from '@client/components/Notice';
import { usePageTitle } from '@client/components/usePageTitle';
import { useMeeting } from '@client/queries/meetings';
import { useMeetingsT } from '../useMeetingsT';
import { AgendaSection } from './AgendaSection';
import { AttendanceSection } from './AttendanceSection';
import { MaterialsSection } from './MaterialsSection';
import { MeetingActions } from './MeetingActions';
import { MeetingHeader } from './MeetingHeader';
import { MinutesSection } from './MinutesSection';
import { RsvpPanel } from './RsvpPanel';
import { StatusControls } from './StatusControls';

/** /meetings/:id: everything about one meeting, from its agenda and RSVP to its minutes. */
export function MeetingPage() {
  const mt = useMeetingsT();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const meeting = useMeeting(id);
  usePageTitle(meeting.data?.title ?? mt('meetings.list.title'));
  const manage = me.abilities['meeting.manage'];

  if (meeting.isPending) return <LoadingState />;
  if (meeting.isError) return <MeetingLoadError error={meeting.error} retry={() => void meeting.refetch()} />;
  const data = meeting.data;

  return (
    <>
      <p className="back-link">
        <Link to="/meetings">{mt('meetings.detail.backToList')}</Link>
      </p>
      <MeetingHeader meeting={data} />
      {data.status === 'draft' && <Notice tone="info">{mt('meetings.detail.draftNote')}</Notice>}
      {data.status === 'cancelled' && <Notice tone="warning">{mt('meetings.detail.cancelledNote')}</Notice>}
      {!data.invited && <p className="small muted">{mt('meetings.detail.notInvitedNote')}</p>}
      <MeetingActions meeting={data} />
      {manage && <StatusControls meeting={data} />}
      <RsvpPanel meeting={data} />
      <AgendaSection meeting={data} canManage={manage} />
      <MaterialsSection meeting={data} canManage={manage} />
      <MinutesSection meeting={data} />
      {manage && data.status !== 'draft' && <AttendanceSection meeting={data} />}
    </>
  );
}
