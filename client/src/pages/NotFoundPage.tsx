import { useTranslation } from 'react-i18next';
import { NotFound } from '@client/components/NotFound';
import { usePageTitle } from '@client/components/usePageTitle';

/** An address the app has no page for. */
export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return <NotFound />;
}
