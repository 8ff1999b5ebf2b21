/**
 * What a failed passkey ceremony means to the person. The browser says little on purpose: a
 * cancelled dialog and one that timed out are both `NotAllowedError` (so a site cannot learn
 * whether a passkey exists), so they share one message.
 */
import type { TFunction } from 'i18next';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { isApiError } from '@client/api';

export function passkeyFailure(error: unknown, t: TFunction, fallback: (error: unknown) => string): string {
  if (!browserSupportsWebAuthn()) return t('mfa.passkeys.errors.notSupported');
  if (isApiError(error)) {
    if (error.status === 429) return t('mfa.login.throttled', { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) });
    if (error.status === 409) return t('mfa.passkeys.errors.expired');
    if (error.status === 401 || (error.status === 400 && error.field === 'body.response')) return t('mfa.passkeys.errors.refused');
    return fallback(error);
  }
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: string } | null)?.code;
  if (name === 'NotAllowedError' || name === 'AbortError') return t('mfa.passkeys.errors.cancelled');
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError')
    return t('mfa.passkeys.errors.alreadyRegistered');
  if (name === 'SecurityError') return t('mfa.passkeys.errors.insecure');
  if (name === 'NotSupportedError') return t('mfa.passkeys.errors.notSupported');
  return t('mfa.passkeys.errors.failed');
}
