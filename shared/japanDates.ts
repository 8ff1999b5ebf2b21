/**
 * Days in Japan, in one place for the server and the client. The register and the minutes store a
 * calendar day (`YYYY-MM-DD`, meaning a day in Japan) as midnight UTC of that day, so date-only
 * values compare and subtract exactly; "today", and the instants a day begins and ends, are taken
 * in Japan time (Asia/Tokyo) through @date-fns/tz rather than a hand-written offset.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const JAPAN_TIME_ZONE = 'Asia/Tokyo';
export const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A stored calendar day from its `YYYY-MM-DD`; null for nothing or for what is not such a day. */
export function parseDateOnly(value: string | null | undefined): Date | null {
  if (!value || !DATE_ONLY.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A stored calendar day as `YYYY-MM-DD`. */
export const dateOnly = (day: Date | null | undefined): string | null => (day ? day.toISOString().slice(0, 10) : null);

/** The last day todayInJapan worked out, and the instants it begins and ends (a register page asks for it per issue). */
let lastDay: { from: number; to: number; day: number } | null = null;

/** The calendar day it is in Japan at `now`, as a stored day. */
export function todayInJapan(now = new Date()): Date {
  const t = now.getTime();
  if (!lastDay || t < lastDay.from || t >= lastDay.to) {
    const day = parseDateOnly(format(new TZDate(now, JAPAN_TIME_ZONE), 'yyyy-MM-dd'))!;
    lastDay = { from: startOfJapanDay(day).getTime(), to: endOfJapanDay(day).getTime(), day: day.getTime() };
  }
  return new Date(lastDay.day);
}

/** The instant a calendar day begins in Japan (`YYYY-MM-DD` or a stored day). */
export function startOfJapanDay(day: string | Date): Date {
  const [year, month, date] = (typeof day === 'string' ? day : dateOnly(day)!).split('-').map(Number) as [number, number, number];
  return new Date(TZDate.tz(JAPAN_TIME_ZONE, year, month - 1, date).getTime());
}

/** The instant a calendar day ends in Japan: the next day begins. */
export function endOfJapanDay(day: string | Date): Date {
  const [year, month, date] = (typeof day === 'string' ? day : dateOnly(day)!).split('-').map(Number) as [number, number, number];
  return new Date(TZDate.tz(JAPAN_TIME_ZONE, year, month - 1, date + 1).getTime());
}
