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
 * A failed load. Missing (404, or a malformed id in the address: a 400 naming a path parameter)
 * is the not-found page and refused (403) the not-permitted page, both with a way back: retrying
 * changes neither. Anything else may pass, so it is an alert with a retry.
 */
export function ErrorState({ error, onRetry, fullPage = false, back, notFound }: Props) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (isApiError(error) && (error.status === 404 || (error.status === 400 && error.field?.startsWith('params.')))) {
    return <NotFound detail={notFound} back={back} />;
  }
  if (isApiError(error) && error.status === 403) {
    return <NotPermitted body={error.reason ? message(error) : undefined} back={back} />;
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
