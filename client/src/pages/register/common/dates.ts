/**
 * Calendar dates as the register stores them (`YYYY-MM-DD`, meaning a day in Japan) and the
 * lead-time rule computed the way the server does, so the form's warning matches the stored flag.
 */
import { isLeadTimeShort, leadTimeDays } from '@shared/register/rules';

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function parseDateOnly(value: string | null | undefined): Date | null {
  if (!value || !DATE_ONLY.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Today in Japan, as a stored date (midnight UTC of that calendar day). */
export function todayInJapan(now = new Date()): Date {
  return parseDateOnly(new Date(now.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10))!;
}

export interface LeadTime {
  days: number;
  short: boolean;
  /** Counted to today because the revised specification is not published yet. */
  fromToday: boolean;
}

/** Days from the specification's publication (or today) to enforcement; null without an enforcement date. */
export function leadTimeOf(enforcement: string | null, specPublished: string | null): LeadTime | null {
  const published = parseDateOnly(specPublished);
  const days = leadTimeDays(parseDateOnly(enforcement), published, todayInJapan());
  if (days === null) return null;
  return { days, short: isLeadTimeShort(days), fromToday: published === null };
}
