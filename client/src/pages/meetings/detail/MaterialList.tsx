import { useState } from 'react';
import type { Meeting } from '@shared/schemas/meetings';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useRemoveMaterial } from '@client/queries/meetings';
import { AttachmentFile } from '@client/components/attachments/AttachmentFile';
import { useMeetingsT } from '../useMeetingsT';

type Material = Meeting['materials'][number];

interface Props {
  meetingId: string;
  materials: Material[];
  /** The secretariat removes materials. */
  canRemove: boolean;
}

/** 資料: each file with its thumbnail or preview and its download; the secretariat can take one off the meeting. */
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
            <AttachmentFile file={material}>
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
            </AttachmentFile>
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
