import { useTranslation } from 'react-i18next';
import { isApiError } from '@client/api';
import { NotFound } from './NotFound';
import { NotPermitted } from './NotPermitted';
import { useErrorMessage } from './useErrorMessage';
import type { WayBack } from './WayBack';

interface Props {
  error: unknown;
  onRetry?: () => void;
  fullPage?: boolean;
  /** Where a missing or refused page leads back to. */
  back?: WayBack;
  /** What is missing, said in the page's words (「この課題は見つかりませんでした。」). */
  notFound?: string;
}

/**
 * Missing (404, or a malformed id in the address: a 400 naming a path parameter) or refused (403):
 * retrying changes neither, so ErrorState shows a page of its own with the way back instead of a retry.
 */
export function isDeadEnd(error: unknown): boolean {
  return isApiError(error) && (error.status === 404 || error.status === 403 || (error.status === 400 && !!error.field?.startsWith('params.')));
}

/**
 * A failed load. Missing (404, or a malformed id in the address: a 400 naming a path parameter)
 * is the not-found page and refused (403) the not-permitted page, both with a way back: retrying
 * changes neither. Anything else may pass, so it is an alert with a retry.
 */
export function ErrorState({ error, onRetry, fullPage = false, back, notFound }: Props) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (isApiError(error) && isDeadEnd(error)) {
    // The server's reason, in the reader's words, says why and what to do instead; else the general advice.
    if (error.status === 403) return <NotPermitted body={error.reason ? message(error) : undefined} back={back} />;
    return <NotFound detail={notFound} back={back} />;
  }
  return (
    <div className={fullPage ? 'notice notice--error notice--full' : 'notice notice--error'} role="alert">
      <p className="notice__title">{t('errors.loadFailed')}</p>
      <p>{message(error)}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
