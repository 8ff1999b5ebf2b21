/**
 * E-mail on the real server: what the outbox hands a real SMTP server (the test server's catcher),
 * read back with mailparser — once, with a stable Message-ID, in the person's language, escaped,
 * with the one-click unsubscribe headers — and the one-click unsubscribe itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaughtMail, CaughtMailList, UnsubscribeTarget } from '../shared/schemas/mail';
import { NotificationSettingsModel, updateSettings } from '../server/notifications/settings';
import { OutboxModel } from '../server/mail/model';
import { startTestServer, type TestServer } from './support/server';
import { chosenDeliveries, headerOf, messageIdFor, notificationFor, userIdOf, withMessageId } from './support/mail';

let server: TestServer;
let devId: string;
let dev2Id: string;
beforeAll(async () => {
  server = await startTestServer();
  [devId, dev2Id] = await Promise.all([userIdOf('dev@demo.example'), userIdOf('dev2@demo.example')]);
});
afterAll(() => server.close());

/** Mail one notification through the server's outbox and wait for it at the SMTP server. */
async function mailed(userId: string, overrides: Parameters<typeof notificationFor>[1] = {}) {
  const notification = notificationFor(userId, overrides);
  await server.mail.outbox.enqueue([{ userId, notification }]);
  const mail = await server.mail.waitFor(withMessageId(messageIdFor(notification.id)));
  return { notification, mail };
}

/** Path and query of the List-Unsubscribe URL: the test server's links name PORT 0, not its real port. */
const unsubscribePathOf = (header: string) => {
  const url = new URL(/^<(.+)>$/.exec(header)![1]!);
  return `${url.pathname}${url.search}`;
};

/** A mail provider's one-click POST (RFC 8058): form-encoded, from another site, no cookie. */
const oneClick = (path: string) =>
  fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'https://mail.provider.example',
      'sec-fetch-site': 'cross-site',
    },
    body: 'List-Unsubscribe=One-Click',
  });

describe('a notification by e-mail', () => {
  it('arrives once, with a Message-ID from its id, in Japanese by default, with a link to the message', async () => {
    const notification = notificationFor(devId, { kind: 'thread.mention', detail: { excerpt: '@高橋 さん、確認をお願いします。' } });
    // Handed over twice (a notifier retry): stored once, sent once.
    await server.mail.outbox.enqueue([{ userId: devId, notification }]);
    await server.mail.outbox.enqueue([{ userId: devId, notification }]);
    const mail = await server.mail.waitFor(withMessageId(messageIdFor(notification.id)));
    await server.mail.outbox.settled();
    expect(server.mail.messages().filter(withMessageId(messageIdFor(notification.id)))).toHaveLength(1);

    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('dev@demo.example');
    expect(mail.from?.text).toContain('no-reply@council.invalid');
    expect(mail.subject).toBe('【事業者協議会】佐藤 花子さんがあなたをメンションしました：スレッド「標準仕様書の改定について」');
    expect(mail.text).toContain('佐藤 花子さんがあなたをメンションしました');
    expect(mail.text).toContain('> @高橋 さん、確認をお願いします。');
    expect(mail.text).toContain(`/threads/${notification.target.id}?seq=7`);
    expect(mail.text).toContain('/notifications');
    expect(mail.text).toContain('/profile/notifications');
    expect(headerOf(mail, 'auto-submitted')).toBe('auto-generated');
    const stored = await OutboxModel.findById(notification.id).lean();
    expect(stored).toMatchObject({ state: 'sent', attempt: 0, messageId: messageIdFor(notification.id) });
  });

  it('is in English for a person who chose English, and links each kind of target to its page', async () => {
    await updateSettings(dev2Id, { language: 'en' });
    const { mail, notification } = await mailed(dev2Id, {
      kind: 'issue.status',
      actor: null,
      target: { type: 'issue', title: 'Form layout', number: '2026-0012', seq: null },
      detail: { from: 'accepted', to: 'reviewing' },
    });
    expect(mail.subject).toBe('[Vendor Council] An issue moved from Accepted to Under review — Issue 2026-0012 “Form layout”');
    expect(mail.text).toContain('Dear 高橋 誠,');
    expect(mail.text).toContain(`/register/${notification.target.id}`);
    const meeting = await mailed(dev2Id, {
      kind: 'meeting.cancelled',
      actor: null,
      target: { type: 'meeting', title: 'Plenary', seq: null },
    });
    expect(meeting.mail.text).toContain(`/meetings/${meeting.notification.target.id}`);
    const notice = await mailed(dev2Id, {
      kind: 'announcement.published',
      actor: null,
      target: { type: 'announcement', title: 'Notice', seq: null },
    });
    expect(notice.mail.text).toContain(`/announcements/${notice.notification.target.id}`);
    const account = await mailed(dev2Id, {
      kind: 'account.newSignIn',
      actor: null,
      target: { type: 'account', title: '', seq: null },
      detail: { browser: 'Firefox on Linux' },
    });
    expect(account.mail.subject).toBe('[Vendor Council] New sign-in from Firefox on Linux');
    expect(account.mail.text).toMatch(/Open: http:\/\/[^\s]+\/profile\n/);
    await updateSettings(dev2Id, { language: 'ja' });
  });

  it('escapes everything in its HTML and loads nothing from elsewhere', async () => {
    const { mail } = await mailed(devId, {
      target: { title: '<script>alert(1)</script> & "引用"' },
      detail: { excerpt: '<img src=x onerror=alert(2)>本文' },
      actor: { id: 'x', displayName: '<b>悪意</b>', organization: { id: 'o', nameJa: '組織', nameEn: 'Org' } },
    });
    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引用&quot;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;本文');
    expect(html).toContain('&lt;b&gt;悪意&lt;/b&gt;さんがあなたをメンションしました');
    expect(html).not.toMatch(/<script|<img|<b>|onerror=alert\(2\)>/);
    expect(html).not.toMatch(/src=["']?https?:/);
    // The plain text is the text itself, as written.
    expect(mail.text).toContain('<script>alert(1)</script>');
  });
});

describe('one-click unsubscribe', () => {
  it('carries List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) on every mail', async () => {
    const { mail } = await mailed(devId);
    expect(headerOf(mail, 'list-unsubscribe')).toMatch(/^<http:\/\/[^>]+\/api\/mail\/unsubscribe\?token=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>$/);
    expect(headerOf(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });

  it("a provider's one-click POST (form, no session, another site's Origin) sets exactly that kind to inbox", async () => {
    await NotificationSettingsModel.deleteOne({ _id: devId });
    const { mail } = await mailed(devId, {
      kind: 'issue.answer',
      target: { type: 'issue', title: '回答', number: '2026-0001', seq: null },
    });
    const path = unsubscribePathOf(headerOf(mail, 'list-unsubscribe'));

    const res = await oneClick(path);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ kind: 'issue.answer', email: 'd***@demo.example' });
    expect(await chosenDeliveries(devId)).toEqual({ 'issue.answer': 'inbox' });
    // Twice is as good as once.
    expect((await oneClick(path)).status).toBe(200);
    expect(await chosenDeliveries(devId)).toEqual({ 'issue.answer': 'inbox' });
  });

  it('works for a mention too (inbox is allowed for it), and from our own page as JSON', async () => {
    await NotificationSettingsModel.deleteOne({ _id: devId });
    const { mail } = await mailed(devId, { kind: 'thread.mention' });
    const path = unsubscribePathOf(headerOf(mail, 'list-unsubscribe'));
    const page = await server.client().get<UnsubscribeTarget>(path, { accept: 'application/json' });
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ kind: 'thread.mention', email: 'd***@demo.example' });
    const res = await server.client().post<UnsubscribeTarget>(path, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await chosenDeliveries(devId)).toEqual({ 'thread.mention': 'inbox' });
  });

  it('sends a browser that opens the link to the confirmation page', async () => {
    const { mail } = await mailed(devId);
    const path = unsubscribePathOf(headerOf(mail, 'list-unsubscribe'));
    const res = await server.client().get(path, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(path.replace('/api/mail/unsubscribe', '/unsubscribe'));
  });

  it('refuses a tampered or forged token with 400 naming query.token, and changes nothing', async () => {
    await NotificationSettingsModel.deleteOne({ _id: devId });
    const { mail } = await mailed(devId, { kind: 'meeting.invited', target: { type: 'meeting', title: '会議', seq: null } });
    const token = new URL(/^<(.+)>$/.exec(headerOf(mail, 'list-unsubscribe'))![1]!).searchParams.get('token')!;
    const [payload, mac] = token.split('.') as [string, string];
    const otherKind = Buffer.from(`${devId}:announcement.published`).toString('base64url');
    const otherPerson = Buffer.from(`${dev2Id}:meeting.invited`).toString('base64url');
    const flipped = `${mac.slice(0, -2)}${mac.at(-2) === 'A' ? 'B' : 'A'}${mac.at(-1)}`;
    for (const bad of [`${payload}.${flipped}`, `${otherKind}.${mac}`, `${otherPerson}.${mac}`, `${payload}.`, 'nonsense']) {
      const res = await oneClick(`/api/mail/unsubscribe?token=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe('query.token');
    }
    const get = await server.client().get(`/api/mail/unsubscribe?token=${payload}.${flipped}`, { accept: 'application/json' });
    expect(get.status).toBe(400);
    expect(await NotificationSettingsModel.findById(devId).lean()).toBeNull();
  });

  it('is the only write another site may make: the cross-site refusal still holds everywhere else', async () => {
    const res = await fetch(`${server.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://mail.provider.example', 'sec-fetch-site': 'cross-site' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('refuses a body that is neither the one-click form nor JSON', async () => {
    const { mail } = await mailed(devId);
    const path = unsubscribePathOf(headerOf(mail, 'list-unsubscribe'));
    const wrongForm = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=Maybe',
    });
    expect(wrongForm.status).toBe(400);
    const text = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'unsubscribe',
    });
    expect(text.status).toBe(415);
  });
});

describe('the mail catcher outside production', () => {
  it('lists caught mail and shows one, to signed-in people only', async () => {
    const { notification } = await mailed(devId);
    expect((await server.client().get('/api/dev/mail')).status).toBe(401);
    const dev = await server.signIn('dev@demo.example');
    const list = await dev.get<CaughtMailList>('/api/dev/mail');
    expect(list.status).toBe(200);
    const entry = list.body.mail.find((m) => m.messageId === messageIdFor(notification.id));
    expect(entry).toMatchObject({ to: ['dev@demo.example'] });
    const one = await dev.get<CaughtMail>(`/api/dev/mail/${entry!.id}`);
    expect(one.status).toBe(200);
    expect(one.body.text).toContain('メンションしました');
    expect(one.body.html).toContain('<!DOCTYPE html>');
    expect(one.body.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect((await dev.get('/api/dev/mail/999999')).status).toBe(404);
  });
});
