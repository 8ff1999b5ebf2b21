import { useTranslation } from 'react-i18next';
import type { BusinessAreaKey } from '@shared/reference/council';
import { useBusinessAreas } from '@client/queries/organizations';
import { useLanguage } from '@client/i18n/useLanguage';

/** The business areas (of the 20) an organisation covers, as tags. */
export function BusinessAreaTags({ areas }: { areas: readonly BusinessAreaKey[] }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { data: all = [] } = useBusinessAreas();
  if (areas.length === 0) return <span className="muted">{t('common.none')}</span>;
  return (
    <ul className="tag-list">
      {areas.map((key) => {
        const area = all.find((a) => a.key === key);
        return (
          <li key={key} className="tag">
            {area ? area[language] : key}
          </li>
        );
      })}
    </ul>
  );
}
