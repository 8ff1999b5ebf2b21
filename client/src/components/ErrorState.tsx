import { useTranslation } from 'react-i18next';
import { isApiError } from '@client/api';
import { NotPermitted } from './NotPermitted';
import { useErrorMessage } from './useErrorMessage';

interface Props {
  error: unknown;
  onRetry?: () => void;
  fullPage?: boolean;
}

/** A failed load: a 403 becomes the "not permitted" state, anything else an alert with retry. */
export function ErrorState({ error, onRetry, fullPage = false }: Props) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (isApiError(error) && error.status === 403) return <NotPermitted />;
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
