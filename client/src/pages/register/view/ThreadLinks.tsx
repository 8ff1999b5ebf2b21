import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { IssueDetail } from '@shared/schemas/issues';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { useThreadLink } from '@client/queries/issues';
import { useRegisterT } from '../useRegisterT';

/** A thread's id from what people paste: its address (…/threads/<id>, with anything after) or the bare id. */
export function threadIdFrom(text: string): string | null {
  const trimmed = text.trim();
  const id = trimmed.match(/\/threads\/([0-9a-f]{24})(?![0-9a-f])/i)?.[1] ?? trimmed.match(/^[0-9a-f]{24}$/i)?.[0];
  return id ? id.toLowerCase() : null;
}

/** 関連スレッド: the threads where this issue is discussed (those the reader may read), and linking one. */
export function ThreadLinks({ detail, canLink }: { detail: IssueDetail; canLink: boolean }) {
  const rt = useRegisterT();
  const errorMessage = useErrorMessage();
  const id = useId();
  const link = useThreadLink(detail.issue.id);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const threads = detail.links.filter((l) => l.kind === 'thread');

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const threadId = threadIdFrom(text);
    if (!threadId) return setError(rt('register.links.invalid'));
    setError(null);
    link.mutate(
      { threadId, on: true },
      {
        onSuccess: () => setText(''),
        onError: (failure) => setError(errorMessage(failure)),
      },
    );
  }

  return (
    <section className="side-panel" aria-labelledby="links-title">
      <h2 id="links-title" className="side-panel__title">
        {rt('register.links.title')}
      </h2>
      {threads.length === 0 ? (
        <p className="muted small">{rt('register.links.none')}</p>
      ) : (
        <ul className="link-list">
          {threads.map((thread) => (
            <li key={thread.id} className="link-list__item">
              <Link to={`/threads/${thread.id}`} data-user-content>
                {thread.title}
              </Link>
              {canLink && (
                <button
                  type="button"
                  className="button button--tertiary button--small"
                  disabled={link.isPending}
                  aria-label={rt('register.links.removeLabel', { title: thread.title })}
                  onClick={() => link.mutate({ threadId: thread.id, on: false }, { onError: (failure) => setError(errorMessage(failure)) })}
                >
                  {rt('register.links.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canLink && (
        <form className="link-form" noValidate onSubmit={add} onKeyDown={preventSubmitWhileComposing}>
          <label className="field__label" htmlFor={`${id}-thread`}>
            {rt('register.links.add')}
          </label>
          <p id={`${id}-hint`} className="field__hint">
            {rt('register.links.hint')}
          </p>
          <div className="link-form__row">
            <input
              id={`${id}-thread`}
              className="input"
              value={text}
              aria-describedby={`${id}-hint ${id}-error`}
              aria-invalid={error ? true : undefined}
              onChange={(event) => {
                setText(event.target.value);
                setError(null);
              }}
            />
            <button
              type="submit"
              className="button button--secondary button--small"
              disabled={link.isPending}
              aria-busy={link.isPending || undefined}
            >
              {rt('register.links.submit')}
            </button>
          </div>
        </form>
      )}
      <div id={`${id}-error`} className="field__error" aria-live="polite">
        {error}
      </div>
    </section>
  );
}
