/**
 * Meetings are entered and shown in Japan time whatever the reader's computer says. A
 * datetime-local input holds a wall-clock time with no zone: we read it as Japan time and send it
 * with +09:00 (Japan has no daylight saving time, so the offset is fixed).
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { JAPAN_TIME_ZONE as TIME_ZONE } from '@shared/japanDates';
import type { Language } from '@client/i18n';

const INPUT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** `2026-12-10T05:00:00.000Z` → `2026-12-10T14:00`, for a datetime-local input. */
export function toJapanInputValue(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return format(new TZDate(date, TIME_ZONE), "yyyy-MM-dd'T'HH:mm");
}

/** `2026-12-10T14:00` → `2026-12-10T14:00:00+09:00`; an empty or malformed value stays as it is for the schema to refuse. */
export function fromJapanInputValue(value: string): string {
  return INPUT_PATTERN.test(value) ? `${value}:00+09:00` : value;
}

/** The calendar day in Japan, to tell whether a meeting starts and ends on the same day. */
export function japanDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format(new TZDate(date, TIME_ZONE), 'yyyy-MM-dd');
}

const clockFormatters = {
  ja: new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE, timeZoneName: 'short' }),
} satisfies Record<Language, Intl.DateTimeFormat>;

/** 16:00 / 16:00 GMT+9 */
export function formatJapanClock(iso: string, language: Language): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : clockFormatters[language].format(date);
}
