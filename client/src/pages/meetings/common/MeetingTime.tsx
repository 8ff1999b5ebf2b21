import { DateTimeText } from '@client/components/DateTimeText';
import { useLanguage } from '@client/i18n/useLanguage';
import { useMeetingsT } from '../useMeetingsT';
import { formatJapanClock, japanDay } from './japanTime';

/** When a meeting runs, in Japan time: the end shows as a time only when it is the same day. */
export function MeetingTime({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  const mt = useMeetingsT();
  const [language] = useLanguage();
  const sameDay = japanDay(startsAt) === japanDay(endsAt);
  return (
    <span className="meeting-time">
      <DateTimeText iso={startsAt} />
      <span aria-hidden="true"> – </span>
      <span className="visually-hidden">{mt('meetings.time.until')}</span>
      {sameDay ? <time dateTime={endsAt}>{formatJapanClock(endsAt, language)}</time> : <DateTimeText iso={endsAt} />}
    </span>
  );
}
