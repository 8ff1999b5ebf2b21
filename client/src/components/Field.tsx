import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a control needs to be tied to its label, hint and error. */
export interface ControlProps {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

interface Props {
  /** A known id for the control (a summary of problems links to it); generated when not given. */
  id?: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/**
 * A form field: label, optional hint, the control, and an error line that is always in the DOM
 * (so screen readers announce it when it fills in).
 */
export function Field({ id: givenId, label, hint, error, required = false, className, children }: Props) {
  const { t } = useTranslation();
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;

  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
        {required && <span className="field__required">{t('common.required')}</span>}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      <div id={errorId} className="field__error" aria-live="polite">
        {error}
      </div>
    </div>
  );
}
