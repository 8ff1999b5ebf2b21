/**
 * Dates are always shown in Japan time. Japanese uses the imperial era (令和8年11月25日 10:00),
 * as government readers expect; English uses the Gregorian calendar.
 */
import type { Language } from '@client/i18n';

const TIME_ZONE = 'Asia/Tokyo';

const formatters = {
  ja: {
    dateTime: new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
      era: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: TIME_ZONE,
    }),
    date: new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
      era: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: TIME_ZONE,
    }),
  },
  en: {
    dateTime: new Intl.DateTimeFormat('en-GB', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: TIME_ZONE,
      timeZoneName: 'short',
    }),
    date: new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: TIME_ZONE }),
  },
} satisfies Record<Language, { dateTime: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>;

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** 令和8年11月25日 10:00 / 25 Nov 2026, 10:00 GMT+9 */
export function formatDateTime(iso: string, language: Language): string {
  const date = parse(iso);
  return date ? formatters[language].dateTime.format(date) : iso;
}

/** 令和8年11月25日 / 25 November 2026 */
export function formatDate(iso: string, language: Language): string {
  const date = parse(iso);
  return date ? formatters[language].date.format(date) : iso;
}
