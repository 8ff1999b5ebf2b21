/**
 * The daily digest: at MAIL_DIGEST_HOUR:00 in Japan, each person with notifications kept for the
 * digest gets one mail listing them, and those are removed. The digest's outbox id
 * (`digest:<user>:<day>`) makes it once per person per day, whichever process or run gets there
 * first; a run that finds the day's digest stored removes exactly what that digest carried, so an
 * item is in one digest only, and what arrived after it waits for the next day.
 */
import { TZDate } from '@date-fns/tz';
import mongoose from 'mongoose';
import { dateOnly, JAPAN_TIME_ZONE, todayInJapan } from '@shared/japanDates';
import type { Logger } from '../log';
import type { MailSite } from './links';
import { DigestItemModel, OutboxModel, type DigestItemRecord } from './model';
import { recipientsOf } from './recipients';
import { digestMail, storeMails } from './store';
import { stillUnread } from '../notifications/inbox';

export interface DigestRun {
  /** People a digest was stored for by this run. */
  people: number;
  /** Notifications those digests list. */
  items: number;
}

/**
 * Store today's digest of everyone with items (the day is `now`'s in Japan); the outbox sends them.
 * Reads the whole item collection: once a day, and it holds about a day of items.
 */
export async function runDigest(now: Date, site: MailSite): Promise<DigestRun> {
  const date = dateOnly(todayInJapan(now))!;
  const items = await DigestItemModel.find({}).lean<DigestItemRecord[]>();
  const byPerson = new Map<string, DigestItemRecord[]>();
  for (const item of items) byPerson.set(item.userId, [...(byPerson.get(item.userId) ?? []), item]);
  const recipients = await recipientsOf(byPerson.keys());
  const run: DigestRun = { people: 0, items: 0 };
  for (const [userId, own] of byPerson) {
    const recipient = recipients.get(userId);
    let done: string[];
    // What the person read in the inbox since needs no mail: it goes, unsent (a batch moved up is gone too).
    const unread = recipient
      ? await stillUnread(
          userId,
          own.map((item) => item.notification.id),
        )
      : new Set<string>();
    const wanted = own.filter((item) => unread.has(item.notification.id));
    if (!recipient || !wanted.length) {
      // Deactivated since, or everything read: nothing to send; the inbox keeps the notifications.
      done = own.map((item) => item._id);
    } else {
      const record = digestMail(
        wanted.map((item) => item.notification),
        recipient,
        site,
        date,
        now,
      );
      if ((await storeMails([record])).has(record._id)) {
        done = [...record.items, ...own.filter((item) => !unread.has(item.notification.id)).map((item) => item._id)];
        run.people += 1;
        run.items += record.items.length;
      } else {
        // Today's digest is stored already (another process, an earlier run): what it carries is done.
        done = (await OutboxModel.findById(record._id, { items: 1 }).lean())?.items ?? [];
      }
    }
    if (done.length > 0) await DigestItemModel.deleteMany({ _id: mongoose.trusted({ $in: done }) });
  }
  return run;
}

/** The next `hour`:00 in Japan after `now`. */
export function nextDigestAt(now: Date, hour: number): Date {
  const [year, month, day] = dateOnly(todayInJapan(now))!.split('-').map(Number) as [number, number, number];
  const today = new Date(TZDate.tz(JAPAN_TIME_ZONE, year, month - 1, day, hour).getTime());
  return today > now ? today : new Date(TZDate.tz(JAPAN_TIME_ZONE, year, month - 1, day + 1, hour).getTime());
}

/**
 * Run `run` at every `hour`:00 in Japan; returns the stop function. An hour that passes while no
 * process runs is not caught up: those items go in the next day's digest.
 */
export function startDigestTimer(options: { hour: number; run: (now: Date) => Promise<unknown>; logger: Logger }): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    const at = nextDigestAt(new Date(), options.hour);
    timer = setTimeout(() => {
      options
        .run(at)
        .catch((err: unknown) => options.logger.error({ err }, 'mail: the daily digest failed; its items wait for the next one'))
        .finally(arm);
    }, at.getTime() - Date.now());
    timer.unref();
  };
  arm();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
