import { useId, useState } from 'react';
import { useRegisterT } from '../useRegisterT';
import { RegisterMarkdown } from './RegisterMarkdown';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  rows?: number;
  maxLength: number;
}

/** A markdown textarea with a preview toggle, the preview rendered as the page will show it. */
export function MarkdownField({ label, value, onChange, hint, error, required = false, rows = 8, maxLength }: Props) {
  const rt = useRegisterT();
  const id = useId();
  const [previewing, setPreviewing] = useState(false);
  const tooLong = value.length > maxLength;
  const shownError = tooLong ? rt('register.form.tooLong', { max: maxLength, count: value.length }) : error;
  const describedBy = [hint ? `${id}-hint` : null, shownError ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

  return (
    <div className={shownError ? 'field field--invalid markdown-field' : 'field markdown-field'}>
      <div className="markdown-field__bar">
        <label htmlFor={id} className="field__label">
          {label}
          {required && <span className="field__required">{rt('common.required')}</span>}
        </label>
        <button
          type="button"
          className="button button--tertiary button--small"
          aria-pressed={previewing}
          aria-controls={`${id}-preview`}
          onClick={() => setPreviewing(!previewing)}
        >
          {rt('register.form.preview')}
        </button>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <textarea
        id={id}
        className="textarea"
        rows={rows}
        value={value}
        hidden={previewing}
        required={required}
        aria-describedby={describedBy}
        aria-invalid={shownError ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <div id={`${id}-preview`} className="markdown-field__preview" role="region" aria-label={rt('register.form.previewLabel')} hidden={!previewing}>
        {previewing &&
          (value.trim() ? <RegisterMarkdown source={value} /> : <p className="muted">{rt('register.form.previewEmpty')}</p>)}
      </div>
      <div id={`${id}-error`} className="field__error" aria-live="polite">
        {shownError}
      </div>
    </div>
  );
}
