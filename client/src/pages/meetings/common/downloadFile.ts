/**
 * Downloads the server builds for us (attendance lists, .ics files): fetched with the session
 * cookie as a blob and handed to the browser through a temporary object URL, so a failure can be
 * shown on the page instead of as a broken download.
 */
import { ErrorCode } from '@shared/schemas/common';
import { ApiError } from '@client/api';

function fileNameFrom(disposition: string | null, fallback: string): string {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A malformed header: fall through to the plain name.
    }
  }
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: { error?: { code?: unknown; message?: unknown } } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON: the status alone says enough.
  }
  return new ApiError({
    status: response.status,
    code: ErrorCode.safeParse(body.error?.code).data ?? (response.status >= 500 ? 'internal' : 'bad_request'),
    message: typeof body.error?.message === 'string' ? body.error.message : response.statusText,
  });
}

/** Fetch `path` and save it under the name the server proposes (or `fallbackName`). */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'network', message: 'network error' });
  }
  if (!response.ok) throw await errorOf(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFrom(response.headers.get('Content-Disposition'), fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns; revoke it a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
