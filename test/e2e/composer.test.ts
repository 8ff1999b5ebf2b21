/**
 * The thread composer (issue 21, items 1 and 9): a mention chosen from the suggestions shows as
 * `@name` while writing and again when editing, and is stored as the server's token; the send key
 * is the person's choice (Enter, or Ctrl/⌘+Enter with Enter adding a line), kept across reloads,
 * with Return adding a line by default on a phone, where the send button sends.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { E2E_TEST_TIMEOUT, type Device, expectAccessible, expectVisible, SCREENSHOT_DIR, screenshot, screenshotSizes, useBrowserSuite } from '../support/browser';
import type { ApiClient } from '../support/client';

const suite = useBrowserSuite();

interface StoredMessage {
  body: string;
  mentions: { users: { id: string; displayName: string }[]; organizations: { id: string; nameJa: string }[] };
}

async function startThread(api: ApiClient, title: string): Promise<string> {
  const res = await api.post<{ thread: { id: string } }>('/api/threads', {
    clientId: randomUUID(),
    title,
    body: `${title}の最初の投稿です。`,
    visibility: 'council',
    businessAreas: [],
    attachmentIds: [],
  });
  if (res.status !== 201) throw new Error(`thread not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.thread.id;
}

async function storedMessages(api: ApiClient, threadId: string): Promise<StoredMessage[]> {
  return (await api.get<{ messages: StoredMessage[] }>(`/api/threads/${threadId}/messages`)).body.messages;
}

const conversation = (page: Page) => page.getByRole('region', { name: 'メッセージ一覧' });
/** The stored messages (not the copies still being sent). */
const storedItems = (page: Page) => conversation(page).locator('li:not(.message-item--pending)').getByRole('article');
const composer = (page: Page) => page.getByRole('textbox', { name: 'メッセージを入力' });
const sendKeyChoice = (page: Page) => page.getByRole('combobox', { name: '送信キー' });

/**
 * A new council thread started by dev@ (its first post, then `more` messages), opened by `email` on
 * the device given once its last message shows.
 */
async function openNewThread(test: TestContext, title: string, email: string, options: { device?: Device; more?: string[] } = {}) {
  const dev = await suite.server.api('dev@demo.example');
  const threadId = await startThread(dev, title);
  for (const body of options.more ?? []) {
    const res = await dev.post(`/api/threads/${threadId}/messages`, { clientId: randomUUID(), body, attachmentIds: [] });
    if (res.status !== 201) throw new Error(`message not posted: ${res.status}`);
  }
  const { page } = await suite.person(test, email, `/threads/${threadId}`, options.device);
  await expectVisible(storedItems(page).filter({ hasText: options.more?.at(-1) ?? '最初の投稿です' }));
  return { dev, threadId, page };
}

/**
 * An Enter pressed while an IME is converting (what a Japanese keyboard sends to confirm a word):
 * `isComposing` and keyCode 229, as the browser reports it. It must never send.
 */
async function pressEnterWhileComposing(box: Locator, modifiers: { ctrlKey?: boolean } = {}): Promise<void> {
  await box.evaluate((el, mods) => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true, ...mods }));
  }, modifiers);
}

describe('the thread composer', () => {
  it('a mention chosen from the suggestions is written and edited as @name, and stored as the mention', async (test) => {
    const { dev, threadId, page } = await openNewThread(test, 'メンションの書き方（E2E）', 'dev@demo.example');

    const box = composer(page);
    await box.click();
    const suggestions = page.getByRole('listbox', { name: 'メンションの候補' });
    await page.keyboard.type('@田中');
    await expectVisible(suggestions.getByRole('option', { name: /田中 陽子/ }));
    await page.keyboard.press('Enter');
    await page.keyboard.type('さん、');
    await page.keyboard.type('@厚生');
    await expectVisible(suggestions.getByRole('option', { name: /厚生労働省/ }));
    await page.keyboard.press('Enter');
    await page.keyboard.type('のご見解も伺いたいです。');
    const written = '@田中 陽子 さん、@厚生労働省 のご見解も伺いたいです。';
    expect(await box.inputValue()).toBe(written);
    // Enter confirming a conversion does not send (the default here: Enter sends).
    await pressEnterWhileComposing(box);
    await page.keyboard.type('！');
    expect(await box.inputValue()).toBe(`${written}！`);
    await screenshotSizes(page, 'composer-mention');

    await page.keyboard.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('');
    const sent = storedItems(page).filter({ hasText: 'のご見解も伺いたいです。' });
    await expectVisible(sent);
    await expect.poll(() => sent.locator('.mention').allInnerTexts()).toEqual(['@田中 陽子', '@厚生労働省']);

    // Stored as the server's tokens, which it resolved.
    const stored = (await storedMessages(dev, threadId)).find((m) => m.body.includes('のご見解も伺いたいです。'))!;
    expect(stored.body).toMatch(/^@\{user:[0-9a-f]{24}\} さん、@\{org:[0-9a-f]{24}\} のご見解も伺いたいです。！$/);
    expect(stored.mentions.users.map((u) => u.displayName)).toEqual(['田中 陽子']);
    expect(stored.mentions.organizations.map((o) => o.nameJa)).toEqual(['厚生労働省']);

    // Editing shows the names again, not the tokens, and saving keeps the mentions.
    await sent.getByRole('button', { name: '編集' }).click();
    const editor = page.getByRole('textbox', { name: 'メッセージを編集' });
    await expectVisible(editor);
    expect(await editor.inputValue()).toBe(`${written}！`);
    await editor.press('Control+End');
    await page.keyboard.type('（追記）');
    await page.keyboard.press('Enter');
    await expect.poll(() => editor.count()).toBe(0);
    const edited = storedItems(page).filter({ hasText: '（追記）' });
    await expectVisible(edited);
    await expect.poll(() => edited.locator('.mention').allInnerTexts()).toEqual(['@田中 陽子', '@厚生労働省']);
    const after = (await storedMessages(dev, threadId)).find((m) => m.body.includes('（追記）'))!;
    expect(after.body).toBe(`${stored.body}（追記）`);
    await expectAccessible(page, 'thread after a mention');
  }, E2E_TEST_TIMEOUT);

  it('with Ctrl+Enter chosen from the keyboard, Enter adds a line and Ctrl+Enter sends; the choice is kept', async (test) => {
    const { dev, threadId, page } = await openNewThread(test, '送信キーの選択（E2E）', 'dev2@demo.example');

    // A desktop: Enter sends until one chooses otherwise.
    const choice = sendKeyChoice(page);
    expect(await choice.inputValue()).toBe('enter');
    await expectVisible(page.getByText('Enter で送信、Shift+Enter で改行します。'));

    // From the box, Tab past the attach button to the choice, and change it with the arrow key.
    const box = composer(page);
    await box.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await choice.evaluate((el) => el === document.activeElement), 'Tab reaches the send key choice').toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => choice.inputValue()).toBe('modEnter');
    await expectVisible(page.getByText('Enter で改行、Ctrl+Enter か「送信」ボタンで送信します。'));
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await box.evaluate((el) => el === document.activeElement), 'back in the box').toBe(true);

    await page.keyboard.type('一行目');
    await page.keyboard.press('Enter');
    await page.keyboard.type('二行目');
    expect(await box.inputValue()).toBe('一行目\n二行目');
    await pressEnterWhileComposing(box, { ctrlKey: true });
    await page.keyboard.type('。');
    expect(await box.inputValue()).toBe('一行目\n二行目。');
    expect(await storedItems(page).count()).toBe(1);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');
    await expectVisible(storedItems(page).filter({ hasText: '二行目。' }));
    expect((await storedMessages(dev, threadId)).map((m) => m.body)).toContain('一行目\n二行目。');
    await screenshot(page, 'composer-ctrl-enter');
    await expectAccessible(page, 'composer with Ctrl+Enter');

    // Kept in this browser across a reload.
    await page.reload();
    await expectVisible(storedItems(page).filter({ hasText: '二行目。' }));
    expect(await sendKeyChoice(page).inputValue()).toBe('modEnter');
    await expectVisible(page.getByText('Enter で改行、Ctrl+Enter か「送信」ボタンで送信します。'));
  }, E2E_TEST_TIMEOUT);

  it('on a phone (390×844, touch), Return adds a line by default and the send button sends; the page is the one scrolling box', async (test) => {
    const longer = Array.from({ length: 12 }, (_, i) => `メッセージ ${i + 1} です。スマートフォンでは二行以上に折り返される長さの文章を書いています。`);
    const { dev, threadId, page } = await openNewThread(test, 'スマートフォンからの投稿（E2E）', 'dev2@demo.example', { device: 'phone', more: longer });

    // No scrolling box inside the scrolling page (the conversation scrolls with it), and the page
    // opens at its top with the first message whole, not cut by a box.
    const scrollingBoxes = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((el) => /auto|scroll/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight + 1)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
      );
    expect(await scrollingBoxes()).toEqual([]);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const first = await storedItems(page).first().boundingBox();
    expect(first && first.y >= 0 && first.y + first.height <= 844, `the first message is whole in view: ${JSON.stringify(first)}`).toBe(true);
    expect(await storedItems(page).first().innerText()).toContain('最初の投稿です');

    // Return adds a line by default on a touch screen; the send button sends.
    expect(await sendKeyChoice(page).inputValue()).toBe('modEnter');
    await expectVisible(page.getByText('Enter で改行、Ctrl+Enter か「送信」ボタンで送信します。'));
    const box = composer(page);
    await box.tap();
    await page.keyboard.type('スマホから送ります。');
    await page.keyboard.press('Enter');
    await page.keyboard.type('二行目です。');
    expect(await box.inputValue()).toBe('スマホから送ります。\n二行目です。');
    expect(await storedItems(page).count()).toBe(13);
    // What the person sees while writing (the window, not the whole page).
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'composer-phone-touch.png') });
    await page.getByRole('button', { name: '送信', exact: true }).tap();
    await expect.poll(() => box.inputValue()).toBe('');
    await expectVisible(storedItems(page).filter({ hasText: '二行目です。' }));
    expect((await storedMessages(dev, threadId)).map((m) => m.body)).toContain('スマホから送ります。\n二行目です。');
    // The composer is still where the person wrote, and still no box scrolls inside the page.
    const after = await box.boundingBox();
    expect(after && after.y >= 0 && after.y + after.height <= 844, `the composer stays in view: ${JSON.stringify(after)}`).toBe(true);
    expect(await scrollingBoxes()).toEqual([]);
    await screenshot(page, 'composer-phone-sent');
    await expectAccessible(page, 'thread on a phone');
  }, E2E_TEST_TIMEOUT);
});
