/** Files attached to messages: uploaded before sending, then referred to by id. */
import type { Attachment } from '@shared/schemas/threads';
import { fetchOk } from '@client/api';

export const attachmentUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;
/** An image's thumbnail, drawn by the server (GET /api/attachments/:id/thumbnail). */
export const attachmentThumbnailUrl = (id: string) => `${attachmentUrl(id)}/thumbnail`;

/** What the server makes thumbnails of (server/attachments/thumbnails.ts) and what the PDF viewer opens. */
export const isImageType = (type: string) => ['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(type);
export const isPdfType = (type: string) => type === 'application/pdf';

/**
 * A file's bytes, fetched with the session for the PDF viewer. The same download the link makes
 * (`Content-Disposition: attachment`): read by the app, never opened by the browser as a document.
 */
export async function attachmentBytes(id: string, signal: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetchOk(attachmentUrl(id), { signal });
  return response.arrayBuffer();
}

/**
 * POST /api/attachments with the file itself as the body. This is the one request that is not
 * JSON, so it does not go through api.ts; failures become the same ApiError.
 */
export async function uploadAttachment(file: File, signal?: AbortSignal): Promise<Attachment> {
  const response = await fetchOk(`/api/attachments?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
    body: file,
    signal: signal ?? null,
  });
  return (await response.json()) as Attachment;
}
