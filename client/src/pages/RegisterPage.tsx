import { useTranslation } from 'react-i18next';
import { ComingSoon } from '@client/components/ComingSoon';

/** 課題管理表: the issue register (to be built). */
export function RegisterPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('forums.register.title')} subtitle={t('forums.register.subtitle')} lead={t('forums.register.lead')} />;
}
