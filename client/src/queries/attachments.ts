/** Files attached to messages: uploaded before sending, then referred to by id. */
import type { Attachment } from '@shared/schemas/threads';
import { fetchOk } from '@client/api';

export const attachmentUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

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
