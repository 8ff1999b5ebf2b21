import { DialogActions, ModalDialog } from './ModalDialog';

interface Props {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal confirmation: cancel or go ahead. */
export function ConfirmDialog({ open, title, body, onCancel, ...actions }: Props) {
  if (!open) return null;
  return (
    <ModalDialog title={title} body={body} onCancel={onCancel}>
      <DialogActions onCancel={onCancel} {...actions} />
    </ModalDialog>
  );
}
