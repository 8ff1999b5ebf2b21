/**
 * Unread in a thread (issue 21, item 11): coming back to a thread, a line marks where the messages
 * new since the last visit begin, and a button jumps to it; a thread never read before has no line.
 */
import { describe, it } from 'vitest';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshot, useBrowserSuite } from '../support/browser';

const suite = useBrowserSuite();

describe.concurrent('unread messages', () => {
  it('a line marks what is new since the last visit, with a jump to it', async (test) => {
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
      expect((await dev2.post(`/api/threads/${threadId}/messages`, { clientId: crypto.randomUUID(), body: `既読の投稿 ${i}` })).status).toBe(201);
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
    const fresh = await dev2.post<{ thread: { id: string } }>('/api/threads', { clientId: crypto.randomUUID(), visibility: 'council', title: '初めて開くスレッド', body: '本文', businessAreas: [] });
    await page.goto(`${suite.server.baseUrl}/threads/${fresh.body.thread.id}`);
    await expectVisible(page.getByText('初めて開くスレッド', { exact: true }).first());
    expect(await page.locator('.unread-divider').count()).toBe(0);
  }, E2E_TEST_TIMEOUT);
});
