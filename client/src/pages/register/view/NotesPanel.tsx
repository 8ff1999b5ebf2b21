import { useState, type FormEvent } from 'react';
import { ISSUE_LIMITS } from '@shared/schemas/issues';
import { DateTimeText } from '@client/components/DateTimeText';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useAddNote, useIssueNotes } from '@client/queries/issues';
import { useRegisterT } from '../useRegisterT';

/** 事務局メモ: the secretariat's internal notes on the issue (shown to the secretariat only; server/issues/notes.ts). */
export function NotesPanel({ issueId }: { issueId: string }) {
  const rt = useRegisterT();
  const errorMessage = useErrorMessage();
  const notes = useIssueNotes(issueId);
  const add = useAddNote(issueId);
  const [body, setBody] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) return;
    add.mutate(body, { onSuccess: () => setBody('') });
  }

  return (
    <section className="side-panel" aria-labelledby="notes-title">
      <h2 id="notes-title" className="side-panel__title">
        {rt('register.notes.title')}
      </h2>
      <p className="field__hint">{rt('register.notes.hint')}</p>
      {notes.data &&
        (notes.data.notes.length === 0 ? (
          <p className="muted">{rt('register.notes.none')}</p>
        ) : (
          <ul className="issue-notes">
            {notes.data.notes.map((note) => (
              <li key={note.id}>
                <p className="small muted">
                  {note.by.displayName} · <DateTimeText iso={note.at} />
                </p>
                <p className="issue-notes__body">{note.body}</p>
              </li>
            ))}
          </ul>
        ))}
      <form onSubmit={submit}>
        <label className="field__label" htmlFor={`note-${issueId}`}>
          {rt('register.notes.label')}
        </label>
        <textarea
          id={`note-${issueId}`}
          className="textarea"
          rows={3}
          maxLength={ISSUE_LIMITS.commentLength}
          value={body}
          onChange={(event) => setBody(event.target.value)}
        />
        {add.isError && (
          <p className="field__error" role="alert">
            {errorMessage(add.error)}
          </p>
        )}
        <button type="submit" className="button button--secondary" disabled={add.isPending || !body.trim()}>
          {rt('register.notes.add')}
        </button>
      </form>
    </section>
  );
}
