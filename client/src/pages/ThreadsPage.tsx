import { useTranslation } from 'react-i18next';
import { ComingSoon } from '@client/components/ComingSoon';

/** 事業者間協議: the discussion threads (to be built). */
export function ThreadsPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('forums.threads.title')} subtitle={t('forums.threads.subtitle')} lead={t('forums.threads.lead')} />;
}
