import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@shared/threads/rules';
import { DialogActions, ModalDialog } from './ModalDialog';

interface Props {
  title: string;
  body: string;
  reasonLabel: string;
  /** Hiding a message needs a reason; pinning and locking only may have one. */
  reasonRequired: boolean;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  busy?: boolean;
  /** A failure to show (the server refused, the connection dropped). */
  error?: string | null;
  /** The longest reason the server takes. */
  maxLength?: number;
  onConfirm: (reason: string | undefined) => void;
  onCancel: () => void;
  /** What the step applies to, shown above the reason (a bulk change's issues). */
  children?: ReactNode;
}

/**
 * A step that asks why: moderation (kept in the moderation record), rejecting an issue (shown on it). Open while mounted: the
 * parent renders it to ask and removes it on cancel or success.
 */
export function ReasonDialog({
  title,
  body,
  reasonLabel,
  reasonRequired,
  confirmLabel,
  tone = 'primary',
  busy = false,
  error,
  maxLength = LIMITS.reasonLength,
  onConfirm,
  onCancel,
  children,
}: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  function confirm() {
    const trimmed = reason.trim();
    if (reasonRequired && !trimmed) return setMissing(true);
    onConfirm(trimmed || undefined);
  }

  return (
    <ModalDialog title={title} body={body} onCancel={onCancel} wide={Boolean(children)}>
      {children}
      <div className={missing || error ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor={`${id}-reason`}>
          {reasonLabel}
          {reasonRequired && <span className="field__required">{t('common.required')}</span>}
        </label>
        <textarea
          id={`${id}-reason`}
          className="textarea"
          rows={3}
          maxLength={maxLength}
          value={reason}
          aria-invalid={missing || undefined}
          aria-describedby={`${id}-error`}
          onChange={(event) => {
            setReason(event.target.value);
            setMissing(false);
          }}
        />
        <div id={`${id}-error`} className="field__error" aria-live="polite">
          {missing ? t('errors.field.required') : (error ?? '')}
        </div>
      </div>
      <DialogActions confirmLabel={confirmLabel} tone={tone} busy={busy} onConfirm={confirm} onCancel={onCancel} />
    </ModalDialog>
  );
}
