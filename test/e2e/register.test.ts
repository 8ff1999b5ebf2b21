/**
 * Browser scenario 3: a vendor raises a register issue, the secretariat accepts and routes it
 * (the vendor's page follows live), the ministry answers, the vendor reads the official answer,
 * and the register's Excel export downloads and opens. Along the way the issue says truthfully
 * whether it has been routed yet.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshot, screenshotSizes, useBrowserSuite } from '../support/browser';
import { fact } from './issueFacts';

const suite = useBrowserSuite();

describe('the issue register in the browser', () => {
  it(
    '3: raised, accepted and routed, answered by the ministry, exported',
    async (test) => {
      const title = '介護保険の標準仕様書で給付制限の判定順序が不明確（E2E）';
      const vendor = await suite.person(test, 'dev@demo.example', '/register/new');
      const v = vendor.page;
      await expectVisible(v.getByRole('heading', { level: 1, name: '課題を登録' }));
      await v.getByRole('textbox', { name: '件名' }).fill(title);
      await v.getByRole('textbox', { name: '課題の内容' }).fill('給付制限の判定を行う順序が、標準仕様書の二か所で異なっています。');
      await v
        .getByRole('group', { name: /対象業務/ })
        .getByRole('checkbox', { name: '介護保険' })
        .check();
      await v.getByRole('combobox', { name: '分類' }).selectOption({ label: '標準仕様書の解釈・記載' });
      await expectAccessible(v, 'new issue form');
      await v.getByRole('button', { name: '登録する' }).click();

      await expectVisible(v.getByRole('heading', { level: 1, name: title }));
      const issueUrl = new URL(v.url()).pathname;
      expect(issueUrl).toMatch(/^\/register\/[0-9a-f]{24}$/);
      await expect.poll(() => fact(v, '状態').innerText()).toBe('新規');
      // Not routed yet: it says where it will go once accepted (issue 21, item 5).
      await expect.poll(() => fact(v, '所管府省').innerText()).toContain('事務局が受付すると、厚生労働省に回付されます。');
      expect(await fact(v, '所管府省').innerText()).not.toContain('回付されており');
      await screenshotSizes(v, '3-new-issue-not-yet-routed');

      // The secretariat, elsewhere, accepts it and routes it to 厚生労働省.
      const secretariat = await suite.person(test, 'secretariat@demo.example', issueUrl);
      const s = secretariat.page;
      const transitions = s.getByRole('region', { name: '状態の変更（事務局）' });
      await transitions.getByRole('button', { name: '「受付」にする' }).click();
      await expectVisible(transitions.getByText('状態を「受付」にしました。'));
      await expect.poll(() => fact(v, '状態').innerText()).toBe('受付');
      await expect
        .poll(() => fact(v, '所管府省').innerText())
        .toContain('この課題は厚生労働省に回付されており、同省または事務局が公式回答します。');

      const settings = s.getByRole('region', { name: '管理項目（事務局）' });
      await settings.getByRole('combobox', { name: '所管府省' }).selectOption({ label: '厚生労働省' });
      await settings.getByRole('button', { name: '保存' }).click();
      await expectVisible(settings.getByText('保存しました。'));
      await transitions.getByRole('button', { name: '「検討中」にする' }).click();
      await expectVisible(transitions.getByText('状態を「検討中」にしました。'));

      // The vendor's page follows without a reload.
      await expect.poll(() => fact(v, '状態').innerText()).toBe('検討中');
      await expect.poll(() => fact(v, '所管府省').innerText()).toMatch(/^厚生労働省\s*（事務局が指定）/);
      await screenshot(s, '3-secretariat-routed');

      // 事務局メモ: written by keyboard on the secretariat's page, never on the vendor's.
      const noteText = '府省の担当窓口に事前相談済み（E2E）';
      const notes = s.getByRole('region', { name: '事務局メモ' });
      await notes.getByRole('textbox', { name: 'メモを追加' }).fill(noteText);
      await s.keyboard.press('Tab');
      await s.keyboard.press('Enter');
      await expectVisible(notes.getByText(noteText));
      await expectAccessible(s, 'issue page with secretariat notes');
      expect(await v.getByRole('region', { name: '事務局メモ' }).count()).toBe(0);
      expect(await v.getByText(noteText).count()).toBe(0);

      // The ministry publishes its official answer.
      const ministry = await suite.person(test, 'mhlw@demo.example', issueUrl);
      const m = ministry.page;
      const answer = '判定は「支払方法の変更」を先に行います。次回改定で記載を統一します。';
      await m.getByRole('textbox', { name: '公式回答を書く' }).fill(answer);
      // Publishing asks first (issue 21, item 3).
      await m.getByRole('button', { name: '掲載内容を確認…' }).click();
      await m.getByRole('dialog', { name: '公式回答を掲載しますか？' }).getByRole('button', { name: '掲載する' }).click();

      const answers = v.getByRole('region', { name: /^公式回答/ });
      await expectVisible(answers.getByText(answer));
      await expect.poll(() => fact(v, '状態').innerText()).toBe('回答済');
      await expect.poll(() => fact(v, '所管府省').innerText()).toContain('厚生労働省に回付され、公式回答が掲載されています。');
      await screenshot(v, '3-vendor-reads-answer');
      await expectAccessible(v, 'issue page with an official answer');

      // The register, filtered to nothing, exports as an Excel workbook that opens with the issue in it.
      await v.getByRole('link', { name: '課題管理表へ戻る' }).click();
      await expectVisible(v.getByRole('link', { name: title }));
      const exports = v.getByRole('group', { name: 'ダウンロード（絞り込み結果）' });
      const [download] = await Promise.all([v.waitForEvent('download'), exports.getByRole('button', { name: 'Excel' }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await download.path());
      const sheet = workbook.worksheets[0]!;
      const rows: string[] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).map(String).join('\t')));
      const ours = rows.find((r) => r.includes(title));
      expect(ours).toBeDefined();
      expect(ours).toContain('回答済');
      expect(ours).toContain('厚生労働省');
      await screenshot(v, '3-register-list');
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    '3b: a vendor follows an issue from its page and finds it with 「フォロー中の課題だけ」 and 自組織 filters, by keyboard',
    async (test) => {
      // An issue the organisation supports, so that it is in 自組織が賛同 below.
      const vendor = await suite.person(test, 'dev-admin@demo.example', '/register?mine=supported');
      const v = vendor.page;
      const first = v.locator('.register-table tbody a').first();
      await expectVisible(first);
      const title = (await first.innerText()).trim();
      await first.click();
      await expectVisible(v.getByRole('heading', { level: 1, name: title }));
      const follow = v.getByRole('group', { name: 'この課題のフォロー' });
      await follow.getByRole('radio', { name: 'フォローする' }).focus();
      await v.keyboard.press('Space');
      await expectVisible(follow.getByText('課題管理表の「フォロー中の課題だけ」に表示します', { exact: false }));
      await expectAccessible(v, 'issue page with the follow choice');

      await v.goto(`${new URL(v.url()).origin}/register`);
      const followingOnly = v.getByRole('checkbox', { name: 'フォロー中の課題だけ' });
      await followingOnly.focus();
      await v.keyboard.press('Space');
      await expect.poll(() => new URL(v.url()).searchParams.get('following')).toBe('true');
      await expectVisible(v.getByRole('link', { name: title }));
      await Promise.all([
        v.waitForResponse((r) => r.url().includes('/api/issues?') && r.url().includes('mine=supported')),
        v.getByRole('combobox', { name: '自組織' }).selectOption({ label: '自組織が賛同' }),
      ]);
      await expect.poll(() => new URL(v.url()).searchParams.get('mine')).toBe('supported');
      expect(new URL(v.url()).searchParams.get('following')).toBe('true');
      await expect.poll(() => v.locator('.register-table-scroll').getAttribute('aria-busy')).toBeNull();
      await expectAccessible(v, 'register filtered to followed issues my organisation supports');
      await screenshotSizes(v, '3b-register-following');

      // Muted (arrow keys move along the choices), it leaves the list of followed issues.
      await v.goto(`${new URL(v.url()).origin}/register?following=true`);
      await v.getByRole('link', { name: title }).click();
      await follow.getByRole('radio', { name: 'フォローする' }).focus();
      await v.keyboard.press('ArrowRight');
      await v.keyboard.press('ArrowRight');
      await expect.poll(() => follow.getByRole('radio', { name: 'ミュート' }).isChecked()).toBe(true);
      await expectVisible(follow.getByText('自動ではフォローしません', { exact: false }));
      await v.goBack();
      await expect.poll(() => new URL(v.url()).searchParams.get('following')).toBe('true');
      await expect.poll(() => v.getByRole('link', { name: title }).count()).toBe(0);
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    '3c: the register uses the full width at 1280 px, columns are chosen by keyboard and kept, phones get cards',
    async (test) => {
      const person = await suite.person(test, 'dev@demo.example', '/register');
      const p = person.page;
      await p.setViewportSize({ width: 1280, height: 800 });
      const table = p.locator('.register-table-scroll');
      await expectVisible(table.locator('tbody a').first());
      // The title column has room (no three-line titles), and the table needs no sideways scroll.
      const lines = await table.locator('th.register-table__title a').evaluateAll((links) => links.map((a) => a.getClientRects().length));
      expect(Math.max(...lines)).toBeLessThanOrEqual(2);
      expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

      const chooser = p.locator('.column-chooser');
      await chooser.locator('summary').focus();
      await p.keyboard.press('Enter');
      const updated = chooser.getByRole('checkbox', { name: '更新日時' });
      await updated.focus();
      await p.keyboard.press('Space');
      await expect.poll(() => table.getByRole('columnheader', { name: /更新日時/ }).count()).toBe(0);
      await expectVisible(table.getByRole('columnheader', { name: /所管府省/ }));
      await expectAccessible(p, 'register with the column chooser open');
      await screenshot(p, '3c-register-1280-columns');
      await p.reload();
      await expectVisible(table.locator('tbody a').first());
      expect(await table.getByRole('columnheader', { name: /更新日時/ }).count()).toBe(0);

      await p.setViewportSize({ width: 390, height: 844 });
      const cards = p.getByRole('list', { name: /課題管理表/ });
      await expectVisible(cards.getByRole('link').first());
      expect(await table.isVisible()).toBe(false);
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await expectAccessible(p, 'register as cards on a phone');
      await screenshotSizes(p, '3c-register-cards');
    },
    E2E_TEST_TIMEOUT,
  );
});
