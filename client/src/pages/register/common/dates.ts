/**
 * Calendar dates as the register stores them (`YYYY-MM-DD`, meaning a day in Japan) and the
 * lead-time rule computed the way the server does, so the form's warning matches the stored flag.
 */
import { parseDateOnly, todayInJapan } from '@shared/japanDates';
import { isLeadTimeShort, leadTimeDays } from '@shared/register/rules';

export { parseDateOnly };

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
