import { useTranslation } from 'react-i18next';
import { attachmentUrl } from '@client/queries/attachments';

/** 「ダウンロード」: the file itself, always an explicit action (the server sends it as an attachment). */
export function DownloadLink({ file }: { file: { id: string; name: string } }) {
  const { t } = useTranslation();
  return (
    <a
      href={attachmentUrl(file.id)}
      download={file.name}
      className="button button--secondary button--small"
      aria-label={t('attachments.downloadLabel', { name: file.name })}
    >
      {t('attachments.download')}
    </a>
  );
}
