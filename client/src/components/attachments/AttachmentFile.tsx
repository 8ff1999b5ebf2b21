import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentThumbnailUrl, isImageType, isPdfType } from '@client/queries/attachments';
import { formatFileSize } from '@client/format/fileSize';
import { DownloadLink } from './DownloadLink';

/** The viewer's chunk, fetched at the first プレビュー (pdf.js itself is the viewer frame's, client/pdf-viewer.html). */
const PdfPreviewDialog = lazy(() => import('./PdfPreviewDialog').then((m) => ({ default: m.PdfPreviewDialog })));

export interface AttachedFile {
  id: string;
  name: string;
  type: string;
  size: number;
}

/**
 * One attached file, in a message or among a meeting's materials: an image shows its thumbnail (drawn
 * by the server, never the original), a PDF opens in the viewer, and every file has its download.
 * `children` are further actions (the secretariat's 削除).
 */
export function AttachmentFile({ file, children }: { file: AttachedFile; children?: ReactNode }) {
  const { t } = useTranslation();
  const [previewing, setPreviewing] = useState(false);
  const image = isImageType(file.type);

  return (
    <div className={image ? 'attachment attachment--image' : 'attachment'}>
      {image && <Thumbnail file={file} />}
      <div className="attachment__about">
        <span className="attachment__name" data-user-content>
          {file.name}
        </span>{' '}
        <span className="muted small">({formatFileSize(file.size)})</span>
      </div>
      <div className="attachment__actions">
        {isPdfType(file.type) && (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-label={t('attachments.previewLabel', { name: file.name })}
            aria-haspopup="dialog"
            onClick={() => setPreviewing(true)}
          >
            {t('attachments.preview')}
          </button>
        )}
        <DownloadLink file={file} />
        {children}
      </div>
      {previewing && (
        <Suspense fallback={null}>
          <PdfPreviewDialog file={file} onClose={() => setPreviewing(false)} />
        </Suspense>
      )}
    </div>
  );
}

/**
 * The thumbnail in a box of fixed size, so nothing moves when it arrives; fetched only when it comes
 * near the screen. An image the server cannot read gets a placeholder (the file still downloads).
 */
function Thumbnail({ file }: { file: AttachedFile }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <span
        className="attachment__thumbnail attachment__thumbnail--none"
        role="img"
        aria-label={t('attachments.noThumbnail', { name: file.name })}
      >
        <span aria-hidden="true">🖼</span>
      </span>
    );
  }
  return (
    <img
      className="attachment__thumbnail"
      src={attachmentThumbnailUrl(file.id)}
      alt={file.name}
      width={160}
      height={120}
      loading="lazy"
      decoding="async"
      onError={() => setFailed(true)}
    />
  );
}
