/**
 * The inbox (通知) in the browser: a colleague's mention reaches the bell live while the person is on
 * another page; the inbox lists it, and opening it goes to the thread at that message (older pages
 * loaded until it is there) and the count goes down; marking unread and all read from the inbox.
 * The settings page keeps a choice and the e-mail language across a reload. axe on the inbox and on
 * the settings page.
 */
import { randomUUID } from 'node:crypto';
import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshotSizes, useBrowserSuite } from '../support/browser';
import type { ApiClient } from '../support/client';

const suite = useBrowserSuite();

async function startThread(api: ApiClient, title: string): Promise<string> {
  const res = await api.post<{ thread: { id: string } }>('/api/threads', {
    clientId: randomUUID(),
    visibility: 'council',
    title,
    body: `${title}の最初の投稿です。`,
    businessAreas: [],
  });
  if (res.status !== 201) throw new Error(`thread not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.thread.id;
}

async function post(api: ApiClient, threadId: string, body: string): Promise<{ id: string; seq: number }> {
  const res = await api.post<{ message: { id: string; seq: number } }>(`/api/threads/${threadId}/messages`, {
    clientId: randomUUID(),
    body,
  });
  if (res.status !== 201) throw new Error(`message not posted: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.message;
}

/** The bell in the header: its name says the count (「通知 3件未読」, 「通知 未読なし」). */
const bell = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^通知 / });
const bellName = (page: Page) => bell(page).getAttribute('aria-label');
const messages = (page: Page) => page.getByRole('region', { name: 'メッセージ一覧' }).getByRole('article');
const inboxRow = (page: Page, text: string) =>
  page.getByRole('region', { name: '通知一覧' }).getByRole('listitem').filter({ hasText: text });

describe('notifications in the browser', () => {
  it(
    'a mention reaches the bell live on another page; the inbox opens the thread at that message and the count goes down',
    async (test) => {
      const { expect } = test;
      const dev = await suite.server.api('dev@demo.example'); // 鈴木 美咲, who is mentioned
      const dev2 = await suite.server.api('dev2@demo.example'); // 高橋 誠, another company's colleague
      const me = await dev.get<{ id: string }>('/api/me');

      const elsewhere = await startThread(dev2, '通知ベルの確認・別のページ');
      const threadTitle = '通知から開くスレッド（E2E）';
      const mentioned = await startThread(dev2, threadTitle);
      // Muted, the thread tells her of mentions only: the many messages after the mention bring no
      // notification of their own, so the inbox holds the mention alone.
      expect((await dev.put(`/api/threads/${mentioned}/subscription`, { state: 'muted' })).status).toBe(200);
      for (let i = 1; i <= 3; i++) await post(dev2, mentioned, `前の投稿 ${i}`);

      // She is reading another thread; a message posted now arriving without a reload says her live connection is up.
      const { page } = await suite.person(test, 'dev@demo.example', `/threads/${elsewhere}`);
      await expectVisible(messages(page).filter({ hasText: '通知ベルの確認・別のページの最初の投稿です。' }));
      // From an empty inbox: whatever the demo content and her sign-ins brought (a new browser is told of) is read.
      expect((await dev.post('/api/notifications/read-all', {})).status).toBe(200);
      await post(dev2, elsewhere, '接続の確認です。');
      await expectVisible(messages(page).filter({ hasText: '接続の確認です。' }));
      await expect.poll(() => bellName(page)).toBe('通知 未読なし');
      await page.evaluate(() => {
        (window as unknown as { stayed?: boolean }).stayed = true;
      });

      // (a) The colleague mentions her in the other thread: her bell counts it, without a reload.
      const mention = await post(dev2, mentioned, `@{user:${me.body.id}} 外字の一覧を確認してください（通知E2E）。`);
      await expect.poll(() => bellName(page)).toBe('通知 1件未読');
      expect(await bell(page).innerText()).toContain('1');
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
      expect(page.url()).toContain(`/threads/${elsewhere}`);

      // More than a page of messages after it: opening the mention must reach back for it.
      for (let i = 1; i <= 55; i++) await post(dev2, mentioned, `後の投稿 ${i}`);
      expect((await dev.get<{ unread: number }>('/api/notifications/unread')).body.unread).toBe(1);

      // (b) The inbox lists it, unread, with who and where.
      await bell(page).click();
      await page.waitForURL((url) => url.pathname === '/notifications');
      await expectVisible(page.getByRole('heading', { level: 1, name: '通知' }));
      const row = inboxRow(page, threadTitle);
      await expectVisible(row);
      await expectVisible(row.getByText('未読', { exact: true }));
      await expectVisible(row.getByText('高橋 誠', { exact: true }));
      await expectVisible(row.getByText(/外字の一覧を確認してください/));
      await screenshotSizes(page, 'notifications-inbox');
      // (c) axe on the inbox.
      await expectAccessible(page, 'the inbox with an unread mention');

      // Opening it goes to the thread, at the message (brought into view and focused), and the count goes down.
      await row.getByRole('link').first().click();
      await page.waitForURL((url) => url.pathname === `/threads/${mentioned}` && url.searchParams.get('message') === mention.id);
      const target = page.locator(`#message-${mention.id}`);
      await expectVisible(target);
      expect(await target.innerText()).toContain('外字の一覧を確認してください（通知E2E）。');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`message-${mention.id}`);
      await expect.poll(() => bellName(page)).toBe('通知 未読なし');
      expect((await dev.get<{ unread: number }>('/api/notifications/unread')).body.unread).toBe(0);

      // Back in the inbox it is read; 未読にする and すべて既読にする move the bell both ways.
      await bell(page).click();
      await page.waitForURL((url) => url.pathname === '/notifications');
      await expectVisible(row);
      expect(await row.getByText('未読', { exact: true }).count()).toBe(0);
      await row.getByRole('button', { name: /未読にする/ }).click();
      await expect.poll(() => bellName(page)).toBe('通知 1件未読');
      await expectVisible(row.getByText('未読', { exact: true }));
      await page.getByRole('button', { name: 'すべて既読にする' }).click();
      await expect.poll(() => bellName(page)).toBe('通知 未読なし');
      await expect.poll(() => row.getByText('未読', { exact: true }).count()).toBe(0);
      expect((await dev.get<{ unread: number }>('/api/notifications/unread')).body.unread).toBe(0);

      // The mentions tab lists it too; the announcements tab has nothing.
      const tabs = page.getByRole('navigation', { name: '通知の表示' });
      await tabs.getByRole('link', { name: 'メンション' }).click();
      await expect.poll(() => tabs.getByRole('link', { name: 'メンション' }).getAttribute('aria-current')).toBe('page');
      await expectVisible(row);
      await tabs.getByRole('link', { name: 'お知らせ' }).click();
      await expect.poll(() => tabs.getByRole('link', { name: 'お知らせ' }).getAttribute('aria-current')).toBe('page');
      await expectVisible(page.getByText('通知はありません'));
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'the settings page saves a choice and the e-mail language, still there after a reload',
    async (test) => {
      const { expect } = test;
      const api = await suite.server.api('support@demo.example');
      const { page } = await suite.person(test, 'support@demo.example', '/profile');
      await page.getByRole('link', { name: '通知の設定を変更する' }).click();
      await page.waitForURL((url) => url.pathname === '/profile/notifications');
      await expectVisible(page.getByRole('heading', { level: 1, name: '通知の設定' }));

      // A mention of oneself cannot be turned off, and the page says why.
      const mentionOff = page.getByRole('radio', { name: '自分へのメンション 通知しない', exact: true });
      await expectVisible(mentionOff);
      expect(await mentionOff.isDisabled()).toBe(true);
      await expectVisible(page.getByText('自分へのメンションは止められないため'));
      await screenshotSizes(page, 'notifications-settings');
      // (c) axe on the settings page.
      await expectAccessible(page, 'the notification settings');

      // (d) Replies by the daily digest, e-mails in English: saved, and there after a reload.
      const replyDigest = page.getByRole('radio', { name: '自分の投稿への返信 受信箱＋毎日のまとめ（8:00）', exact: true });
      expect(await replyDigest.isChecked()).toBe(false);
      await replyDigest.check();
      await page.getByLabel('メールの言語').selectOption('en');
      await page.getByRole('button', { name: '保存する' }).click();
      await expectVisible(page.getByText('通知の設定を保存しました。'));

      const stored = await api.get<{ deliveries: Record<string, string>; language: string }>('/api/me/notification-settings');
      expect(stored.body.deliveries['thread.reply']).toBe('digest');
      expect(stored.body.language).toBe('en');

      await page.reload();
      await expectVisible(replyDigest);
      expect(await replyDigest.isChecked()).toBe(true);
      expect(await page.getByLabel('メールの言語').inputValue()).toBe('en');
      // The UI stays in Japanese: the choice is the e-mails' language only.
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    },
    E2E_TEST_TIMEOUT,
  );
});
