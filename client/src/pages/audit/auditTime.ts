/**
 * An audit entry's time to the second, in Japan time (令和8年11月25日 10:00:05 /
 * 25 Nov 2026, 10:00:05 GMT+9): the shared format/dates.ts stops at minutes, which is too coarse
 * to put a log's entries in order by eye.
 */
import type { Language } from '@client/i18n';

const TIME_ZONE = 'Asia/Tokyo';

const formatters = {
  ja: new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: TIME_ZONE,
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: TIME_ZONE,
    timeZoneName: 'short',
  }),
} satisfies Record<Language, Intl.DateTimeFormat>;

export function formatAuditTime(iso: string, language: Language): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatters[language].format(date);
}
