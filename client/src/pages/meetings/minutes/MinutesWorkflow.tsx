import { useState } from 'react';
import type { Meeting } from '@shared/schemas/meetings';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { InlineError } from '@client/components/InlineError';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useLanguage } from '@client/i18n/useLanguage';
import { useCirculateMinutes, usePublishMinutes } from '@client/queries/meetings';
import { ConfirmationStatus } from '../common/ConfirmationStatus';
import { orgRefName } from '@client/components/OrgRefName';
import { useMeetingsT } from '../useMeetingsT';
import { publicationEffects, type MinutesItemDraft } from './minutesDraft';

interface Props {
  meeting: Meeting;
  items: MinutesItemDraft[];
  /** Circulating or publishing what is not saved would send the server's older copy: save first. */
  dirty: boolean;
}

/**
 * After saving: circulate the draft to the presenting organisations (and see who confirmed,
 * commented or is awaited), then publish — which notifies everyone invited and writes the
 * decisions into the register.
 */
export function MinutesWorkflow({ meeting, items, dirty }: Props) {
  const mt = useMeetingsT();
  const [language] = useLanguage();
  const errorMessage = useErrorMessage();
  const circulate = useCirculateMinutes(meeting.id);
  const publish = usePublishMinutes(meeting.id);
  const [asking, setAsking] = useState<'circulate' | 'publish' | null>(null);
  const minutes = meeting.minutes;
  const saved = minutes !== null;
  const presenters = new Set(meeting.agenda.flatMap((a) => (a.presenter ? [a.presenter.id] : [])));
  const effects = publicationEffects(items);
  const blockedReason = !saved ? mt('meetings.minutesEditor.saveFirst') : dirty ? mt('meetings.minutesEditor.unsavedFirst') : null;

  const publishBody = [
    mt('meetings.minutesEditor.publishBody'),
    effects.recorded > 0 ? mt('meetings.minutesEditor.publishRecorded', { count: effects.recorded }) : '',
    effects.answers > 0 ? mt('meetings.minutesEditor.publishAnswers', { count: effects.answers }) : '',
    minutes && minutes.awaiting.length > 0
      ? mt('meetings.minutesEditor.publishAwaiting', {
          names: minutes.awaiting.map((o) => orgRefName(o, language)).join(mt('meetings.minutes.listSeparator')),
        })
      : '',
    mt('meetings.minutesEditor.publishFinal'),
  ]
    .filter(Boolean)
    .join(' ');

  const failure = circulate.error ?? publish.error;
  return (
    <section className="card minutes-workflow" aria-labelledby="minutes-workflow-title">
      <h2 id="minutes-workflow-title" className="meeting-section__title--small">
        {mt('meetings.minutesEditor.workflowTitle')}
      </h2>
      <ol className="minutes-workflow__steps small">
        <li>{mt('meetings.minutesEditor.stepSave')}</li>
        <li>{mt('meetings.minutesEditor.stepCirculate')}</li>
        <li>{mt('meetings.minutesEditor.stepPublish')}</li>
      </ol>
      {blockedReason && <p className="small muted">{blockedReason}</p>}
      {minutes?.circulatedAt ? (
        <ConfirmationStatus minutes={minutes} />
      ) : (
        presenters.size === 0 && <p className="small muted">{mt('meetings.minutesEditor.noPresenters')}</p>
      )}
      <div className="form__actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={blockedReason !== null || presenters.size === 0 || circulate.isPending}
          onClick={() => setAsking('circulate')}
        >
          {minutes?.circulatedAt ? mt('meetings.minutesEditor.recirculate') : mt('meetings.minutesEditor.circulate')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={blockedReason !== null || publish.isPending}
          onClick={() => setAsking('publish')}
        >
          {mt('meetings.minutesEditor.publish')}
        </button>
      </div>
      <InlineError message={failure && errorMessage(failure)} />
      <ConfirmDialog
        open={asking === 'circulate'}
        title={mt('meetings.minutesEditor.circulateTitle')}
        body={mt('meetings.minutesEditor.circulateBody', { count: presenters.size })}
        confirmLabel={mt('meetings.minutesEditor.circulate')}
        busy={circulate.isPending}
        onCancel={() => setAsking(null)}
        onConfirm={() => circulate.mutate(undefined, { onSettled: () => setAsking(null) })}
      />
      <ConfirmDialog
        open={asking === 'publish'}
        title={mt('meetings.minutesEditor.publishTitle')}
        body={publishBody}
        confirmLabel={mt('meetings.minutesEditor.publish')}
        busy={publish.isPending}
        onCancel={() => setAsking(null)}
        onConfirm={() => publish.mutate(undefined, { onSettled: () => setAsking(null) })}
      />
    </section>
  );
}
