/**
 * The organisation directory (issue 21, item 13): the secretariat and the observers first, then the
 * member vendors a page at a time (filtered and paged by the server), with the filters on top — and
 * how tall the page is and how long it takes to show, at 1280 and 390 px.
 */
import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, navigateInApp, screenshotSizes, useBrowserSuite } from '../support/browser';

const suite = useBrowserSuite();

const statusLine = (page: Page) => page.getByRole('region', { name: '会員事業者' }).getByRole('status');
const vendorRows = (page: Page) => page.getByRole('region', { name: '会員事業者の一覧' }).getByRole('row');

/**
 * Open the directory from another page of the app (its data not yet loaded) at the given size and
 * CPU slowdown, and measure until the first page of vendors is painted: the time, and the page's height.
 */
async function measure(page: Page, size: { width: number; height: number }, cpuSlowdown: number) {
  await page.setViewportSize(size);
  await expectVisible(page.getByRole('heading', { level: 1 }));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  try {
    const started = await page.evaluate(() => performance.now());
    await navigateInApp(page, '/organizations');
    await expectVisible(vendorRows(page).nth(1), 60_000);
    const painted = await page.evaluate(
      () => new Promise<number>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())))),
    );
    return { ms: Math.round(painted - started), heightPx: await page.evaluate(() => document.documentElement.scrollHeight) };
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
}

describe.concurrent('the organisation directory', () => {
  it(
    'shows the secretariat and the observers first, then pages the vendors under the filters',
    async (test) => {
      const { expect } = test;
      const { page } = await suite.person(test, 'jlis@demo.example', '/organizations');
      await expectVisible(statusLine(page));
      await expectVisible(page.getByRole('heading', { level: 3, name: '府省' }));
      const main = page.getByRole('main');
      expect(await main.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(['事務局', 'オブザーバー', '会員事業者']);
      // The ministries are on the first screen, above every vendor.
      const mhlw = main.getByRole('link', { name: /厚生労働省/ }).first();
      await expectVisible(mhlw);
      expect(await mhlw.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(900);

      await expect.poll(() => statusLine(page).innerText()).toBe('182者のうち 1〜30者目を表示しています');
      expect(await vendorRows(page).count()).toBe(31); // the header row and 30 vendors
      const firstPage = await vendorRows(page).nth(1).innerText();
      await expectAccessible(page, 'organisation directory');
      await screenshotSizes(page, 'organizations-directory');

      // The next page: other vendors, the address says which page, the table has the focus.
      await page.getByRole('button', { name: '次のページ' }).click();
      await expect.poll(() => statusLine(page).innerText()).toBe('182者のうち 31〜60者目を表示しています');
      expect(await vendorRows(page).nth(1).innerText()).not.toBe(firstPage);
      expect(new URL(page.url()).searchParams.get('page')).toBe('2');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('vendor-table');
      await expectVisible(page.getByText('2 / 7 ページ'));

      // A filter starts again at page 1; each type says how many it would show.
      await page.getByRole('radio', { name: /開発事業者/ }).click();
      await expect.poll(() => statusLine(page).innerText()).toBe('67者のうち 1〜30者目を表示しています');
      expect(new URL(page.url()).searchParams.get('page')).toBeNull();
      await expectVisible(page.getByRole('radio', { name: '支援事業者 115' }));
      await page.getByRole('searchbox', { name: '名称で絞り込み' }).fill('zzz-no-such-vendor');
      await expectVisible(page.getByText('条件に一致する事業者はありません。'));
      await page.getByRole('button', { name: '条件をクリア' }).click();
      await expect.poll(() => statusLine(page).innerText()).toBe('182者のうち 1〜30者目を表示しています');

      // A page past the end (an old link) says so and leads back to the first.
      await page.goto('/organizations?page=99');
      await page.getByRole('button', { name: '最初のページへ' }).click();
      await expect.poll(() => statusLine(page).innerText()).toBe('182者のうち 1〜30者目を表示しています');
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'stays short and quick at 1280 and 390 px',
    async (test) => {
      const { expect } = test;
      // Each in a new browser context, so nothing of the directory is in its cache yet.
      const fresh = async () => (await suite.person(test, 'secretariat@demo.example', '/threads')).page;
      const desktop = await measure(await fresh(), { width: 1280, height: 800 }, 1);
      const phone = await measure(await fresh(), { width: 390, height: 844 }, 1);
      // A mid-range phone is several times slower than this machine: Chromium's CPU slowdown of 4.
      const page = await fresh();
      const slowPhone = await measure(page, { width: 390, height: 844 }, 4);
      console.log(
        `organisation directory: 1280 px ${desktop.heightPx} px tall in ${desktop.ms} ms; 390 px ${phone.heightPx} px in ${phone.ms} ms, ${slowPhone.ms} ms at CPU ÷4`,
      );
      // All 182 vendors made it 16,480 px (1280) and 26,238 px (390) tall.
      expect(desktop.heightPx).toBeLessThan(6_000);
      expect(phone.heightPx).toBeLessThan(9_000);
      expect(await vendorRows(page).count()).toBe(31);
    },
    E2E_TEST_TIMEOUT,
  );
});
