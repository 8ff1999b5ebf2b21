import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFileSize } from '@client/format/fileSize';
import type { AttachmentUploads } from './useAttachmentUploads';

/** What the file dialog offers first; the server decides by content what it accepts. */
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp,application/pdf,image/*';

/** "Attach files" and the list of picked files with their upload state (a message's, an announcement's). */
export function AttachmentPicker({ uploads }: { uploads: AttachmentUploads }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const full = uploads.uploads.length >= uploads.max;

  return (
    <div className="attachment-picker">
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={ACCEPT}
        onChange={(event) => {
          uploads.add([...(event.target.files ?? [])]);
          event.target.value = ''; // Picking the same file again should work after removing it.
        }}
      />
      <button type="button" className="button button--tertiary button--small" onClick={() => input.current?.click()} disabled={full}>
        <span aria-hidden="true">📎</span>
        {t('attachments.upload.add')}
      </button>
      <span className="field__hint">{t('attachments.upload.hint', { max: uploads.max })}</span>
      <div aria-live="polite">
        {uploads.notice && <p className="field__error">{uploads.notice}</p>}
        {uploads.uploads.length > 0 && (
          <ul className="upload-list" aria-label={t('attachments.listLabel')}>
            {uploads.uploads.map((upload) => (
              <li key={upload.localId} className={`upload-list__item upload-list__item--${upload.status}`}>
                <span className="upload-list__name">{upload.name}</span>
                <span className="muted small">{formatFileSize(upload.size)}</span>
                <span className="upload-list__status small">
                  {upload.status === 'uploading'
                    ? t('attachments.upload.uploading')
                    : upload.status === 'done'
                      ? t('attachments.upload.uploaded')
                      : upload.error}
                </span>
                <button
                  type="button"
                  className="button button--tertiary button--small"
                  aria-label={t('attachments.upload.remove', { name: upload.name })}
                  onClick={() => uploads.remove(upload.localId)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
