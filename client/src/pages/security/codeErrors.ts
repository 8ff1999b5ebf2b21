/** What a refused code means to the person, from the server's answer (status, field). */
import type { TFunction } from 'i18next';
import { isApiError } from '@client/api';

export function codeFailure(
  error: unknown,
  t: TFunction,
  wrong: string,
  fallback: (error: unknown) => string,
): { field?: string; form?: string } {
  if (isApiError(error) && error.status === 429) {
    return { form: t('mfa.login.throttled', { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) }) };
  }
  if (isApiError(error) && (error.status === 400 || error.status === 401) && error.field) return { field: wrong };
  return { form: fallback(error) };
}
