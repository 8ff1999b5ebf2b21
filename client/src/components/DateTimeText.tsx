import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '@client/format/dates';
import { isLanguage } from '@client/i18n';

interface Props {
  iso: string | null;
  /** Show the date only. */
  dateOnly?: boolean;
  /** What to show when there is no date. */
  fallback?: string;
}

/** A <time> element in Japan time, with the era in Japanese. */
export function DateTimeText({ iso, dateOnly = false, fallback }: Props) {
  const { t, i18n } = useTranslation();
  if (!iso) return <>{fallback ?? t('dates.never')}</>;
  const language = isLanguage(i18n.language) ? i18n.language : 'ja';
  const text = dateOnly ? formatDate(iso, language) : formatDateTime(iso, language);
  return <time dateTime={iso}>{text}</time>;
}
