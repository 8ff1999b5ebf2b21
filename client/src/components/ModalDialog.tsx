import { useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from './useModalDialog';

interface Props {
  title: string;
  /** The sentence under the title, read out with it. */
  body?: string;
  wide?: boolean;
  /** Escape, or the cancel button the caller renders. */
  onCancel: () => void;
  children: ReactNode;
}

/**
 * The frame of every modal: a <dialog> shown while mounted (native focus trap and Escape), its
 * title and description wired for screen readers, and focus returned to the opener on close.
 */
export function ModalDialog({ title, body, wide = false, onCancel, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useModalDialog(ref);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={`${id}-title`}
      aria-describedby={body ? `${id}-body` : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`} className="dialog__title">
        {title}
      </h2>
      {body && <p id={`${id}-body`}>{body}</p>}
      {children}
    </dialog>
  );
}

interface ActionsProps {
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A dialog's closing row: cancel, then the step it asks about (disabled while it runs). */
export function DialogActions({ confirmLabel, tone = 'primary', busy = false, onConfirm, onCancel }: ActionsProps) {
  const { t } = useTranslation();
  return (
    <div className="dialog__actions">
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button
        type="button"
        className={tone === 'danger' ? 'button button--danger' : 'button button--primary'}
        onClick={onConfirm}
        disabled={busy}
        aria-busy={busy || undefined}
      >
        {confirmLabel}
      </button>
    </div>
  );
}
