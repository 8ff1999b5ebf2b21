/**
 * The sender: takes stored mail (outbox documents in `pending`), claims one attempt at a time and
 * hands it to SMTP. It runs in every app process; any number may run on one database.
 *
 * Delivery is at least once, with a stable Message-ID, and in practice once:
 * - An attempt is claimed by inserting `mail_claims` `<outboxId>#<attempt>`: of any number of
 *   workers, exactly one inserts it (a unique `_id`, which every engine arbitrates; a compare-and-set
 *   on the outbox document could be lost on FerretDB). Only that worker sends that attempt.
 * - After SMTP accepts the mail the worker records `sent`, and nothing sends a `sent` mail again.
 * - A worker that dies between claiming and recording leaves a claim whose lease runs out
 *   (`leaseMs`, far longer than any SMTP timeout). Then the next attempt is claimed and the mail is
 *   sent again — with the same Message-ID, derived from the outbox id. That is the one case a person
 *   can receive a mail twice: the process died after the SMTP server accepted it and before `sent`
 *   was written. We accept it rather than the alternative: recording `sent` before sending would
 *   lose the mail instead, and no SMTP server lets us ask whether it has a message already. The
 *   stable Message-ID lets mail systems and clients that keep them recognise the repeat.
 * - A failed attempt is retried with exponential backoff up to `retry.attempts`; a refusal for good
 *   (a 5xx to the recipient or the message) is not retried. Either end is logged.
 * - What to look at comes from `mail_queue` (model.ts), one small entry per pending mail, kept in
 *   step as attempts settle; the outbox document decides.
 */
import mongoose from 'mongoose';
import type { Logger } from '../log';
import { ignoringDuplicate } from '../db/keys';
import { insertIgnoringDuplicates } from './store';
import { MailClaimModel, MailQueueModel, OutboxModel, queueEntryOf } from './model';
import { failureCodes, isPermanentFailure, type MailTransport } from './transport';

export interface WorkerTuning {
  /** How long a claim is good for; after it the claimer is taken to have died. */
  leaseMs: number;
  /** How often stored mail is looked for without being woken (mail left by a crashed process). */
  pollMs: number;
  retry: { baseMs: number; maxMs: number; attempts: number };
  /** `close()` waits this long for a send under way to finish and be recorded, then abandons it. */
  closeGraceMs: number;
  /** Sent and failed mail is kept this long (the record that it went), then removed. */
  keepMs: number;
}

export const DEFAULT_TUNING: WorkerTuning = {
  leaseMs: 10 * 60_000,
  pollMs: 30_000,
  retry: { baseMs: 30_000, maxMs: 60 * 60_000, attempts: 12 },
  closeGraceMs: 5_000,
  keepMs: 30 * 24 * 3600_000,
};

export interface MailWorker {
  /** Look for stored mail now. */
  wake(): void;
  /** Resolves once a look that began after the call has attempted every mail that was due. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Mail listed per look; the earliest due first. */
const BATCH = 100;
const HOUR_MS = 3600_000;

export function startMailWorker(options: { transport: MailTransport; from: string; logger: Logger; tuning: WorkerTuning }): MailWorker {
  const { transport, from, logger, tuning } = options;
  let closed = false;
  /** Set once `close()` stops waiting: what a send under way learns after that is not recorded (as if the process had died). */
  let abandoned = false;
  let requested = 0;
  let completed = 0;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let lastPurge = 0;
  /** The start-up pass that queues pending mail without an entry (queueUnqueued), once per process. */
  let queued: Promise<void> | null = null;
  const waiters: { pass: number; resolve: () => void }[] = [];

  function request(): number {
    requested += 1;
    running ??= loop();
    return requested;
  }

  async function loop(): Promise<void> {
    while (!closed && completed < requested) {
      const pass = requested;
      let next: number;
      try {
        next = await look();
      } catch (err) {
        logger.warn({ err }, 'mail: could not read the outbox; looking again later');
        next = Date.now() + tuning.pollMs;
      }
      completed = pass;
      release();
      schedule(next);
    }
    running = null;
    if (closed) release(true);
  }

  function release(all = false) {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i]!;
      if (all || waiter.pass <= completed) {
        waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  function schedule(at: number) {
    if (closed) return;
    clearTimeout(timer);
    const delay = Math.min(Math.max(at - Date.now(), 0), tuning.pollMs);
    timer = setTimeout(() => request(), delay);
    timer.unref();
  }

  /** One look: every due mail attempted, in order; the time to look again. */
  async function look(): Promise<number> {
    if (Date.now() - lastPurge > HOUR_MS) await purge();
    let next = Date.now() + tuning.pollMs;
    queued ??= queueUnqueued().catch((err: unknown) => {
      queued = null;
      throw err;
    });
    await queued;
    // Every entry is small: sorted here rather than by the engine (which would decode them all anyway).
    const pending = (await MailQueueModel.find({}).lean())
      .sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime() || a._id.localeCompare(b._id))
      .slice(0, BATCH);
    let lastWasDue = false;
    for (const mail of pending) {
      if (closed) return next;
      const due = mail.notBefore.getTime();
      lastWasDue = due <= Date.now();
      if (!lastWasDue) {
        next = Math.min(next, due);
        continue;
      }
      const again = await attempt(mail._id, mail.attempt, false);
      if (again !== null) next = Math.min(next, again);
    }
    // A full batch, all of it due: there may be more behind it.
    return pending.length === BATCH && lastWasDue ? Date.now() : next;
  }

  /**
   * Pending mail without a queue entry (stored just before a crash, or before the queue existed):
   * queued once per process, by the one look at the whole outbox a process makes.
   */
  async function queueUnqueued(): Promise<void> {
    const [pending, entries] = await Promise.all([
      OutboxModel.find({ state: 'pending' }, { _id: 1, attempt: 1, notBefore: 1 }).lean(),
      MailQueueModel.find({}, { _id: 1 }).lean(),
    ]);
    const known = new Set(entries.map((e) => e._id));
    const missing = pending.filter((m) => !known.has(m._id)).map(queueEntryOf);
    if (missing.length === 0) return;
    await insertIgnoringDuplicates(MailQueueModel, missing);
    logger.warn({ mails: missing.length }, 'mail: queued pending mail that had no queue entry');
  }

  /** The queue entry follows its mail: gone once it is settled, else its attempt and time. */
  async function settle(id: string, mail: { state: string; attempt: number; notBefore: Date } | null): Promise<void> {
    if (!mail || mail.state !== 'pending') await MailQueueModel.deleteOne({ _id: id });
    else await MailQueueModel.updateOne({ _id: id }, { $set: { attempt: mail.attempt, notBefore: mail.notBefore } });
  }

  /** Claim attempt `n` of a mail and send it; the time to look at it again, or null when it is settled or another worker has it for good. */
  async function attempt(id: string, n: number, recovering: boolean): Promise<number | null> {
    const claimId = `${id}#${n}`;
    const claimed = await ignoringDuplicate(
      MailClaimModel.create({ _id: claimId, at: new Date(), leaseUntil: new Date(Date.now() + tuning.leaseMs) }),
    );
    if (!claimed) {
      const claim = await MailClaimModel.findById(claimId).lean();
      // Another worker is sending it now.
      if (claim && claim.leaseUntil.getTime() > Date.now()) return claim.leaseUntil.getTime();
      if (recovering) return null;
      // Its claimer died mid-send (or the record of the outcome was lost): the next attempt, same Message-ID.
      await OutboxModel.updateOne({ _id: id, state: 'pending', attempt: n }, { $set: { attempt: n + 1 } });
      await MailQueueModel.updateOne({ _id: id }, { $set: { attempt: n + 1 } });
      logger.warn({ outboxId: id, attempt: n + 1 }, 'mail: an earlier attempt did not finish; sending again with the same Message-ID');
      return attempt(id, n + 1, true);
    }
    const mail = await OutboxModel.findById(id).lean();
    // Sent, given up or moved on since it was listed.
    if (!mail || mail.state !== 'pending' || mail.attempt !== n) {
      await settle(id, mail);
      return null;
    }

    let failure: unknown = null;
    try {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
      });
    } catch (err) {
      failure = err ?? new Error('send failed');
    }
    if (abandoned) return null;
    const context = { outboxId: id, userId: mail.userId, kind: mail.kind, attempt: n + 1 };
    if (!failure) {
      await OutboxModel.updateOne({ _id: id }, { $set: { state: 'sent', sentAt: new Date(), lastError: null } });
      await MailQueueModel.deleteOne({ _id: id });
      logger.info(context, 'mail sent');
      return null;
    }
    const codes = failureCodes(failure);
    if (isPermanentFailure(failure) || n + 1 >= tuning.retry.attempts) {
      await OutboxModel.updateOne({ _id: id }, { $set: { state: 'failed', failedAt: new Date(), attempt: n + 1, lastError: codes } });
      await MailQueueModel.deleteOne({ _id: id });
      logger.error({ ...context, error: codes }, 'mail: not delivered; giving up');
      return null;
    }
    const delay = Math.min(tuning.retry.maxMs, tuning.retry.baseMs * 2 ** n);
    const notBefore = new Date(Date.now() + delay);
    await OutboxModel.updateOne({ _id: id }, { $set: { attempt: n + 1, notBefore, lastError: codes } });
    await MailQueueModel.updateOne({ _id: id }, { $set: { attempt: n + 1, notBefore } });
    logger.warn({ ...context, error: codes, retryInMs: delay }, 'mail: sending failed; trying again later');
    return notBefore.getTime();
  }

  /** Mail settled more than `keepMs` ago goes, with its claims (no TTL index: expired by the app). */
  async function purge() {
    lastPurge = Date.now();
    const before = new Date(Date.now() - tuning.keepMs);
    const old = [
      ...(await OutboxModel.find({ state: 'sent', sentAt: mongoose.trusted({ $lt: before }) }, { _id: 1, attempt: 1 })
        .limit(1_000)
        .lean()),
      ...(await OutboxModel.find({ state: 'failed', failedAt: mongoose.trusted({ $lt: before }) }, { _id: 1, attempt: 1 })
        .limit(1_000)
        .lean()),
    ];
    if (old.length === 0) return;
    const claims = old.flatMap((m) => Array.from({ length: m.attempt + 1 }, (_, k) => `${m._id}#${k}`));
    await MailClaimModel.deleteMany({ _id: mongoose.trusted({ $in: claims }) });
    await OutboxModel.deleteMany({ _id: mongoose.trusted({ $in: old.map((m) => m._id) }) });
  }

  request();
  return {
    wake() {
      if (!closed) request();
    },
    settled() {
      if (closed) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ pass: request(), resolve }));
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      if (running) {
        let grace: NodeJS.Timeout | undefined;
        await Promise.race([running, new Promise<void>((resolve) => (grace = setTimeout(resolve, tuning.closeGraceMs)))]);
        clearTimeout(grace);
      }
      abandoned = true;
      release(true);
      transport.close();
    },
  };
}
