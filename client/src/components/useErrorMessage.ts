import { useTranslation } from 'react-i18next';
import { isApiError } from '@client/api';

/** Turns any thrown error into a sentence in the reader's language. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (!isApiError(error)) return t('errors.unexpected');
    if (error.reason) return t(`errors.reason.${error.reason}`);
    if (error.code === 'bad_request' && error.field) return t('errors.serverField', { message: error.detail });
    return t(`errors.${error.code}`);
  };
}
