/**
 * Dates are always shown in Japan time. Japanese uses the imperial era (令和8年11月25日 10:00),
 * as government readers expect; English uses the Gregorian calendar.
 */
import { JAPAN_TIME_ZONE as TIME_ZONE } from '@shared/japanDates';
import type { Language } from '@client/i18n';

const JA_DATE_TIME: Intl.DateTimeFormatOptions = {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE,
};
const EN_DATE_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE,
  timeZoneName: 'short',
};

const formatters = {
  ja: {
    dateTime: new Intl.DateTimeFormat('ja-JP-u-ca-japanese', JA_DATE_TIME),
    dateTimeSeconds: new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { ...JA_DATE_TIME, second: '2-digit' }),
    date: new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
      era: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: TIME_ZONE,
    }),
  },
  en: {
    dateTime: new Intl.DateTimeFormat('en-GB', EN_DATE_TIME),
    dateTimeSeconds: new Intl.DateTimeFormat('en-GB', { ...EN_DATE_TIME, second: '2-digit' }),
    date: new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: TIME_ZONE }),
  },
} satisfies Record<Language, { dateTime: Intl.DateTimeFormat; dateTimeSeconds: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>;

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

/** 令和8年11月25日 10:00:05 / 25 Nov 2026, 10:00:05 GMT+9 — for records put in order by eye (the audit log). */
export function formatDateTimeSeconds(iso: string, language: Language): string {
  const date = parse(iso);
  return date ? formatters[language].dateTimeSeconds.format(date) : iso;
}
