import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { MinutesBody, type AttendeeProposal, type Meeting } from '@shared/schemas/meetings';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { useCurrentUser } from '@client/components/CurrentUser';
import { ErrorState } from '@client/components/ErrorState';
import { FormAlert } from '@client/components/FormAlert';
import { LoadingState } from '@client/components/LoadingState';
import { MeetingLoadError } from '../common/MeetingLoadError';
import { NotPermitted } from '@client/components/NotPermitted';
import { Notice } from '@client/components/Notice';
import { usePageTitle } from '@client/components/usePageTitle';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useAttendeeProposal, useMeeting, useSaveMinutes } from '@client/queries/meetings';
import { BackToMeeting } from '../common/BackToMeeting';
import { MinutesAttendees } from '../common/MinutesAttendees';
import { MinutesItemsView } from '../common/MinutesItemsView';
import { draftErrorsFromZod, errorsUnder, serverDraftError, type DraftErrors } from '../form/draftErrors';
import { useMeetingsT } from '../useMeetingsT';
import { AttendeesEditor } from './AttendeesEditor';
import { MinutesItemEditor } from './MinutesItemEditor';
import { MinutesWorkflow } from './MinutesWorkflow';
import { attendeesDraft, bodyOf, draftFromMeeting, isDirty, type AttendeeDraft, type MinutesItemDraft } from './minutesDraft';
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard';

/** /meetings/:id/minutes: the secretariat writes, circulates and publishes the 議事録. */
export function MinutesEditorPage() {
  const mt = useMeetingsT();
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const meeting = useMeeting(id);
  usePageTitle(meeting.data ? mt('meetings.minutesEditor.pageTitle', { title: meeting.data.title }) : mt('meetings.minutes.title'));

  if (!me.abilities['minutes.publish']) {
    return (
      <NotPermitted
        title={mt('notPermitted.minutes.title')}
        body={mt('notPermitted.minutes.body')}
        back={{ to: `/meetings/${id}`, label: mt('notPermitted.minutes.back') }}
      />
    );
  }
  if (meeting.isPending) return <LoadingState />;
  if (meeting.isError) return <MeetingLoadError error={meeting.error} retry={() => void meeting.refetch()} />;
  const data = meeting.data;

  return (
    <>
      <BackToMeeting meeting={data} />
      <header className="page-header">
        <p className="page-header__eyebrow" data-user-content>
          {data.title}
        </p>
        <h1>{mt('meetings.minutes.title')}</h1>
      </header>
      {data.status === 'ended' ? (
        <MinutesEditor meeting={data} />
      ) : data.status === 'minutesPublished' && data.minutes ? (
        <>
          <Notice tone="success">{mt('meetings.minutesEditor.published')}</Notice>
          <p>
            <Link to={`/meetings/${id}/minutes/view`}>{mt('meetings.minutes.openDocument')}</Link>
          </p>
          <MinutesAttendees attendees={data.minutes.attendees} level={2} />
          <MinutesItemsView meeting={data} minutes={data.minutes} />
        </>
      ) : (
        <Notice tone="info">{mt('meetings.minutesEditor.notYet')}</Notice>
      )}
    </>
  );
}

/** The editor starts from the proposed 出席者 as well as the saved minutes, so it waits for them. */
function MinutesEditor({ meeting }: { meeting: Meeting }) {
  const proposal = useAttendeeProposal(meeting.id);
  if (proposal.isPending) return <LoadingState />;
  if (proposal.isError) return <ErrorState error={proposal.error} onRetry={() => void proposal.refetch()} />;
  return <MinutesForm meeting={meeting} proposal={proposal.data} />;
}

function MinutesForm({ meeting, proposal }: { meeting: Meeting; proposal: AttendeeProposal }) {
  const mt = useMeetingsT();
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const save = useSaveMinutes(meeting.id);
  const [items, setItems] = useState<MinutesItemDraft[]>(() => draftFromMeeting(meeting));
  const [attendees, setAttendees] = useState<AttendeeDraft[]>(() => attendeesDraft(meeting, proposal));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState(false);
  const dirty = isDirty(items, attendees, meeting, proposal);
  const blocker = useUnsavedChangesGuard(dirty);
  const agendaIssues = meeting.agenda.flatMap((a) => a.issues);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setSavedNote(false);
    const parsed = MinutesBody.safeParse(bodyOf(items, attendees));
    if (!parsed.success) {
      setErrors(draftErrorsFromZod(parsed.error, t));
      setFormError(t('errors.summary'));
      return;
    }
    setErrors({});
    try {
      const saved = await save.mutateAsync(parsed.data);
      // Start again from what the server stored: new action items now have their ids.
      setItems(draftFromMeeting(saved));
      setAttendees(attendeesDraft(saved, proposal));
      setSavedNote(true);
    } catch (error) {
      const fieldError = serverDraftError(error, ['items', 'attendeeOrganizationIds'], t);
      setFormError(fieldError?.items ?? fieldError?.attendeeOrganizationIds ?? errorMessage(error));
    }
  }

  return (
    <>
      <p className="lead">{mt('meetings.minutesEditor.lead')}</p>
      <form className="form minutes-editor" noValidate onSubmit={(event) => void submit(event)}>
        <AttendeesEditor attendees={attendees} onChange={setAttendees} />
        {meeting.agenda.length === 0 && <p className="muted">{mt('meetings.agenda.empty')}</p>}
        {meeting.agenda.map((agendaItem, index) => {
          const item = items[index];
          return item ? (
            <MinutesItemEditor
              key={agendaItem.id}
              agendaItem={agendaItem}
              number={index + 1}
              item={item}
              agendaIssues={agendaIssues}
              errors={errorsUnder(errors, `items.${index}`)}
              onChange={(changed) => setItems((list) => list.map((it, i) => (i === index ? changed : it)))}
            />
          ) : null;
        })}
        <FormAlert message={formError} />
        <div className="form__actions minutes-editor__save">
          <button
            type="submit"
            className="button button--primary"
            disabled={save.isPending || meeting.agenda.length === 0}
            aria-busy={save.isPending || undefined}
          >
            {mt('meetings.minutesEditor.save')}
          </button>
          <span className="small" role="status">
            {save.isPending
              ? mt('meetings.minutesEditor.saving')
              : dirty
                ? mt('meetings.minutesEditor.unsaved')
                : savedNote
                  ? mt('meetings.minutesEditor.saved')
                  : ''}
          </span>
        </div>
      </form>
      <MinutesWorkflow meeting={meeting} items={items} dirty={dirty} />
      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title={mt('meetings.minutesEditor.leaveTitle')}
        body={mt('meetings.minutesEditor.leaveBody')}
        confirmLabel={mt('meetings.minutesEditor.leave')}
        tone="danger"
        onCancel={() => blocker.reset?.()}
        onConfirm={() => blocker.proceed?.()}
      />
    </>
  );
}
