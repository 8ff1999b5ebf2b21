/**
 * The notifier: features hand it events (`notify`), it works them off one at a time in the background
 * — who of the named people may read the target now, what each chose for this kind, one stored
 * notification per person (store.ts), a push to their sockets, and e-mail to the outbox. A request
 * that causes an event for 2,000 people returns before any of this runs.
 *
 * New messages in a followed thread are batched: while one is waiting in the queue, more for the same
 * thread join it, and in the inbox one unread notification per thread counts them (store.ts).
 */
import { effectiveDelivery } from '@shared/notifications/kinds';
import type { CouncilServer } from '../realtime/io';
import { rooms } from '../realtime/io';
import type { Logger } from '../log';
import { readableTargets, targetKey } from './access';
import { activeMembers, type Member } from './people';
import { presentNotification } from './presenter';
import { settingsOf } from './settings';
import { storeNotifications, type Pending } from './store';
import type { MailSink, Notifier, NotifyInput } from './types';

interface Job {
  what: string;
  job: () => Promise<void>;
}

interface Queued {
  input: NotifyInput;
  /** Batched thread activity: events per person. */
  counts: Map<string, number>;
  at: Date;
}

export interface NotifierOptions {
  io: CouncilServer;
  logger: Logger;
  /** E-mail; without it, notifications stay in the inbox. */
  mail?: () => MailSink | undefined;
}

export function createNotifier({ io, logger, mail }: NotifierOptions): Notifier {
  const queue: (Queued | Job)[] = [];
  const activity = new Map<string, Queued>();
  let running: Promise<void> | null = null;

  async function work(): Promise<void> {
    for (let item = queue.shift(); item; item = queue.shift()) {
      if ('job' in item) {
        await item.job().catch((err: unknown) => logger.error({ err }, `notifications: ${item.what}`));
        continue;
      }
      if (item.input.kind === 'thread.activity') activity.delete(item.input.target.id);
      try {
        await deliver(item);
      } catch (err) {
        logger.error({ err, kind: item.input.kind, target: item.input.target.id }, 'notifications: delivery failed');
      }
    }
  }

  function kick(): void {
    // From the next turn of the event loop: the request that queued the event answers first.
    running ??= new Promise<void>((resolve) => setImmediate(resolve)).then(work).finally(() => {
      running = null;
      if (queue.length) kick();
    });
  }

  async function deliver({ input, counts, at }: Queued): Promise<void> {
    const ids = new Set([...input.recipients].map(String));
    if (input.actor) ids.delete(input.actor.id);
    if (!ids.size) return;
    const members = await mayRead(await activeMembers(ids), input);
    if (!members.size) return;
    const settings = await settingsOf([...members.keys()]);
    const pending: Pending[] = [];
    const deliveries = new Map<string, string>();
    for (const id of members.keys()) {
      const delivery = effectiveDelivery(input.kind, settings.get(id)?.deliveries, { mustConfirm: input.mustConfirm ?? false });
      if (delivery === 'off') continue;
      deliveries.set(id, delivery);
      pending.push({
        userId: id,
        kind: input.kind,
        actor: input.actor,
        target: input.target,
        detail: input.detail ?? {},
        at,
        ...(input.kind === 'thread.activity' ? { batch: { key: input.target.id, count: counts.get(id) ?? 1 } } : {}),
      });
    }
    if (!pending.length) return;
    // The bells ring as soon as the notifications are stored, before the states move on (store.ts).
    const stored = await storeNotifications(pending, (batch) => {
      for (const { record, unread } of batch) {
        io.to(rooms.user(String(record.userId))).emit('notification.new', { notification: presentNotification(record, false), unread });
      }
    });
    const email: { userId: string; notification: ReturnType<typeof presentNotification> }[] = [];
    const digest: typeof email = [];
    for (const { record } of stored) {
      const userId = String(record.userId);
      const notification = presentNotification(record, false);
      const delivery = deliveries.get(userId);
      // A batch moved to the top is mailed once, when it starts (count 1): not once per message.
      if (record.kind === 'thread.activity' && record.count > (counts.get(userId) ?? 1)) continue;
      if (delivery === 'email') email.push({ userId, notification });
      else if (delivery === 'digest') digest.push({ userId, notification });
    }
    const sink = mail?.();
    if (sink) await Promise.all([email.length ? sink.enqueue(email) : null, digest.length ? sink.enqueueDigest(digest) : null]);
  }

  return {
    notify(input) {
      const at = new Date();
      if (input.kind === 'thread.activity') {
        const waiting = activity.get(input.target.id);
        if (waiting) {
          for (const id of input.recipients) waiting.counts.set(id, (waiting.counts.get(id) ?? 0) + 1);
          waiting.input = { ...waiting.input, recipients: [...waiting.counts.keys()], actor: input.actor, detail: input.detail ?? {} };
          waiting.at = at;
          return;
        }
        const recipients = [...new Set(input.recipients)];
        const item: Queued = { input: { ...input, recipients }, counts: new Map(recipients.map((id) => [id, 1])), at };
        activity.set(input.target.id, item);
        queue.push(item);
      } else {
        queue.push({ input: { ...input, recipients: [...input.recipients] }, counts: new Map(), at });
      }
      kick();
    },
    run(what, job) {
      queue.push({ what, job });
      kick();
    },
    async settled() {
      while (running) await running;
    },
  };
}

/**
 * Those among `members` who may read the target now. A rule depends on a person's role and
 * organisation, never on who they are (but for their own account), so it is asked once per
 * organisation and role: 2,000 people are some 200 questions.
 */
async function mayRead(members: Map<string, Member>, input: NotifyInput): Promise<Map<string, Member>> {
  const key = targetKey(input.target);
  if (input.target.type === 'account') return new Map([...members].filter(([id]) => id === input.target.id));
  const answers = new Map<string, Promise<boolean>>();
  const out = new Map<string, Member>();
  await Promise.all(
    [...members].map(async ([id, member]) => {
      const group = `${member.actor.organization.id}|${member.actor.role}`;
      let answer = answers.get(group);
      if (!answer) {
        answer = readableTargets(member.actor, [input.target]).then((set) => set.has(key));
        answers.set(group, answer);
      }
      if (await answer) out.set(id, member);
    }),
  );
  return out;
}
