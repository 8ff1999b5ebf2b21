import { useTranslation } from 'react-i18next';
import { ComingSoon } from '@client/components/ComingSoon';

/** 全体会議 and 課題協議会議 (to be built). */
export function MeetingsPage() {
  const { t } = useTranslation();
  return <ComingSoon title={t('forums.meetings.title')} subtitle={t('forums.meetings.subtitle')} lead={t('forums.meetings.lead')} />;
}
