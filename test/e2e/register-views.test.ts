/**
 * 担当者 and 保存したビュー in the browser: the secretariat assigns an issue to themselves on its page, filters
 * the register by 担当者「自分」, saves that as a view by keyboard, and after a reload applies it from the list.
 */
import { describe, expect, it } from 'vitest';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshot, screenshotSizes, useBrowserSuite } from '../support/browser';
import { fact } from './issueFacts';

const suite = useBrowserSuite();

describe('担当者 and saved views in the browser', () => {
  it(
    'the secretariat assigns itself, filters by 自分, saves the view, reloads and applies it',
    async (test) => {
      const secretariat = await suite.person(test, 'secretariat@demo.example', '/register');
      const s = secretariat.page;
      await s.setViewportSize({ width: 1280, height: 800 });
      const me = await s.evaluate(async () => ((await (await fetch('/api/me')).json()) as { displayName: string }).displayName);

      // An issue nobody handles yet, from the register filtered to 未割当.
      // The previous rows stay (marked busy) until the filtered ones arrive: wait for those.
      await Promise.all([
        s.waitForResponse((r) => r.url().includes('/api/issues?') && r.url().includes('assignee=none')),
        s.getByRole('combobox', { name: '担当者' }).selectOption({ label: '未割当' }),
      ]);
      await expect.poll(() => new URL(s.url()).searchParams.get('assignee')).toBe('none');
      await expect.poll(() => s.locator('.register-table-scroll').getAttribute('aria-busy')).toBeNull();
      const first = s.locator('.register-table tbody a').first();
      await expectVisible(first);
      const title = (await first.innerText()).trim();
      await first.click();
      await expectVisible(s.getByRole('heading', { level: 1, name: title }));
      await expect.poll(() => fact(s, '担当者').innerText()).toBe('未割当');

      const settings = s.getByRole('region', { name: '管理項目（事務局）' });
      await settings.getByRole('combobox', { name: '担当者' }).selectOption({ label: me });
      await settings.getByRole('button', { name: '保存' }).click();
      await expectVisible(settings.getByText('保存しました。'));
      await expect.poll(() => fact(s, '担当者').innerText()).toBe(me);
      await expectAccessible(s, 'issue page with the 担当者 setting');
      await screenshotSizes(s, 'register-views-issue-assignee');

      // The register filtered to 自分 shows it.
      await s.getByRole('link', { name: '課題管理表へ戻る' }).click();
      await s.getByRole('combobox', { name: '担当者' }).selectOption({ label: '自分' });
      await expect.poll(() => new URL(s.url()).searchParams.get('assignee')).toBe('me');
      await expectVisible(s.locator('.register-table').getByRole('link', { name: title }));

      // Saved under a name, by keyboard.
      const summary = s.locator('.saved-views > summary');
      await summary.focus();
      await s.keyboard.press('Enter');
      const panel = s.getByRole('region', { name: '保存したビュー' });
      await expectVisible(panel.getByText('保存したビューはありません。', { exact: false }));
      await panel.getByRole('button', { name: '現在の条件を保存' }).focus();
      await s.keyboard.press('Enter');
      const name = panel.getByRole('textbox', { name: 'ビューの名前' });
      await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true);
      await s.keyboard.type('自分の担当');
      await s.keyboard.press('Enter');
      await expectVisible(panel.getByText('「自分の担当」を保存しました。'));
      const link = panel.getByRole('link', { name: '自分の担当' });
      await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
      await expectAccessible(s, 'register with a saved view');
      await screenshotSizes(s, 'register-views-saved');

      // Elsewhere and reloaded, the view brings the filter back.
      await s.goto(`${new URL(s.url()).origin}/register`);
      await s.reload();
      await summary.click();
      await expectVisible(link);
      expect(await link.getAttribute('aria-current')).toBeNull();
      await link.click();
      await expect.poll(() => new URL(s.url()).searchParams.get('assignee')).toBe('me');
      await expect.poll(() => s.getByRole('combobox', { name: '担当者' }).first().inputValue()).toBe('me');
      await expectVisible(s.locator('.register-table').getByRole('link', { name: title }));
      await expect.poll(() => link.getAttribute('aria-current')).toBe('page');

      // Renamed inline, then deleted after a confirmation.
      await panel.getByRole('button', { name: '「自分の担当」の名前を変更' }).click();
      const rename = panel.getByRole('textbox', { name: '「自分の担当」の名前を変更' });
      await rename.fill('私の担当課題');
      await s.keyboard.press('Enter');
      await expectVisible(panel.getByText('名前を「私の担当課題」に変更しました。'));
      await expectAccessible(s, 'register with a renamed saved view');
      await screenshot(s, 'register-views-renamed-desktop');
      await panel.getByRole('button', { name: '「私の担当課題」を削除' }).click();
      await s.getByRole('dialog', { name: 'ビューを削除しますか？' }).getByRole('button', { name: '削除' }).click();
      await expectVisible(panel.getByText('「私の担当課題」を削除しました。'));
      expect(await panel.getByRole('link', { name: '私の担当課題' }).count()).toBe(0);
    },
    E2E_TEST_TIMEOUT,
  );
});
