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
