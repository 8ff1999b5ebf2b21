import { useTranslation } from 'react-i18next';
import type { Attachment } from '@shared/schemas/threads';
import { attachmentUrl } from '@client/queries/attachments';
import { formatFileSize } from './fileSize';

/** A message's files, each a download link with its size. */
export function AttachmentLinks({ attachments }: { attachments: Attachment[] }) {
  const { t } = useTranslation();
  if (attachments.length === 0) return null;
  return (
    <ul className="attachment-links" aria-label={t('threads.attachments.listLabel')}>
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <a href={attachmentUrl(attachment.id)} download={attachment.name} className="attachment-links__link">
            <span aria-hidden="true">📎 </span>
            <span data-user-content>{attachment.name}</span>
          </a>{' '}
          <span className="muted small">({formatFileSize(attachment.size)})</span>
        </li>
      ))}
    </ul>
  );
}
