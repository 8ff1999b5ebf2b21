/**
 * The issue page puts the issue first (issue 21, item 2): on a wide screen the description, answers
 * and conversation fill the main column and the particulars (課題の概要) stand beside them; on a
 * phone the particulars fold into one closed block above the description, so 課題の内容 is near
 * the top instead of ~1,700 px down.
 */
import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshot, useBrowserSuite } from '../support/browser';

const suite = useBrowserSuite();

async function raiseIssue(): Promise<string> {
  const api = await suite.server.api('dev@demo.example');
  const res = await api.post<{ id: string }>('/api/issues', {
    title: '配置の確認用の課題',
    description: '課題の内容が先に読めることを確かめます。',
    businessAreas: ['national-health-insurance'],
    category: 'spec',
  });
  if (res.status !== 201) throw new Error(`raise: ${res.status}`);
  return res.body.id;
}

/** Where the description heading and the particulars are, in page pixels. */
function layout(page: Page) {
  return page.evaluate(() => {
    const description = document.getElementById('description-title')!.getBoundingClientRect();
    const facts = document.querySelector('.issue-facts-block')!;
    const box = facts.getBoundingClientRect();
    return {
      descriptionTop: Math.round(description.top + window.scrollY),
      descriptionLeft: Math.round(description.left),
      factsLeft: Math.round(box.left),
      factsOpen: (facts as HTMLDetailsElement).open,
    };
  });
}

describe.concurrent('the issue page', () => {
  it('shows the issue first, its particulars beside it (wide) or folded above it (phone)', async (test) => {
    const { expect } = test;
    const id = await raiseIssue();
    const { page } = await suite.person(test, 'dev@demo.example', `/register/${id}`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 2, name: '課題の内容' }));
    const wide = await layout(page);
    expect(wide.factsOpen).toBe(true);
    expect(wide.factsLeft).toBeGreaterThan(wide.descriptionLeft + 400); // a column of its own, to the right
    expect(wide.descriptionTop).toBeLessThan(500);
    await expectVisible(page.locator('.facts__row').filter({ hasText: '所管府省' }));
    await screenshot(page, 'issue-page-desktop');
    await expectAccessible(page, 'issue page, wide');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 2, name: '課題の内容' }));
    const phone = await layout(page);
    expect(phone.factsOpen).toBe(false);
    expect(phone.descriptionTop).toBeLessThan(844); // on the first screen (it was ~1,700 px down)
    await screenshot(page, 'issue-page-phone');
    // One tap (or Enter on the summary) opens the particulars.
    await page.getByText('課題の概要', { exact: true }).click();
    await expectVisible(page.locator('.facts__row').filter({ hasText: '所管府省' }));
    await screenshot(page, 'issue-page-phone-facts-open');
    await expectAccessible(page, 'issue page, phone');
  }, E2E_TEST_TIMEOUT);
});

describe.concurrent('answering an issue', () => {
  it('the routed ministry asks a question, drafts an answer the secretariat can see, and publishes it after confirming', async (test) => {
    const { expect } = test;
    const id = await raiseIssue();
    const ministry = await suite.person(test, 'mhlw@demo.example', `/register/${id}`);
    const page = ministry.page;
    // A question to the raiser: the routed ministry may comment.
    await page.getByLabel('コメントを書く').fill('適用開始日を教えてください。');
    await page.getByRole('button', { name: 'コメントする' }).click();
    await expectVisible(page.getByText('適用開始日を教えてください。'));

    // A draft survives a reload, and nobody but the secretariat sees it.
    await page.getByLabel('公式回答を書く').fill('次期改定で明確化する方針です。');
    await page.getByRole('button', { name: '下書きを保存' }).click();
    await expectVisible(page.getByRole('status').filter({ hasText: '下書きを保存しました' }));
    await page.reload();
    await expectVisible(page.getByLabel('公式回答を書く'));
    // The box appears only with the saved draft in it.
    expect(await page.getByLabel('公式回答を書く').inputValue()).toBe('次期改定で明確化する方針です。');

    const secretariat = await suite.person(test, 'secretariat@demo.example', `/register/${id}`);
    await expectVisible(secretariat.page.getByRole('heading', { name: '作成中の回答（下書き）' }));
    await expectVisible(secretariat.page.getByText('次期改定で明確化する方針です。'));
    const vendor = await suite.person(test, 'dev2@demo.example', `/register/${id}`);
    await expectVisible(vendor.page.getByRole('heading', { level: 2, name: /公式回答/ }));
    expect(await vendor.page.getByText('次期改定で明確化する方針です。').count()).toBe(0);

    // Publishing asks first; cancelling publishes nothing.
    await page.getByRole('button', { name: '掲載内容を確認…' }).click();
    const dialog = page.getByRole('dialog', { name: '公式回答を掲載しますか？' });
    await expectVisible(dialog);
    await expectAccessible(page, 'answer confirmation');
    await screenshot(page, 'issue-answer-confirm');
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    expect(await page.locator('.answers__list').count()).toBe(0);
    await page.getByRole('button', { name: '掲載内容を確認…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '掲載する' }).click();
    await expectVisible(page.locator('.answers__list').getByText('次期改定で明確化する方針です。'));
    // The draft became the answer: the box is empty and the secretariat's list of drafts is gone.
    await expect.poll(() => page.getByLabel('公式回答を書く').inputValue()).toBe('');
    await secretariat.page.reload();
    await expectVisible(secretariat.page.locator('.answers__list').getByText('次期改定で明確化する方針です。'));
    expect(await secretariat.page.getByRole('heading', { name: '作成中の回答（下書き）' }).count()).toBe(0);
  }, E2E_TEST_TIMEOUT);
});
