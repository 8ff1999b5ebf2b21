/**
 * Unread in a thread (issue 21, item 11): coming back to a thread, a line marks where the messages
 * new since the last visit begin, and a button jumps to it; a thread never read before has no line.
 * The list's tabs (新着 / 未読 …) and muting a thread from its page, by keyboard.
 */
import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshot, screenshotSizes, useBrowserSuite } from '../support/browser';
import type { ApiClient } from '../support/client';

const suite = useBrowserSuite();

async function startThread(api: ApiClient, title: string): Promise<string> {
  const res = await api.post<{ thread: { id: string } }>('/api/threads', {
    clientId: crypto.randomUUID(),
    visibility: 'council',
    title,
    body: `${title}の最初の投稿です。`,
    businessAreas: [],
  });
  if (res.status !== 201) throw new Error(`thread not created: ${res.status}`);
  return res.body.thread.id;
}

const threadList = (page: Page) => page.getByRole('region', { name: 'スレッド一覧' });
const listedTitle = (page: Page, title: string) => threadList(page).getByRole('link', { name: title, exact: true });
/** The list's row of a thread (`has` is relative to the row). */
const row = (page: Page, title: string) =>
  threadList(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) });

describe.concurrent('unread messages', () => {
  it(
    'a line marks what is new since the last visit, with a jump to it',
    async (test) => {
      const { expect } = test;
      const dev = await suite.server.api('dev@demo.example');
      const dev2 = await suite.server.api('dev2@demo.example');
      const created = await dev.post<{ thread: { id: string } }>('/api/threads', {
        clientId: crypto.randomUUID(),
        visibility: 'council',
        title: '未読の区切りの確認',
        body: '最初の投稿です。',
        businessAreas: [],
      });
      expect(created.status).toBe(201);
      const threadId = created.body.thread.id;
      for (let i = 1; i <= 12; i++) {
        expect(
          (await dev2.post(`/api/threads/${threadId}/messages`, { clientId: crypto.randomUUID(), body: `既読の投稿 ${i}` })).status,
        ).toBe(201);
      }
      // Read up to here.
      const read = await dev.get<{ thread: { lastSeq: number } }>(`/api/threads/${threadId}`);
      expect((await dev.post(`/api/threads/${threadId}/read`, { seq: read.body.thread.lastSeq })).status).toBe(200);
      // Then others write on.
      for (const body of ['新しい投稿その1', '新しい投稿その2']) {
        expect((await dev2.post(`/api/threads/${threadId}/messages`, { clientId: crypto.randomUUID(), body })).status).toBe(201);
      }

      const { page } = await suite.person(test, 'dev@demo.example', `/threads/${threadId}`);
      const line = page.locator('.unread-divider');
      await expectVisible(line);
      expect(await line.innerText()).toContain('ここから未読');
      // The line sits right before the first new message.
      const next = await line.evaluate((el) => el.nextElementSibling?.textContent ?? '');
      expect(next).toContain('新しい投稿その1');
      await page.getByRole('button', { name: '最初の未読へ' }).click();
      await expect.poll(() => line.evaluate((el) => el === document.activeElement)).toBe(true);
      await screenshot(page, 'thread-unread-line');
      await expectAccessible(page, 'thread with an unread line');

      // A thread never opened before has no line: all of it is new.
      const fresh = await dev2.post<{ thread: { id: string } }>('/api/threads', {
        clientId: crypto.randomUUID(),
        visibility: 'council',
        title: '初めて開くスレッド',
        body: '本文',
        businessAreas: [],
      });
      await page.goto(`${suite.server.baseUrl}/threads/${fresh.body.thread.id}`);
      await expectVisible(page.getByText('初めて開くスレッド', { exact: true }).first());
      expect(await page.locator('.unread-divider').count()).toBe(0);
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'tabs split new from unread, and a muted thread leaves the unread tab',
    async (test) => {
      const { expect } = test;
      const dev = await suite.server.api('dev@demo.example');
      const dev2 = await suite.server.api('dev2@demo.example');
      // Read before, then written on: unread for dev. Never opened: new for dev.
      const readBefore = await startThread(dev2, 'タブ確認・既読後の続き');
      expect((await dev.post(`/api/threads/${readBefore}/read`, { seq: 1 })).status).toBe(200);
      expect((await dev2.post(`/api/threads/${readBefore}/messages`, { clientId: crypto.randomUUID(), body: '続きです' })).status).toBe(
        201,
      );
      await startThread(dev2, 'タブ確認・未読の新スレッド');

      const { page } = await suite.person(test, 'dev@demo.example', '/threads');
      const tabs = page.getByRole('navigation', { name: 'スレッドの表示' });
      await expectVisible(tabs.getByRole('link', { name: 'すべて' }));
      expect(await tabs.getByRole('link', { name: 'すべて' }).getAttribute('aria-current')).toBe('page');

      // The URL changes before React shows the tab (navigations are transitions), so wait for the tab
      // to be current: from then on the list is the tab's own (loading, then its threads).
      await tabs.getByRole('link', { name: '未読' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('unread');
      await expect.poll(() => tabs.getByRole('link', { name: '未読' }).getAttribute('aria-current')).toBe('page');
      await expectVisible(listedTitle(page, 'タブ確認・既読後の続き'));
      expect(await listedTitle(page, 'タブ確認・未読の新スレッド').count()).toBe(0);
      const unreadRow = row(page, 'タブ確認・既読後の続き');
      await expectVisible(unreadRow.getByText('未読 1'));

      await tabs.getByRole('link', { name: '新着' }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('new');
      await expect.poll(() => tabs.getByRole('link', { name: '新着' }).getAttribute('aria-current')).toBe('page');
      await expectVisible(listedTitle(page, 'タブ確認・未読の新スレッド'));
      const newRow = row(page, 'タブ確認・未読の新スレッド');
      await expectVisible(newRow.getByText('新着', { exact: true }));
      expect(await listedTitle(page, 'タブ確認・既読後の続き').count()).toBe(0);
      await screenshotSizes(page, 'thread-list-new-tab');
      await expectAccessible(page, 'thread list, new tab');

      // Mute the unread thread from its page, by keyboard: from 通常, the arrow key moves to ミュート.
      await page.goto(`${suite.server.baseUrl}/threads/${readBefore}`);
      const following = page.getByRole('group', { name: 'このスレッドのフォロー' });
      const normal = following.getByRole('radio', { name: '通常' });
      await expectVisible(normal);
      expect(await normal.isChecked()).toBe(true);
      await normal.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => following.getByRole('radio', { name: 'ミュート' }).isChecked()).toBe(true);
      await expectVisible(following.getByText('「ミュート」タブにだけ表示'));
      await expect
        .poll(async () => (await dev.get<{ subscription: string }>(`/api/threads/${readBefore}`)).body.subscription)
        .toBe('muted');
      await screenshotSizes(page, 'thread-follow-choice');
      await expectAccessible(page, 'thread page with the follow choice');

      // Gone from the unread tab; listed under ミュート, marked.
      await page.goto(`${suite.server.baseUrl}/threads?view=unread`);
      await expectVisible(tabs.getByRole('link', { name: '未読' }));
      await expect.poll(() => page.locator('.thread-list, .state-panel').count()).toBeGreaterThan(0);
      expect(await listedTitle(page, 'タブ確認・既読後の続き').count()).toBe(0);
      await tabs.getByRole('link', { name: 'ミュート' }).click();
      await expectVisible(listedTitle(page, 'タブ確認・既読後の続き'));
      const mutedRow = row(page, 'タブ確認・既読後の続き');
      await expectVisible(mutedRow.getByText('ミュート中'));
      expect(await mutedRow.locator('.unread-badge').count()).toBe(0);
      await screenshot(page, 'thread-list-muted-tab');
      await expectAccessible(page, 'thread list, muted tab');
    },
    E2E_TEST_TIMEOUT,
  );
});
