import { formatDate } from '@client/format/dates';
import { useLanguage } from '@client/i18n/useLanguage';
import { parseDateOnly } from './dates';

/** A stored calendar date (`YYYY-MM-DD`) in the reader's style: 令和8年4月1日 / 1 April 2026. */
export function DateOnlyText({ value, fallback = '—' }: { value: string | null; fallback?: string }) {
  const [language] = useLanguage();
  const date = parseDateOnly(value);
  if (!value || !date) return <>{fallback}</>;
  return <time dateTime={value}>{formatDate(date.toISOString(), language)}</time>;
}
