import { useId, useState } from 'react';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { CopyButton } from '@client/components/CopyButton';
import { InlineError } from '@client/components/InlineError';
import { Notice } from '@client/components/Notice';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useIssueCalendarToken, useRevokeCalendarToken } from '@client/queries/meetings';
import { useMeetingsT } from '../useMeetingsT';

/**
 * カレンダー購読: a private feed URL for Outlook or Google Calendar. The server keeps only a hash,
 * so the URL is shown once, right after it is issued; issuing again replaces the old one.
 */
export function CalendarFeedSection() {
  const mt = useMeetingsT();
  const errorMessage = useErrorMessage();
  const id = useId();
  const issue = useIssueCalendarToken();
  const revoke = useRevokeCalendarToken();
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const issuedUrl = issue.data?.url ?? null;

  return (
    <section className="card meeting-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="meeting-panel__title">
        {mt('meetings.calendar.title')}
      </h2>
      <p className="small">{mt('meetings.calendar.lead')}</p>
      <ul className="small calendar-help">
        <li>{mt('meetings.calendar.outlook')}</li>
        <li>{mt('meetings.calendar.google')}</li>
      </ul>
      {issuedUrl && !revoke.isSuccess && (
        <div className="calendar-url">
          <label className="field__label" htmlFor={`${id}-url`}>
            {mt('meetings.calendar.url')}
          </label>
          <p className="field__hint" id={`${id}-once`}>
            {mt('meetings.calendar.shownOnce')}
          </p>
          <div className="calendar-url__row">
            <input
              id={`${id}-url`}
              className="input"
              readOnly
              value={issuedUrl}
              aria-describedby={`${id}-once`}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton text={issuedUrl} label={mt('meetings.calendar.copy')} />
          </div>
        </div>
      )}
      {revoke.isSuccess && <Notice tone="success">{mt('meetings.calendar.revoked')}</Notice>}
      <div className="form__actions">
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={issue.isPending}
          aria-busy={issue.isPending || undefined}
          onClick={() => {
            revoke.reset();
            issue.mutate();
          }}
        >
          {issuedUrl ? mt('meetings.calendar.reissue') : mt('meetings.calendar.issue')}
        </button>
        <button
          type="button"
          className="button button--danger-outline button--small"
          disabled={revoke.isPending}
          onClick={() => setConfirmRevoke(true)}
        >
          {mt('meetings.calendar.revoke')}
        </button>
      </div>
      <p className="small muted">{mt('meetings.calendar.replaceNote')}</p>
      <InlineError message={(issue.isError || revoke.isError) && errorMessage(issue.error ?? revoke.error)} />
      <ConfirmDialog
        open={confirmRevoke}
        title={mt('meetings.calendar.revokeTitle')}
        body={mt('meetings.calendar.revokeBody')}
        confirmLabel={mt('meetings.calendar.revoke')}
        tone="danger"
        busy={revoke.isPending}
        onCancel={() => setConfirmRevoke(false)}
        onConfirm={() => {
          issue.reset();
          revoke.mutate(undefined, { onSettled: () => setConfirmRevoke(false) });
        }}
      />
    </section>
  );
}
