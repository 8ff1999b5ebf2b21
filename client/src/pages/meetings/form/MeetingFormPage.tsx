import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useCurrentUser } from '@client/components/CurrentUser';
import { LoadingState } from '@client/components/LoadingState';
import { BackToMeeting } from '../common/BackToMeeting';
import { MeetingLoadError } from '../common/MeetingLoadError';
import { NotPermitted } from '@client/components/NotPermitted';
import { Notice } from '@client/components/Notice';
import { usePageTitle } from '@client/components/usePageTitle';
import { useCreateMeeting, useMeeting, useUpdateMeeting } from '@client/queries/meetings';
import type { MeetingCreateBody, MeetingUpdateBody } from '@shared/schemas/meetings';
import { useMeetingsT } from '../useMeetingsT';
import { MeetingForm } from './MeetingForm';
import { draftFromMeeting, emptyDraft } from './meetingDraft';

/** Once a meeting has ended (or was cancelled) its record is fixed: the server refuses edits too. */
const LOCKED = new Set(['ended', 'minutesPublished', 'cancelled']);

/** /meetings/new: the secretariat drafts a meeting (it starts as 下書き, visible only to the secretariat). */
export function NewMeetingPage() {
  const mt = useMeetingsT();
  usePageTitle(mt('meetings.form.newTitle'));
  const me = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreateMeeting();
  const initial = useMemo(emptyDraft, []);
  if (!me.abilities['meeting.manage']) return <MeetingFormRefused />;

  return (
    <>
      <p className="back-link">
        <Link to="/meetings">{mt('meetings.detail.backToList')}</Link>
      </p>
      <header className="page-header">
        <h1>{mt('meetings.form.newTitle')}</h1>
        <p className="lead">{mt('meetings.form.newLead')}</p>
      </header>
      <MeetingForm
        initial={initial}
        mode="create"
        busy={create.isPending}
        submitLabel={mt('meetings.form.create')}
        onSubmit={async (body) => {
          const meeting = await create.mutateAsync(body as MeetingCreateBody);
          void navigate(`/meetings/${meeting.id}`);
        }}
        onCancel={() => void navigate('/meetings')}
      />
    </>
  );
}

/** /meetings/:id/edit: the secretariat changes a meeting until it has ended. */
export function EditMeetingPage() {
  const mt = useMeetingsT();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const meeting = useMeeting(id);
  const update = useUpdateMeeting(id);
  usePageTitle(meeting.data ? mt('meetings.form.editTitle', { title: meeting.data.title }) : mt('meetings.form.editHeading'));
  if (!me.abilities['meeting.manage']) return <MeetingFormRefused />;
  if (meeting.isPending) return <LoadingState />;
  if (meeting.isError) return <MeetingLoadError error={meeting.error} retry={() => void meeting.refetch()} />;

  const back = `/meetings/${id}`;
  return (
    <>
      <BackToMeeting meeting={meeting.data} />
      <header className="page-header">
        <h1>{mt('meetings.form.editHeading')}</h1>
      </header>
      {LOCKED.has(meeting.data.status) ? (
        <Notice tone="info">{mt('meetings.form.locked')}</Notice>
      ) : (
        <MeetingForm
          // Read once: a background refetch must not wipe what is being typed.
          initial={draftFromMeeting(meeting.data)}
          mode="edit"
          busy={update.isPending}
          submitLabel={mt('meetings.form.save')}
          onSubmit={async (body) => {
            await update.mutateAsync(body as MeetingUpdateBody);
            void navigate(back);
          }}
          onCancel={() => void navigate(back)}
        />
      )}
    </>
  );
}

/** Only the secretariat makes meetings: others are told so, and where the meetings are. */
function MeetingFormRefused() {
  const { t } = useTranslation();
  return (
    <NotPermitted
      title={t('notPermitted.meetingForm.title')}
      body={t('notPermitted.meetingForm.body')}
      back={{ to: '/meetings', label: t('notPermitted.meetingForm.back') }}
    />
  );
}
