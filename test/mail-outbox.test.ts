/**
 * The outbox's guarantees against real SMTP servers (smtp-server catchers) and the real database:
 * an SMTP server that is down, a process that dies between storing and sending and one that dies
 * mid-send — each mail still arrives exactly once, with its stable Message-ID — and the daily digest,
 * once per person per day. No app server here: each test runs outboxes of its own, so nothing else
 * picks their mail up.
 */
import mongoose from 'mongoose';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig, type Config } from '../server/config';
import { connectDatabase, disconnectDatabase } from '../server/db/connection';
import { createLogger } from '../server/log';
import { startMailCatcher, type MailCatcher } from '../server/mail/catcher';
import { nextDigestAt, runDigest } from '../server/mail/digest';
import { mailSiteOf } from '../server/mail/links';
import { DigestItemModel, MailClaimModel, MailQueueModel, OutboxModel } from '../server/mail/model';
import { createMailOutbox, type MailOutbox, type MailOutboxOptions } from '../server/mail/outbox';
import { readUnsubscribeToken, unsubscribe } from '../server/mail/unsubscribe';
import { NotificationSettingsModel, updateSettings } from '../server/notifications/settings';
import { seedCouncil } from '../server/seed/seed';
import { chosenDeliveries, headerOf, messageIdFor, notificationFor, userIdOf, withMessageId } from './support/mail';

const logger = createLogger({ level: 'silent' });
const sessionSecret = randomBytes(32).toString('hex');
let dataDir: string;
let config: Config;
let devId: string;
let dev2Id: string;
let mhlwId: string;
const catchers: MailCatcher[] = [];
const outboxes: MailOutbox[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'council-mail-'));
  config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
  await connectDatabase(inject('mongoUri'), { dbName: `test_${randomBytes(6).toString('hex')}` });
  await seedCouncil({ demo: true });
  [devId, dev2Id, mhlwId] = (await Promise.all(['dev@demo.example', 'dev2@demo.example', 'mhlw@demo.example'].map(userIdOf))) as [
    string,
    string,
    string,
  ];
});
afterAll(async () => {
  await Promise.all(outboxes.map((o) => o.close()));
  await Promise.all(catchers.map((c) => c.close()));
  await disconnectDatabase();
  rmSync(dataDir, { recursive: true, force: true });
});

async function catcher(options: Parameters<typeof startMailCatcher>[0] = {}) {
  const c = await startMailCatcher(options);
  catchers.push(c);
  return c;
}

function outbox(options: Partial<MailOutboxOptions> & Pick<MailOutboxOptions, 'transport'>) {
  const o = createMailOutbox({ config, logger, sessionSecret, digestTimer: false, ...options });
  outboxes.push(o);
  return o;
}

const arrivals = (c: MailCatcher, outboxId: string) => c.messages().filter(withMessageId(messageIdFor(outboxId)));
const fresh = (userId: string, overrides: Parameters<typeof notificationFor>[1] = {}) => ({
  userId,
  notification: notificationFor(userId, overrides),
});

describe('an SMTP server that is down', () => {
  it('is retried with backoff, and the mail is delivered once when it is back', async () => {
    const smtp = await catcher();
    const sender = outbox({ transport: smtp.transport(), tuning: { retry: { baseMs: 50, maxMs: 200, attempts: 100 } } });
    await smtp.pause();
    const item = fresh(devId);
    await sender.enqueue([item]);
    // Failed at least twice while the server was down, and is still waiting to be sent.
    await expect
      .poll(async () => (await OutboxModel.findById(item.notification.id).lean())?.attempt ?? 0, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    const waiting = await OutboxModel.findById(item.notification.id).lean();
    expect(waiting).toMatchObject({ state: 'pending', sentAt: null, lastError: expect.stringMatching(/^E[A-Z]+/) });

    await smtp.resume();
    await smtp.waitFor(withMessageId(messageIdFor(item.notification.id)));
    await sender.settled();
    expect(arrivals(smtp, item.notification.id)).toHaveLength(1);
    expect(await OutboxModel.findById(item.notification.id).lean()).toMatchObject({ state: 'sent', lastError: null });
  });

  it('gives up after the cap, and at once on a refusal for good', async () => {
    const refusing = await catcher({
      accept: () => Promise.reject(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 })),
    });
    const sender = outbox({ transport: refusing.transport(), tuning: { retry: { baseMs: 20, maxMs: 50, attempts: 3 } } });
    const item = fresh(devId);
    await sender.enqueue([item]);
    await expect.poll(async () => (await OutboxModel.findById(item.notification.id).lean())?.state, { timeout: 10_000 }).toBe('failed');
    // A 5xx to the message is final: one attempt, not three.
    expect(await OutboxModel.findById(item.notification.id).lean()).toMatchObject({ attempt: 1, lastError: 'EMESSAGE 550 DATA' });

    const down = await catcher();
    await down.pause();
    const capped = outbox({ transport: down.transport(), tuning: { retry: { baseMs: 20, maxMs: 50, attempts: 3 } } });
    const other = fresh(devId);
    await capped.enqueue([other]);
    await expect.poll(async () => (await OutboxModel.findById(other.notification.id).lean())?.state, { timeout: 10_000 }).toBe('failed');
    expect(await OutboxModel.findById(other.notification.id).lean()).toMatchObject({ attempt: 3 });
  });
});

describe('a crash', () => {
  it('between storing and sending: a new process sends every stored mail exactly once', async () => {
    const smtp = await catcher();
    // The process that stored them died before its worker sent anything.
    const dead = outbox({ transport: smtp.transport(), startWorker: false });
    const items = [fresh(devId), fresh(dev2Id, { kind: 'issue.answer' }), fresh(mhlwId, { kind: 'issue.routed' })];
    await dead.enqueue(items);
    await dead.close();
    for (const { notification } of items) expect((await OutboxModel.findById(notification.id).lean())?.state).toBe('pending');

    const next = outbox({ transport: smtp.transport() });
    await Promise.all(items.map(({ notification }) => smtp.waitFor(withMessageId(messageIdFor(notification.id)))));
    // The notifier handing the same notifications over again changes nothing.
    await next.enqueue(items);
    await next.settled();
    // Nor does a third process starting up.
    const third = outbox({ transport: smtp.transport() });
    await third.settled();
    for (const { notification } of items) expect(arrivals(smtp, notification.id), notification.id).toHaveLength(1);
  });

  it('between storing a mail and queueing it: the next process queues and sends it; sent mail leaves the queue', async () => {
    const smtp = await catcher();
    const dead = outbox({ transport: smtp.transport(), startWorker: false });
    const items = [fresh(devId), fresh(dev2Id, { kind: 'issue.answer' })];
    await dead.enqueue(items);
    await dead.close();
    const ids = items.map(({ notification }) => notification.id);
    expect((await MailQueueModel.find({ _id: mongoose.trusted({ $in: ids }) }).lean()).map((e) => e._id).sort()).toEqual([...ids].sort());
    // The process died after storing the first mail and before queueing it.
    await MailQueueModel.deleteOne({ _id: ids[0] });

    const next = outbox({ transport: smtp.transport() });
    await Promise.all(ids.map((id) => smtp.waitFor(withMessageId(messageIdFor(id)))));
    await next.settled();
    for (const id of ids) expect(arrivals(smtp, id), id).toHaveLength(1);
    expect(await MailQueueModel.find({ _id: mongoose.trusted({ $in: ids }) }).lean()).toEqual([]);
  });

  it('mid-send: the mail is sent again after its lease, with the same Message-ID, and arrives once', async () => {
    let dataStarted!: () => void;
    const started = new Promise<void>((resolve) => (dataStarted = resolve));
    // An SMTP server that takes the message and never answers: the process dies while it waits.
    const hanging = await catcher({
      accept: () => {
        dataStarted();
        return new Promise<void>(() => undefined);
      },
    });
    const dying = outbox({ transport: hanging.transport(), tuning: { leaseMs: 500, closeGraceMs: 0 } });
    const item = fresh(devId);
    await dying.enqueue([item]);
    await started;
    // Claimed and being sent: a claim for attempt 0, nothing recorded yet.
    expect(await MailClaimModel.findById(`${item.notification.id}#0`).lean()).not.toBeNull();
    expect(await OutboxModel.findById(item.notification.id).lean()).toMatchObject({ state: 'pending', attempt: 0, sentAt: null });
    // The process dies: it records nothing more, and its connection goes (the SMTP server drops the unfinished message).
    await dying.close();
    await hanging.close();

    const smtp = await catcher();
    const next = outbox({ transport: smtp.transport() });
    const mail = await smtp.waitFor(withMessageId(messageIdFor(item.notification.id)));
    await next.settled();
    expect(mail.messageId).toBe(messageIdFor(item.notification.id));
    expect(arrivals(smtp, item.notification.id)).toHaveLength(1);
    expect(hanging.messages()).toHaveLength(0);
    expect(await OutboxModel.findById(item.notification.id).lean()).toMatchObject({ state: 'sent', attempt: 1 });
  });

  it('two processes sending at once claim each mail once', async () => {
    const smtp = await catcher();
    const dead = outbox({ transport: smtp.transport(), startWorker: false });
    const items = Array.from({ length: 12 }, (_, i) => fresh([devId, dev2Id, mhlwId][i % 3]!));
    await dead.enqueue(items);
    const [a, b] = [outbox({ transport: smtp.transport() }), outbox({ transport: smtp.transport() })];
    await Promise.all(items.map(({ notification }) => smtp.waitFor(withMessageId(messageIdFor(notification.id)))));
    await Promise.all([a.settled(), b.settled()]);
    for (const { notification } of items) expect(arrivals(smtp, notification.id), notification.id).toHaveLength(1);
  });
});

describe('the daily digest', () => {
  const at = (iso: string) => new Date(iso);

  it('is due at MAIL_DIGEST_HOUR:00 in Japan', () => {
    expect(nextDigestAt(at('2026-05-01T07:59:00+09:00'), 8).toISOString()).toBe('2026-04-30T23:00:00.000Z');
    expect(nextDigestAt(at('2026-05-01T08:00:00+09:00'), 8).toISOString()).toBe('2026-05-01T23:00:00.000Z');
    // 23:30 UTC is already the next day in Japan.
    expect(nextDigestAt(at('2026-04-30T23:30:00Z'), 8).toISOString()).toBe('2026-05-01T23:00:00.000Z');
  });

  it('sends one mail per person listing their items by tab, removes them, and sends none on the next run', async () => {
    const smtp = await catcher();
    const sender = outbox({ transport: smtp.transport() });
    const site = mailSiteOf(config, sessionSecret);
    await updateSettings(dev2Id, { language: 'en' });
    const devItems = [
      fresh(devId, {
        kind: 'issue.status',
        actor: null,
        target: { type: 'issue', title: '様式の変更', number: '2026-0003', seq: null },
        detail: { from: 'new', to: 'accepted' },
      }),
      fresh(devId, { kind: 'minutes.published', actor: null, target: { type: 'meeting', title: '第3回全体会議', seq: null } }),
      fresh(devId, { kind: 'issue.comment', target: { type: 'issue', title: '帳票の項目', number: '2026-0004', seq: null } }),
    ];
    const dev2Items = [
      fresh(dev2Id, { kind: 'issue.comment', target: { type: 'issue', title: 'Report fields', number: '2026-0004', seq: null } }),
    ];
    await sender.enqueueDigest([...devItems, ...dev2Items]);
    await sender.enqueueDigest(devItems); // handed over twice: kept once
    expect(await DigestItemModel.countDocuments({ userId: devId })).toBe(3);

    expect(await runDigest(at('2026-05-01T08:00:00+09:00'), site)).toEqual({ people: 2, items: 4 });
    await sender.settled();
    const devDigest = await smtp.waitFor(withMessageId(messageIdFor(`digest:${devId}:2026-05-01`)));
    const dev2Digest = await smtp.waitFor(withMessageId(messageIdFor(`digest:${dev2Id}:2026-05-01`)));
    expect(devDigest.subject).toBe('【事業者協議会】2026年5月1日(金)の通知まとめ（3件）');
    const text = devDigest.text ?? '';
    expect(text.indexOf('■ 課題管理表')).toBeLessThan(text.indexOf('■ 会議'));
    expect(text).toContain('課題の状態が「新規」から「受付」に変わりました');
    expect(text).toContain('課題 2026-0003「様式の変更」');
    expect(text).toContain('佐藤 花子さんが課題にコメントしました');
    expect(text).toContain('議事録が公開されました');
    expect(dev2Digest.subject).toBe('[Vendor Council] Your notifications for Fri, 1 May 2026 (1)');
    expect(dev2Digest.text).toContain('佐藤 花子 commented on an issue');
    // Its unsubscribe link stops the digest.
    const token = new URL(/^<(.+)>$/.exec(headerOf(devDigest, 'list-unsubscribe'))![1]!).searchParams.get('token')!;
    expect(readUnsubscribeToken(site.unsubscribeKey, token)).toEqual({ userId: devId, kind: 'digest' });
    expect(headerOf(devDigest, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(await DigestItemModel.countDocuments({})).toBe(0);

    // The next run (the same day, or the next) has nothing to send.
    expect(await runDigest(at('2026-05-01T08:00:00+09:00'), site)).toEqual({ people: 0, items: 0 });
    expect(await runDigest(at('2026-05-02T08:00:00+09:00'), site)).toEqual({ people: 0, items: 0 });
    await sender.settled();
    expect(smtp.messages().filter((m) => m.messageId?.startsWith('<digest.'))).toHaveLength(2);
    await updateSettings(dev2Id, { language: 'ja' });
  });

  it("is once per person per day: what arrives after the day's digest waits for the next day", async () => {
    const smtp = await catcher();
    const sender = outbox({ transport: smtp.transport() });
    const site = mailSiteOf(config, sessionSecret);
    const first = fresh(mhlwId, { kind: 'issue.comment', target: { type: 'issue', title: '一件目', number: '2026-0010', seq: null } });
    await sender.enqueueDigest([first]);
    expect(await runDigest(at('2026-06-01T08:00:00+09:00'), site)).toEqual({ people: 1, items: 1 });
    const later = fresh(mhlwId, { kind: 'issue.comment', target: { type: 'issue', title: '二件目', number: '2026-0011', seq: null } });
    await sender.enqueueDigest([later]);
    // Another process's run the same day: the day's digest exists; the later item is kept.
    expect(await runDigest(at('2026-06-01T08:00:01+09:00'), site)).toEqual({ people: 0, items: 0 });
    expect(await DigestItemModel.countDocuments({ userId: mhlwId })).toBe(1);
    expect(await runDigest(at('2026-06-02T08:00:00+09:00'), site)).toEqual({ people: 1, items: 1 });
    await sender.settled();
    const day1 = await smtp.waitFor(withMessageId(messageIdFor(`digest:${mhlwId}:2026-06-01`)));
    const day2 = await smtp.waitFor(withMessageId(messageIdFor(`digest:${mhlwId}:2026-06-02`)));
    expect(day1.text).toContain('一件目');
    expect(day1.text).not.toContain('二件目');
    expect(day2.text).toContain('二件目');
    expect(day2.text).not.toContain('一件目');
  });

  it("a run that died after storing a person's digest removes exactly what that digest carried", async () => {
    const site = mailSiteOf(config, sessionSecret);
    const sender = outbox({ transport: (await catcher()).transport(), startWorker: false });
    const item = fresh(dev2Id, { kind: 'issue.status', detail: { from: 'accepted', to: 'reviewing' } });
    await sender.enqueueDigest([item]);
    expect(await runDigest(at('2026-07-01T08:00:00+09:00'), site)).toEqual({ people: 1, items: 1 });
    // As if the run had died before removing the items: they are back.
    await DigestItemModel.create({ _id: item.notification.id, userId: dev2Id, notification: item.notification, at: new Date() });
    expect(await runDigest(at('2026-07-01T08:00:05+09:00'), site)).toEqual({ people: 0, items: 0 });
    expect(await DigestItemModel.findById(item.notification.id).lean()).toBeNull();
  });

  it("the digest's unsubscribe turns every kind delivered by digest to the inbox and leaves the rest", async () => {
    await NotificationSettingsModel.deleteOne({ _id: mhlwId });
    await updateSettings(mhlwId, { deliveries: { 'issue.answer': 'email' } });
    await unsubscribe(mhlwId, 'digest');
    expect(await chosenDeliveries(mhlwId)).toEqual({
      // The kinds a digest by default…
      'issue.status': 'inbox',
      'issue.comment': 'inbox',
      'issue.duplicate': 'inbox',
      'minutes.published': 'inbox',
      // …and the person's own choice of e-mail, kept.
      'issue.answer': 'email',
    });
  });
});
