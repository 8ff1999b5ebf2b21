import { useTranslation } from 'react-i18next';
import type { Visibility } from '@shared/threads/rules';

/** Who may read a thread: 協議会全体 / 事業者のみ / 開発事業者のみ. */
export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  const { t } = useTranslation();
  return (
    <span className={`visibility-badge visibility-badge--${visibility}`}>
      <span className="visually-hidden">{t('threads.visibility.label')}: </span>
      {t(`threads.visibility.${visibility}`)}
    </span>
  );
}
