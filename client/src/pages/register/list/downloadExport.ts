/**
 * The register exports are files, not JSON: fetched with the session cookie as a blob and
 * handed to the browser through a temporary object URL, so a failure can be shown on the page
 * instead of as a broken download.
 */
import { ErrorCode } from '@shared/schemas/common';
import { ApiError } from '@client/api';
import { issueSearchParams, type IssueFilterParams } from '@client/queries/issues';

export type ExportFormat = 'xlsx' | 'csv';

/** The name the server proposes (filename* carries the Japanese one), or ours. */
function fileNameFrom(disposition: string | null, format: ExportFormat): string {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A malformed header: fall through to the plain name.
    }
  }
  const plain = disposition?.match(/filename="([^"]+)"/i)?.[1];
  return plain ?? `課題管理表.${format}`;
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: { error?: { code?: unknown; message?: unknown; field?: unknown } } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON: the status alone says enough.
  }
  const code = ErrorCode.safeParse(body.error?.code).data ?? (response.status >= 500 ? 'internal' : 'bad_request');
  return new ApiError({
    status: response.status,
    code,
    message: typeof body.error?.message === 'string' ? body.error.message : response.statusText,
    field: typeof body.error?.field === 'string' ? body.error.field : undefined,
  });
}

/** Download the register, filtered and ordered as `filters`, in `format`. */
export async function downloadExport(format: ExportFormat, filters: IssueFilterParams): Promise<void> {
  const query = issueSearchParams(filters).toString();
  let response: Response;
  try {
    response = await fetch(`/api/issues/export.${format}${query ? `?${query}` : ''}`, { credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'network', message: 'network error' });
  }
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameFrom(response.headers.get('Content-Disposition'), format);
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns; revoke it a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
