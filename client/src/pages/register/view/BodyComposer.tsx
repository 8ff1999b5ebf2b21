import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { MarkdownEditor } from '@client/components/markdown/MarkdownEditor';
import { useBodyField } from './useBodyField';

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
 * A markdown box that posts one text: a comment, or an answer's new wording. Checked with the
 * shared schema first; emptied after it is stored (unless editing).
 */
export function BodyComposer({ label, hint, submitLabel, busyLabel, initial = '', onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const field = useBodyField(initial);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!field.validate()) return;
    setBusy(true);
    field.clearError();
    try {
      await onSubmit(field.body);
      if (!onCancel) field.setBody('');
    } catch (failure) {
      field.fail(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="body-composer" noValidate onSubmit={(event) => void submit(event)} onKeyDown={preventSubmitWhileComposing}>
      <MarkdownEditor label={label} hint={hint} rows={5} {...field.editorProps} />
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
