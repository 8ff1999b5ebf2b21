/** Files attached to messages: uploaded before sending, then referred to by id. */
import { ErrorCode } from '@shared/schemas/common';
import type { Attachment } from '@shared/schemas/threads';
import { ApiError } from '@client/api';

export const attachmentUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

async function uploadError(response: Response): Promise<ApiError> {
  let error: { code?: unknown; message?: unknown; field?: unknown } = {};
  try {
    const body = (await response.json()) as { error?: typeof error };
    error = body.error ?? {};
  } catch {
    // Not JSON (a proxy refusing a large body, say): the status alone says enough.
  }
  return new ApiError({
    status: response.status,
    code: ErrorCode.safeParse(error.code).data ?? (response.status === 413 ? 'payload_too_large' : response.status >= 500 ? 'internal' : 'bad_request'),
    message: typeof error.message === 'string' ? error.message : response.statusText,
    field: typeof error.field === 'string' ? error.field : undefined,
  });
}

/**
 * POST /api/attachments with the file itself as the body. This is the one request that is not
 * JSON, so it does not go through api.ts; failures become the same ApiError.
 */
export async function uploadAttachment(file: File, signal?: AbortSignal): Promise<Attachment> {
  let response: Response;
  try {
    response = await fetch(`/api/attachments?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
      body: file,
      credentials: 'same-origin',
      signal: signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'network', message: 'network error' });
  }
  if (!response.ok) throw await uploadError(response);
  return (await response.json()) as Attachment;
}
