import { useId, useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '@shared/threads/rules';
import type { Meeting } from '@shared/schemas/meetings';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { uploadAttachment } from '@client/queries/attachments';
import { useAddMaterial } from '@client/queries/meetings';
import { useMeetingsT } from '../useMeetingsT';

/** What the server accepts (it checks the content too); the picker offers only these. */
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx';

/**
 * The secretariat adds a material: the file is uploaded first (as for messages), then attached to
 * the meeting as a whole or to one agenda item.
 */
export function MaterialUpload({ meeting }: { meeting: Meeting }) {
  const mt = useMeetingsT();
  const errorMessage = useErrorMessage();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const add = useAddMaterial(meeting.id);
  const [target, setTarget] = useState('');
  const [state, setState] = useState<{ phase: 'idle' | 'uploading' | 'done' } | { phase: 'failed'; message: string }>({ phase: 'idle' });
  const busy = state.phase === 'uploading';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return setState({ phase: 'failed', message: mt('meetings.materials.chooseFile') });
    if (file.size > LIMITS.attachmentBytes)
      return setState({ phase: 'failed', message: mt('meetings.materials.tooLarge', { name: file.name }) });
    setState({ phase: 'uploading' });
    try {
      const attachment = await uploadAttachment(file);
      await add.mutateAsync({ attachmentId: attachment.id, agendaItemId: target || null });
      if (fileInput.current) fileInput.current.value = '';
      setState({ phase: 'done' });
    } catch (error) {
      setState({ phase: 'failed', message: errorMessage(error) });
    }
  }

  return (
    <form className="material-upload" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="meeting-section__title--small">
        {mt('meetings.materials.uploadTitle')}
      </h3>
      <div className="material-upload__fields">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-file`}>
            {mt('meetings.materials.file')}
          </label>
          <p className="field__hint" id={`${id}-hint`}>
            {mt('meetings.materials.fileHint')}
          </p>
          <input
            id={`${id}-file`}
            ref={fileInput}
            type="file"
            accept={ACCEPT}
            aria-describedby={`${id}-hint`}
            className="material-upload__file"
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-target`}>
            {mt('meetings.materials.target')}
          </label>
          <select id={`${id}-target`} className="select" value={target} onChange={(event) => setTarget(event.target.value)}>
            <option value="">{mt('meetings.materials.wholeMeeting')}</option>
            {meeting.agenda.map((item, index) => (
              <option key={item.id} value={item.id}>
                {mt('meetings.materials.agendaOption', { number: index + 1, title: item.title })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className="button button--secondary" disabled={busy} aria-busy={busy || undefined}>
        {busy ? mt('meetings.materials.uploading') : mt('meetings.materials.upload')}
      </button>
      <div aria-live="polite">
        {state.phase === 'done' && <p className="small">{mt('meetings.materials.added')}</p>}
        {state.phase === 'failed' && (
          <p className="field__error" role="alert">
            {state.message}
          </p>
        )}
      </div>
    </form>
  );
}
