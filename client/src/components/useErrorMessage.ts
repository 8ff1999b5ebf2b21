import { useTranslation } from 'react-i18next';
import { isApiError } from '@client/api';

/**
 * Turns any thrown error into a sentence in the reader's language; a server failure's ends with its
 * request id (問い合わせ番号), for the person to quote when they report it.
 */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (!isApiError(error)) return t('errors.unexpected');
    if (error.reason) return t(`errors.reason.${error.reason}`);
    if (error.code === 'bad_request' && error.field) return t('errors.serverField', { message: error.detail });
    const message = t(`errors.${error.code}`);
    return error.requestId ? t('errors.withReference', { message, requestId: error.requestId }) : message;
  };
}
