import { useState } from 'react';
import type { Meeting } from '@shared/schemas/meetings';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useRemoveMaterial } from '@client/queries/meetings';
import { formatFileSize } from '../common/fileSize';
import { useMeetingsT } from '../useMeetingsT';

type Material = Meeting['materials'][number];

interface Props {
  meetingId: string;
  materials: Material[];
  /** The secretariat removes materials. */
  canRemove: boolean;
}

/** 資料: each file downloads with its own name; the secretariat can take one off the meeting. */
export function MaterialList({ meetingId, materials, canRemove }: Props) {
  const mt = useMeetingsT();
  const errorMessage = useErrorMessage();
  const remove = useRemoveMaterial(meetingId);
  const [removing, setRemoving] = useState<Material | null>(null);
  if (materials.length === 0) return null;

  return (
    <>
      <ul className="material-list">
        {materials.map((material) => (
          <li key={material.id} className="material-list__item">
            <a href={`/api/attachments/${encodeURIComponent(material.id)}`} download={material.name} className="material-list__link">
              <span data-user-content>{material.name}</span>
            </a>
            <span className="small muted">{formatFileSize(material.size)}</span>
            {canRemove && (
              <button
                type="button"
                className="button button--tertiary button--small"
                aria-label={mt('meetings.materials.removeLabel', { name: material.name })}
                onClick={() => setRemoving(material)}
              >
                {mt('meetings.materials.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {remove.isError && (
        <p className="field__error" role="alert">
          {errorMessage(remove.error)}
        </p>
      )}
      {canRemove && (
        <ConfirmDialog
          open={removing !== null}
          title={mt('meetings.materials.removeTitle')}
          body={mt('meetings.materials.removeBody', { name: removing?.name ?? '' })}
          confirmLabel={mt('meetings.materials.remove')}
          tone="danger"
          busy={remove.isPending}
          onCancel={() => setRemoving(null)}
          onConfirm={() => removing && remove.mutate(removing.id, { onSettled: () => setRemoving(null) })}
        />
      )}
    </>
  );
}
