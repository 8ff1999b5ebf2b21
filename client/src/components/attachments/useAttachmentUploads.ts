import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '@shared/schemas/threads';
import { LIMITS } from '@shared/threads/rules';
import { isApiError } from '@client/api';
import { uploadAttachment } from '@client/queries/attachments';
import { useErrorMessage } from '@client/components/useErrorMessage';

export interface Upload {
  localId: string;
  name: string;
  size: number;
  status: 'uploading' | 'done' | 'failed';
  attachment?: Attachment;
  error?: string;
}

/** Files already on what is being edited (an announcement's), listed as uploaded. */
const uploaded = (attachment: Attachment): Upload => ({
  localId: attachment.id,
  name: attachment.name,
  size: attachment.size,
  status: 'done',
  attachment,
});

/**
 * Files picked for one message or announcement: each uploads at once (POST /attachments), so
 * sending only refers to their ids. Size and count are checked here first; the type is checked by
 * the server, by content. `initial` are files it carries already; `max`, how many it may carry.
 */
export function useAttachmentUploads({ initial = [], max = LIMITS.attachmentsPerMessage }: { initial?: Attachment[]; max?: number } = {}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [uploads, setUploads] = useState<Upload[]>(() => initial.map(uploaded));
  const [notice, setNotice] = useState<string | null>(null);
  const aborts = useRef(new Map<string, AbortController>());

  // The server judges the type by content and names the field it refused: say so plainly.
  const uploadError = (error: unknown): string => {
    if (isApiError(error) && error.status === 413) return t('attachments.upload.tooLarge');
    if (isApiError(error) && error.status === 400 && error.formField === 'body') return t('attachments.upload.refused');
    return t('attachments.upload.failed', { message: errorMessage(error) });
  };

  const patch = (localId: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.localId === localId ? { ...u, ...change } : u)));

  function add(files: File[]) {
    const room = max - uploads.length;
    setNotice(files.length > room ? t('attachments.upload.tooMany', { max }) : null);
    const accepted = files.slice(0, Math.max(0, room)).map((file) => ({ file, localId: crypto.randomUUID() }));
    setUploads((list) => [
      ...list,
      ...accepted.map(({ file, localId }): Upload => {
        const tooLarge = file.size > LIMITS.attachmentBytes;
        return {
          localId,
          name: file.name,
          size: file.size,
          status: tooLarge ? 'failed' : 'uploading',
          ...(tooLarge ? { error: t('attachments.upload.tooLarge') } : {}),
        };
      }),
    ]);
    for (const { file, localId } of accepted) {
      if (file.size > LIMITS.attachmentBytes) continue;
      const abort = new AbortController();
      aborts.current.set(localId, abort);
      uploadAttachment(file, abort.signal)
        .then((attachment) => patch(localId, { status: 'done', attachment }))
        .catch((error: unknown) => {
          if (!abort.signal.aborted) patch(localId, { status: 'failed', error: uploadError(error) });
        })
        .finally(() => aborts.current.delete(localId));
    }
  }

  function remove(localId: string) {
    aborts.current.get(localId)?.abort();
    setUploads((list) => list.filter((u) => u.localId !== localId));
    setNotice(null);
  }

  /** After sending: the next message starts with no files. */
  function reset() {
    setUploads([]);
    setNotice(null);
  }

  return {
    uploads,
    max,
    notice,
    add,
    remove,
    reset,
    uploading: uploads.some((u) => u.status === 'uploading'),
    failed: uploads.some((u) => u.status === 'failed'),
    attachments: uploads.flatMap((u) => (u.attachment ? [u.attachment] : [])),
  };
}

export type AttachmentUploads = ReturnType<typeof useAttachmentUploads>;
