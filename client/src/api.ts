/**
 * The one way the client talks to the REST API: JSON in and out, the session cookie sent,
 * and every failure turned into an ApiError carrying the server's `{ error: { code, message, field, requestId } }`.
 */
import { ErrorCode, ErrorReason } from '@shared/schemas/common';

/** `network` when no response arrived at all (offline, server down). */
export type ApiErrorCode = ErrorCode | 'network';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  /** Which refusal it is, when the server names one the screens explain in their own words. */
  readonly reason: ErrorReason | undefined;
  /** Seconds from a 429's Retry-After header, when the server sent one. */
  readonly retryAfterSeconds: number | undefined;
  /** A server failure's request id, for the person to quote when they report it. */
  readonly requestId: string | undefined;

  constructor(options: {
    status: number;
    code: ApiErrorCode;
    message: string;
    field?: string | undefined;
    reason?: ErrorReason | undefined;
    retryAfterSeconds?: number | undefined;
    requestId?: string | undefined;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.field = options.field;
    this.reason = options.reason;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.requestId = options.requestId;
  }

  /** The field as a form names it: the server says `body.email`, the form knows `email`. */
  get formField(): string | undefined {
    return this.field?.replace(/^(body|query|params)\./, '');
  }

  /** The server's message without the `body.email: ` it starts with when it names a field. */
  get detail(): string {
    return this.field && this.message.startsWith(`${this.field}: `) ? this.message.slice(this.field.length + 2) : this.message;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Retry-After is either a number of seconds or an HTTP date. */
function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** A failed response as an ApiError: the server's `{ error }` when it sent one, else its status alone. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall back to the status alone.
  }
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  return new ApiError({
    status: response.status,
    code: ErrorCode.safeParse(error.code).data ?? CODE_BY_STATUS[response.status] ?? 'internal',
    message: typeof error.message === 'string' ? error.message : response.statusText,
    field: typeof error.field === 'string' ? error.field : undefined,
    reason: ErrorReason.safeParse(error.reason).data,
    retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
    requestId: typeof error.requestId === 'string' ? error.requestId : undefined,
  });
}

/** A failure before any response (offline, server down), or the caller's abort passed on as it is. */
function fetchFailure(cause: unknown): unknown {
  if (cause instanceof DOMException && cause.name === 'AbortError') return cause;
  return new ApiError({ status: 0, code: 'network', message: 'network error' });
}

/** `fetch` with the session cookie whose failures, with or without a response, are ApiErrors. */
export async function fetchOk(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init });
  } catch (cause) {
    throw fetchFailure(cause);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

/** The name the server proposes (`filename*` carries a Japanese one), or `fallback`. */
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

/**
 * A file the server builds (an export, an attendance list, an .ics): fetched with the session
 * cookie as a blob and handed to the browser through a temporary object URL, so a failure can be
 * shown on the page (with its Retry-After) instead of as a broken download.
 */
export async function downloadBlob(path: string, fallbackName: string): Promise<void> {
  const response = await fetchOk(path);
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

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/** Send one request; resolves with the parsed JSON body, or `undefined` for 204. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  const response = await fetchOk(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: signal ?? null,
  });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};
