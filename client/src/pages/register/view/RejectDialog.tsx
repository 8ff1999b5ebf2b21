import { useId, useRef, useState } from 'react';
import { ISSUE_LIMITS } from '@shared/schemas/issues';
import { useModalDialog } from '../common/useModalDialog';
import { useRegisterT } from '../useRegisterT';

interface Props {
  busy: boolean;
  error: string | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** 却下 needs a reason, which the raiser and everyone else will read on the issue. */
export function RejectDialog({ busy, error, onConfirm, onCancel }: Props) {
  const rt = useRegisterT();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  useModalDialog(ref);

  function confirm() {
    const trimmed = reason.trim();
    if (!trimmed) return setMissing(true);
    onConfirm(trimmed);
  }

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`} className="dialog__title">
        {rt('register.transition.rejectTitle')}
      </h2>
      <p id={`${id}-body`}>{rt('register.transition.rejectBody')}</p>
      <div className={missing || error ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor={`${id}-reason`}>
          {rt('register.transition.rejectReason')}
          <span className="field__required">{rt('common.required')}</span>
        </label>
        <textarea
          id={`${id}-reason`}
          className="textarea"
          rows={4}
          maxLength={ISSUE_LIMITS.reasonLength}
          value={reason}
          aria-invalid={missing || undefined}
          aria-describedby={`${id}-error`}
          onChange={(event) => {
            setReason(event.target.value);
            setMissing(false);
          }}
        />
        <div id={`${id}-error`} className="field__error" aria-live="polite">
          {missing ? rt('errors.field.required') : (error ?? '')}
        </div>
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {rt('common.cancel')}
        </button>
        <button type="button" className="button button--danger" onClick={confirm} disabled={busy} aria-busy={busy || undefined}>
          {rt('register.transition.rejectConfirm')}
        </button>
      </div>
    </dialog>
  );
}
