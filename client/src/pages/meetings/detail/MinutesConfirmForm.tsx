import { useId, useState, type FormEvent } from 'react';
import type { Meeting } from '@shared/schemas/meetings';
import { InlineError } from '@client/components/InlineError';
import { useCurrentUser } from '@client/components/CurrentUser';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useConfirmMinutes } from '@client/queries/meetings';
import { useMeetingsT } from '../useMeetingsT';

/**
 * A presenting organisation answers the circulated draft: 確認 (no comment) or a comment for the
 * secretariat to take into account. Either can be given again until the minutes are published.
 */
export function MinutesConfirmForm({ meeting }: { meeting: Meeting }) {
  const mt = useMeetingsT();
  const me = useCurrentUser();
  const errorMessage = useErrorMessage();
  const id = useId();
  const confirm = useConfirmMinutes(meeting.id);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mine = meeting.minutes?.confirmations.find((c) => c.organization.id === me.organization.id);

  function send(withComment: string | null) {
    setError(null);
    confirm.mutate(withComment, {
      onSuccess: () => setComment(''),
      onError: (e) => setError(errorMessage(e)),
    });
  }

  function submitComment(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!comment.trim()) return setError(mt('meetings.minutes.commentRequired'));
    send(comment.trim());
  }

  return (
    <section className="card minutes-confirm" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="meeting-section__title--small">
        {mt('meetings.minutes.confirmTitle')}
      </h3>
      <p className="small">{mt('meetings.minutes.confirmLead')}</p>
      <p aria-live="polite">{mine ? mt(`meetings.minutes.mine.${mine.status}`) : mt('meetings.minutes.mine.none')}</p>
      <button type="button" className="button button--primary" disabled={confirm.isPending} onClick={() => send(null)}>
        {mt('meetings.minutes.confirm')}
      </button>
      <form className="minutes-confirm__comment" onSubmit={submitComment}>
        <label className="field__label" htmlFor={`${id}-comment`}>
          {mt('meetings.minutes.comment')}
        </label>
        <textarea
          id={`${id}-comment`}
          className="textarea"
          rows={4}
          maxLength={5000}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
        <button type="submit" className="button button--secondary" disabled={confirm.isPending}>
          {mt('meetings.minutes.sendComment')}
        </button>
      </form>
      <InlineError message={error} />
    </section>
  );
}
