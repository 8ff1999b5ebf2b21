/**
 * Browser scenario 6: signing in through the form, switching the UI to English and back, and dates
 * in the Japanese era (令和) in Japanese, the Gregorian calendar in English, always in Japan time.
 */
import { describe, expect, it } from 'vitest';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshot, useBrowserSuite } from '../support/browser';

const suite = useBrowserSuite();

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The calendar day in Japan, spelled both ways the client does. */
function japanDay(iso: string): { ja: string; en: string } {
  const jst = new Date(new Date(iso).getTime() + 9 * 3600_000);
  const [y, m, d] = [jst.getUTCFullYear(), jst.getUTCMonth() + 1, jst.getUTCDate()];
  // 令和 began in 2019 (令和元年); the seeded meetings are weeks ahead, well inside it.
  return { ja: `令和${y - 2018}年${m}月${d}日`, en: `${d} ${MONTHS[m - 1]} ${y}` };
}

describe('languages in the browser', () => {
  it(
    '6: signs in, switches to English and back, with era dates in Japanese',
    async (test) => {
      const api = await suite.server.api('secretariat@demo.example');
      const { meetings } = (await api.get<{ meetings: { kind: string; title: string; startsAt: string }[] }>('/api/meetings')).body;
      const plenary = meetings.find((m) => m.kind === 'plenary')!;
      const day = japanDay(plenary.startsAt);

      const { page } = await suite.anonymous(test, '/login');
      await expectVisible(page.getByRole('heading', { level: 1, name: 'ログイン' }));
      expect(await page.getAttribute('html', 'lang')).toBe('ja');
      await page.getByLabel('メールアドレス').fill('dev@demo.example');
      await page.getByLabel('パスワード').fill('wrong-password');
      await page.getByRole('button', { name: 'ログイン', exact: true }).click();
      await expectVisible(page.getByText('メールアドレスまたはパスワードが正しくありません。'));
      await expectAccessible(page, 'login with an error');
      await page.getByLabel('パスワード').fill('council-demo');
      await page.getByLabel('パスワード').press('Enter');
      await expectVisible(page.getByRole('heading', { level: 1, name: 'スレッド' }));

      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '会議' }).click();
      const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: plenary.title }) });
      await expectVisible(item);
      await expect.poll(() => item.innerText()).toContain(day.ja);
      await screenshot(page, '6-meetings-ja');

      const languages = page.getByRole('group', { name: '表示言語' });
      await languages.getByRole('button', { name: 'English' }).click();
      await expectVisible(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Meetings' }));
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(
        await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'English' }).getAttribute('aria-pressed'),
      ).toBe('true');
      await expect.poll(() => item.innerText()).toContain(day.en);
      expect(await item.innerText()).not.toContain('令和');
      await screenshot(page, '6-meetings-en');
      await expectAccessible(page, 'meetings in English');

      // The choice is kept in this browser.
      await page.reload();
      await expectVisible(page.getByRole('navigation', { name: 'Main menu' }));
      expect(await page.getAttribute('html', 'lang')).toBe('en');

      await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '日本語' }).click();
      await expectVisible(page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '会議' }));
      expect(await page.getAttribute('html', 'lang')).toBe('ja');
      await expect.poll(() => item.innerText()).toContain(day.ja);
    },
    E2E_TEST_TIMEOUT,
  );
});
