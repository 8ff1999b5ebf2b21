import { useState } from 'react';
import type { Issue } from '@shared/schemas/issues';
import { DialogActions, ModalDialog } from '@client/components/ModalDialog';
import { useRegisterT } from '../useRegisterT';
import { IssuePicker } from './IssuePicker';

interface Props {
  issue: Issue;
  busy: boolean;
  error: string | null;
  onConfirm: (survivorId: string) => void;
  onCancel: () => void;
}

/** 重複: name the surviving issue; this one's supporters move to it. */
export function DuplicateDialog({ issue, busy, error, onConfirm, onCancel }: Props) {
  const rt = useRegisterT();
  const [survivor, setSurvivor] = useState<Pick<Issue, 'id' | 'number' | 'title'> | null>(null);
  const [missing, setMissing] = useState(false);

  return (
    <ModalDialog
      title={rt('register.transition.duplicateTitle', { number: issue.number })}
      body={rt('register.transition.duplicateBody')}
      wide
      onCancel={onCancel}
    >
      <IssuePicker
        excludeId={issue.id}
        selected={survivor}
        onSelect={(next) => {
          setSurvivor(next);
          setMissing(false);
        }}
        error={missing ? rt('register.picker.required') : error}
      />
      <DialogActions
        confirmLabel={rt('register.transition.duplicateConfirm')}
        busy={busy}
        onConfirm={() => (survivor ? onConfirm(survivor.id) : setMissing(true))}
        onCancel={onCancel}
      />
    </ModalDialog>
  );
}
