/**
 * The mail outbox: what the notifier hands over for e-mail is rendered and stored at once (one
 * document per mail, `mail_outbox`, keyed by the notification's id), and a worker in this process
 * sends what is stored (worker.ts: at least once, with a stable Message-ID, in practice once).
 * Notifications for the daily digest are kept apart (`mail_digest_items`) until the digest hour
 * (digest.ts).
 *
 * Without SMTP_HOST and a transport given by the caller, mail is off: nothing is stored and
 * `npm start` says so once (main.ts starts the local mail catcher instead outside production).
 */
import type { Notification } from '@shared/schemas/notifications';
import type { Config } from '../config';
import type { Logger } from '../log';
import { runDigest, startDigestTimer, type DigestRun } from './digest';
import { mailSiteOf, type MailSite } from './links';
import { DigestItemModel, type DigestItemRecord } from './model';
import { recipientsOf } from './recipients';
import { insertIgnoringDuplicates, notificationMail, storeMails } from './store';
import { smtpTransport, type MailTransport } from './transport';
import { DEFAULT_TUNING, startMailWorker, type WorkerTuning } from './worker';

export interface OutgoingNotification {
  userId: string;
  notification: Notification;
}

export interface MailOutbox {
  /** Mail these at once; storing one notification twice sends it once. */
  enqueue(items: readonly OutgoingNotification[]): Promise<void>;
  /** Keep these for each person's next daily digest. */
  enqueueDigest(items: readonly OutgoingNotification[]): Promise<void>;
  /** Store the daily digest as of `now` and send it (what the timer does at MAIL_DIGEST_HOUR; tests call it). */
  digest(now: Date): Promise<DigestRun>;
  /** Resolves when everything stored so far has been attempted (tests). */
  settled(): Promise<void>;
  /** Stop the worker and the digest timer. */
  close(): Promise<void>;
}

export interface MailOutboxOptions {
  config: Config;
  logger: Logger;
  /** Signs the unsubscribe links (a key is derived from it). */
  sessionSecret: string;
  /** Where mail goes; the SMTP server of SMTP_HOST by default. */
  transport?: MailTransport;
  /** Store only, never send (a process that only stores; the tests' crash between store and send). */
  startWorker?: boolean;
  /** Run the daily digest at MAIL_DIGEST_HOUR (tests call `runDigest` themselves). */
  digestTimer?: boolean;
  /** Leases, polling, retries (tests shorten them). */
  tuning?: Partial<WorkerTuning>;
}

/** An outbox that stores and sends nothing: mail is off. */
export const mailOff: MailOutbox = {
  enqueue: async () => undefined,
  enqueueDigest: async () => undefined,
  digest: async () => ({ people: 0, items: 0 }),
  settled: async () => undefined,
  close: async () => undefined,
};

export function createMailOutbox(options: MailOutboxOptions): MailOutbox {
  const { config, logger } = options;
  const transport = options.transport ?? smtpTransport(config);
  if (!transport) {
    logger.warn('mail: off (SMTP_HOST is not set); notifications reach the inbox only');
    return mailOff;
  }
  const site: MailSite = mailSiteOf(config, options.sessionSecret);
  const tuning: WorkerTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const worker = options.startWorker === false ? null : startMailWorker({ transport, from: site.from, logger, tuning });
  const digest = async (now: Date) => {
    const run = await runDigest(now, site);
    logger.info(run, 'mail: daily digest stored');
    worker?.wake();
    return run;
  };
  const stopDigest =
    options.digestTimer === false ? () => undefined : startDigestTimer({ hour: config.MAIL_DIGEST_HOUR, logger, run: digest });

  return {
    async enqueue(items) {
      if (items.length === 0) return;
      const recipients = await recipientsOf(items.map((item) => item.userId));
      const now = new Date();
      const records = items.flatMap(({ userId, notification }) => {
        const recipient = recipients.get(userId);
        return recipient ? [notificationMail(notification, recipient, site, now)] : [];
      });
      await storeMails(records);
      worker?.wake();
    },
    async enqueueDigest(items) {
      const now = new Date();
      const docs: DigestItemRecord[] = items.map(({ userId, notification }) => ({ _id: notification.id, userId, notification, at: now }));
      await insertIgnoringDuplicates<DigestItemRecord>(DigestItemModel, docs);
    },
    digest,
    settled: () => worker?.settled() ?? Promise.resolve(),
    async close() {
      stopDigest();
      if (worker) await worker.close();
      else transport.close();
    },
  };
}
