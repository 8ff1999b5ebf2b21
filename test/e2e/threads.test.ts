/**
 * Browser scenarios of the discussion threads: live messages with mentions and the unread badge
 * (1), an observer's read-only view and refusal (2), and a participant cut off and back (5).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshot, UI_TIMEOUT, useBrowserSuite } from '../support/browser';
import type { ApiClient } from '../support/client';

const suite = useBrowserSuite();

interface Created {
  thread: { id: string; lastSeq: number };
}

async function startThread(api: ApiClient, title: string, visibility: 'council' | 'vendors' = 'council'): Promise<Created['thread']> {
  const res = await api.post<Created>('/api/threads', {
    clientId: randomUUID(),
    title,
    body: `${title}の最初の投稿です。`,
    visibility,
    businessAreas: [],
    attachmentIds: [],
  });
  if (res.status !== 201) throw new Error(`thread not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.thread;
}

async function post(api: ApiClient, threadId: string, body: string): Promise<void> {
  const res = await api.post(`/api/threads/${threadId}/messages`, { clientId: randomUUID(), body, attachmentIds: [] });
  if (res.status !== 201) throw new Error(`message not posted: ${res.status} ${JSON.stringify(res.body)}`);
}

const messages = (page: Page) => page.getByRole('region', { name: 'メッセージ一覧' }).getByRole('article');
/** The stored messages' texts, in order (not the copies still being sent, or failed). */
const storedTexts = (page: Page) =>
  page.getByRole('region', { name: 'メッセージ一覧' }).locator('li:not(.message-item--pending)').getByRole('article').locator('.message__body').allInnerTexts();
const composer = (page: Page) => page.getByRole('textbox', { name: 'メッセージを入力' });

describe('threads in the browser', () => {
  it('1: a message from one vendor appears live for another, mentioning them, and the unread badge counts it', async (test) => {
    const admin = await suite.server.api('dev-admin@demo.example');
    const thread = await startThread(admin, '外字同定の進め方（E2E）');
    // The third tab's person has read everything so far: the new message is what makes it unread.
    for (const t of (await admin.get<{ threads: { id: string; lastSeq: number }[] }>('/api/threads/unread')).body.threads) {
      await admin.post(`/api/threads/${t.id}/read`, { seq: t.lastSeq });
    }

    const sender = await suite.person(test, 'dev@demo.example', `/threads/${thread.id}`);
    const receiver = await suite.person(test, 'dev2@demo.example', `/threads/${thread.id}`);
    const watcher = await suite.person(test, 'dev-admin@demo.example', '/register');
    const nav = watcher.page.getByRole('navigation', { name: 'メインメニュー' });
    await expectVisible(nav.getByRole('link', { name: 'スレッド', exact: true }));
    await expectVisible(messages(receiver.page).filter({ hasText: '最初の投稿です' }));

    // Typed and sent from the keyboard alone: @ + name picks the mention, Enter sends.
    const box = composer(sender.page);
    await box.click();
    await sender.page.keyboard.type('@高橋');
    const suggestions = sender.page.getByRole('listbox', { name: 'メンションの候補' });
    await expectVisible(suggestions.getByRole('option', { name: /高橋 誠/ }));
    await sender.page.keyboard.press('Enter');
    await sender.page.keyboard.type('同定できない文字の一覧を共有します。');
    // The box shows the name chosen; it is sent as the server's mention token.
    expect(await box.inputValue()).toBe('@高橋 誠 同定できない文字の一覧を共有します。');
    await sender.page.keyboard.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('');

    // The receiver sees it without reloading, with the mention of them highlighted.
    const arrived = messages(receiver.page).filter({ hasText: '同定できない文字の一覧を共有します。' });
    await expectVisible(arrived);
    await expect.poll(() => arrived.locator('mark.mention--me').innerText()).toBe('@高橋 誠');
    expect(await arrived.getByRole('heading').count()).toBe(0);
    // The sender sees their own copy stored (no longer pending), not highlighted as a mention of them.
    const sent = messages(sender.page).filter({ hasText: '同定できない文字の一覧を共有します。' }).and(sender.page.locator(':not([aria-busy])'));
    await expectVisible(sent);
    expect(await sent.locator('mark').count()).toBe(0);
    await expect.poll(() => sent.locator('.mention').innerText()).toBe('@高橋 誠');

    // The third tab: the thread counts as unread in the menu badge, live.
    await expectVisible(nav.getByRole('link', { name: 'スレッド 未読のスレッド 1件' }), UI_TIMEOUT);
    await screenshot(receiver.page, '1-thread-mention-received');
    await screenshot(watcher.page, '1-unread-badge');
    await expectAccessible(receiver.page, 'thread with a mention');
  }, E2E_TEST_TIMEOUT);

  it('2: a ministry observer reads a council thread live without a composer, and is refused a vendors-only one', async (test) => {
    const dev = await suite.server.api('dev@demo.example');
    const council = await startThread(dev, '標準仕様書の解釈（E2E 観覧）');
    const vendorsOnly = await startThread(dev, '見積もりの前提（E2E 事業者のみ）', 'vendors');

    const observer = await suite.person(test, 'mhlw@demo.example', `/threads/${council.id}`);
    await expectVisible(observer.page.getByRole('heading', { level: 1, name: '標準仕様書の解釈（E2E 観覧）' }));
    await expectVisible(observer.page.getByText('オブザーバーは閲覧のみできます。'));
    expect(await composer(observer.page).count()).toBe(0);
    expect(await observer.page.getByRole('button', { name: '送信' }).count()).toBe(0);

    await post(dev, council.id, '厚生労働省のご見解を伺えればと思います。');
    await expectVisible(messages(observer.page).filter({ hasText: '厚生労働省のご見解を伺えればと思います。' }));
    await screenshot(observer.page, '2-observer-reads-live');

    await observer.page.goto(`/threads/${vendorsOnly.id}`);
    await expectVisible(observer.page.getByRole('heading', { name: 'このページを表示する権限がありません' }));
    expect(await observer.page.getByText('見積もりの前提（E2E 事業者のみ）').count()).toBe(0);
    await screenshot(observer.page, '2-observer-not-permitted');
    await expectAccessible(observer.page, 'not permitted');
  }, E2E_TEST_TIMEOUT);

  it('5: a participant cut off while others post sees the missed messages in order, once, when back', async (test) => {
    const [dev, support] = await Promise.all([suite.server.api('dev@demo.example'), suite.server.api('support@demo.example')]);
    const thread = await startThread(dev, '回線断からの復帰（E2E）');
    const participant = await suite.person(test, 'dev2@demo.example', `/threads/${thread.id}`);
    const page = participant.page;
    await expectVisible(messages(page).filter({ hasText: '最初の投稿です' }));

    await participant.context.setOffline(true);
    await expectVisible(page.getByRole('status').getByText('接続が切れています。再接続中…'));
    const missed = ['一通目：見逃した投稿', '二通目：見逃した投稿', '三通目：見逃した投稿'];
    for (const [i, body] of missed.entries()) await post(i % 2 ? support : dev, thread.id, body);
    // Written while offline: it shows as not yet sent (never a silent loss) and waits in the outbox.
    await composer(page).fill('オフライン中に書いた返事です。');
    await composer(page).press('Enter');
    const unsent = page.getByRole('region', { name: 'メッセージ一覧' }).locator('li.message-item--pending').filter({ hasText: 'オフライン中に書いた返事です。' });
    await expectVisible(unsent);
    expect(await storedTexts(page)).toEqual(['回線断からの復帰（E2E）の最初の投稿です。']);
    await screenshot(page, '5-offline');

    // Back online: the missed messages arrive in order, then the reply goes by itself, each once.
    await participant.context.setOffline(false);
    await expect.poll(() => page.getByText('接続が切れています。再接続中…').count(), { timeout: 30_000 }).toBe(0);
    await expect
      .poll(() => storedTexts(page), { timeout: 45_000 })
      .toEqual(['回線断からの復帰（E2E）の最初の投稿です。', ...missed, 'オフライン中に書いた返事です。']);
    expect(await unsent.count()).toBe(0);
    // What the others see agrees.
    const stored = (await dev.get<{ messages: { body: string }[] }>(`/api/threads/${thread.id}/messages`)).body.messages.map((m) => m.body);
    expect(stored.filter((b) => b === 'オフライン中に書いた返事です。')).toHaveLength(1);
    await screenshot(page, '5-back-online');
  }, E2E_TEST_TIMEOUT);
});
