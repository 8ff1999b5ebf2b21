import { useTranslation } from 'react-i18next';
import type { Attachment } from '@shared/schemas/threads';
import { AttachmentFile } from '@client/components/attachments/AttachmentFile';

/** A message's files: images as thumbnails, PDFs with a preview, each with its download. */
export function AttachmentLinks({ attachments }: { attachments: Attachment[] }) {
  const { t } = useTranslation();
  if (attachments.length === 0) return null;
  return (
    <ul className="attachment-links" aria-label={t('attachments.listLabel')}>
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <AttachmentFile file={attachment} />
        </li>
      ))}
    </ul>
  );
}
