/**
 * 一括操作 in the browser: the secretariat ticks two issues on the register, moves them to 受付 with
 * one confirmation that lists them, and reads the result; the rows follow, and axe finds nothing
 * serious with the bar, the dialog or the result on screen.
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../shared/schemas/issues';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshotSizes, useBrowserSuite } from '../support/browser';

const suite = useBrowserSuite();

async function raise(title: string): Promise<Issue> {
  const dev = await suite.server.api('dev@demo.example');
  return (await dev.post<Issue>('/api/issues', { title, description: '説明', businessAreas: ['national-pension'], category: 'spec' })).body;
}

describe('bulk actions on the register', () => {
  it(
    'the secretariat changes the status of two issues with one confirmation',
    async (test) => {
      const word = '一括変更E2E';
      const dev = await suite.server.api('dev@demo.example');
      const issues = [await raise(`${word} 年金の記録照会`), await raise(`${word} 年金の支給停止`)];

      const secretariat = await suite.person(test, 'secretariat@demo.example', `/register?q=${encodeURIComponent(word)}`);
      const s = secretariat.page;
      const table = s.getByRole('region', { name: /^課題管理表/ });
      for (const issue of issues) await expectVisible(table.getByRole('link', { name: issue.title }));
      // No bar before anything is ticked.
      expect(await s.getByText(/件を選択中/).count()).toBe(0);

      for (const issue of issues) await table.getByRole('checkbox', { name: `${issue.number} を選択` }).check();
      const bar = s.getByRole('region', { name: '一括操作（事務局）' });
      await expectVisible(bar.getByText('2件を選択中'));
      expect(await table.getByRole('checkbox', { name: 'このページの課題をすべて選択' }).isChecked()).toBe(true);
      await bar.getByRole('combobox', { name: '変更後の状態' }).selectOption({ label: '受付' });
      await expectAccessible(s, 'register with the bulk bar');
      await bar.getByRole('button', { name: 'ステータスを変更' }).click();

      const dialog = s.getByRole('dialog', { name: '2件の課題の状態を「受付」に変更しますか？' });
      await expectVisible(dialog);
      for (const issue of issues) await expectVisible(dialog.getByText(issue.number));
      for (const issue of issues) await expectVisible(dialog.getByText(issue.title));
      await expectAccessible(s, 'bulk confirmation');
      await screenshotSizes(s, 'register-bulk-confirm');
      await dialog.getByRole('button', { name: '変更する' }).click();

      await expectVisible(s.getByText('2件の課題を変更しました。'));
      // The bar went with the selection: focus is on the result, not lost.
      expect(await s.evaluate(() => document.activeElement?.textContent)).toContain('2件の課題を変更しました。');
      expect(await s.getByRole('dialog').count()).toBe(0);
      // The selection is cleared and the rows show the new status.
      expect(await s.getByText(/件を選択中/).count()).toBe(0);
      for (const issue of issues) {
        const row = table.getByRole('row').filter({ has: s.getByRole('link', { name: issue.title }) });
        await expect.poll(() => row.getByText('受付', { exact: true }).count()).toBe(1);
      }
      for (const issue of issues) expect((await dev.get<{ issue: Issue }>(`/api/issues/${issue.id}`)).body.issue.status).toBe('accepted');
      await expectAccessible(s, 'register with a bulk result');
      await screenshotSizes(s, 'register-bulk-result');
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'on a phone: every card of the page at once, and the issue that cannot move is listed with why',
    async (test) => {
      const word = '一括電話E2E';
      const [accepted, fresh] = [await raise(`${word} 受付済み`), await raise(`${word} 新規のまま`)];
      const secretariatApi = await suite.server.api('secretariat@demo.example');
      expect((await secretariatApi.post(`/api/issues/${accepted.id}/transition`, { to: 'accepted' })).status).toBe(200);

      const secretariat = await suite.person(test, 'secretariat@demo.example', `/register?q=${encodeURIComponent(word)}`, 'phone');
      const s = secretariat.page;
      const cards = s.getByRole('list', { name: /^課題管理表/ });
      await expectVisible(cards.getByRole('link', { name: fresh.title }));
      await s.getByRole('checkbox', { name: 'このページの課題をすべて選択' }).check();
      for (const issue of [accepted, fresh])
        expect(await cards.getByRole('checkbox', { name: `${issue.number} を選択` }).isChecked()).toBe(true);
      const bar = s.getByRole('region', { name: '一括操作（事務局）' });
      await expectVisible(bar.getByText('2件を選択中'));
      await bar.getByRole('combobox', { name: '変更後の状態' }).selectOption({ label: '検討中' });
      await bar.getByRole('button', { name: 'ステータスを変更' }).click();
      await s
        .getByRole('dialog', { name: '2件の課題の状態を「検討中」に変更しますか？' })
        .getByRole('button', { name: '変更する' })
        .click();

      await expectVisible(s.getByText('1件の課題を変更しました。1件は変更できませんでした。'));
      // In the reader's words: the status it could not start from, not the server's English detail.
      const failure = s.locator('.bulk-results-region').getByRole('listitem').filter({ hasText: fresh.number });
      await expectVisible(failure);
      expect(await failure.innerText()).toBe(`${fresh.number}：現在の状態（新規）からは変更できません`);
      await expectAccessible(s, 'register on a phone with a partial bulk result');
      await screenshotSizes(s, 'register-bulk-partial');
    },
    E2E_TEST_TIMEOUT,
  );
});
