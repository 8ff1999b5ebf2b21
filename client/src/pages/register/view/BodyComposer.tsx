import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CommentBody, ISSUE_LIMITS } from '@shared/schemas/issues';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { serverFieldError } from '@client/components/formErrors';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { MarkdownEditor } from '@client/components/markdown/MarkdownEditor';
import { useRegisterT } from '../useRegisterT';

interface Props {
  label: string;
  hint?: string;
  submitLabel: string;
  busyLabel: string;
  initial?: string;
  /** Resolves once stored; a rejection is shown under the box and the text is kept. */
  onSubmit: (body: string) => Promise<unknown>;
  onCancel?: () => void;
}

/**
 * A markdown box that posts one text: a comment, an official answer, or an answer's new wording.
 * Checked with the shared schema first; emptied after it is stored (unless editing).
 */
export function BodyComposer({ label, hint, submitLabel, busyLabel, initial = '', onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const rt = useRegisterT();
  const errorMessage = useErrorMessage();
  const [body, setBody] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!CommentBody.safeParse({ body }).success) {
      setError(
        body.trim() ? rt('register.form.tooLong', { max: ISSUE_LIMITS.commentLength, count: body.length }) : t('errors.field.required'),
      );
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(body);
      if (!onCancel) setBody('');
    } catch (failure) {
      setError(serverFieldError(failure, ['body'], t)?.body ?? errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="body-composer" noValidate onSubmit={(event) => void submit(event)} onKeyDown={preventSubmitWhileComposing}>
      <MarkdownEditor
        label={label}
        hint={hint}
        rows={5}
        maxLength={ISSUE_LIMITS.commentLength}
        value={body}
        error={error}
        onChange={(value) => {
          setBody(value);
          setError(undefined);
        }}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? busyLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
