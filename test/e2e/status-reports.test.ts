/**
 * Browser scenarios of 開発状況報告 (issue 19). An org admin allows a member to submit; the member
 * fills the company's report from the keyboard alone — a contradiction shown beside its field as it
 * is typed, the summary on a submission tried too early, an explanation typed through a Japanese IME
 * conversion that is not saved until it is confirmed, the changed area alone saved — and submits it.
 * The secretariat watches 提出状況 change live as a vendor submits in another browser, drills down from
 * the overview to the area and to the report, and returns it; the vendor sees the reason live. axe
 * on every page of the feature. The rounds and drafts are made through the API here.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import type { Report, Round } from '../../shared/schemas/statusReports';
import { emptyAreaEntry, type AreaEntry } from '../../shared/statusReports/rules';
import {
  E2E_TEST_TIMEOUT,
  expectAccessible,
  expectKeyboardReachable,
  expectVisible,
  screenshot,
  useBrowserSuite,
} from '../support/browser';
import type { ApiClient } from '../support/client';

const suite = useBrowserSuite();

interface Me {
  id: string;
  organization: { id: string; nameJa: string; businessAreas: string[] };
}

const DAY_MS = 86_400_000;
const japanDay = (offsetDays: number) => new Date(Date.now() + 9 * 3_600_000 + offsetDays * DAY_MS).toISOString().slice(0, 10);

/** A round on the areas given, opened by the secretariat through the API. */
async function openRound(secretariat: ApiClient, title: string, businessAreas: string[]): Promise<Round> {
  const created = await secretariat.post<Round>('/api/status/rounds', {
    title,
    periodStart: japanDay(0),
    periodEnd: japanDay(30),
    deadline: `${japanDay(30)}T17:00:00+09:00`,
    businessAreas,
    note: 'E2E の調査です。',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const opened = await secretariat.post<Round>(`/api/status/rounds/${created.body.id}/open`);
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  return opened.body;
}

async function me(api: ApiClient): Promise<Me> {
  return (await api.get<Me>('/api/me')).body;
}

/** What a focused element is, for asserting that keys went where they should. */
const focusedLabel = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('id') ?? document.activeElement?.tagName ?? '');

/** Type into the control with this id: focus it (no pointer), clear it with the keyboard, type. */
async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await page.locator(`[id="${id}"]`).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(text);
}

/**
 * Type a day into a date field from the keyboard. The order of its parts follows the browser's own
 * language (Debian's Chromium: month, day, year), so each order is tried until the field holds the day.
 */
async function typeDate(page: Page, id: string, day: string): Promise<void> {
  const input = page.locator(`[id="${id}"]`);
  const [y, m, d] = day.split('-') as [string, string, string];
  for (const digits of [`${m}${d}${y}`, `${y}${m}${d}`, `${d}${m}${y}`]) {
    await input.focus();
    await page.keyboard.type(digits);
    if ((await input.inputValue()) === day) return;
    await input.fill('');
  }
  throw new Error(`could not type ${day} into the date field ${id}`);
}

describe('development status reports in the browser', () => {
  it(
    'a member the org admin allowed fills and submits the report from the keyboard alone; nothing saves mid-conversion',
    async (test) => {
      const secretariat = await suite.server.api('secretariat@demo.example');
      const devApi = await suite.server.api('dev@demo.example');
      const dev = await me(devApi);
      const area = dev.organization.businessAreas[0]!;
      const round = await openRound(secretariat, `E2E キーボードで報告 ${Date.now()}`, [area]);
      const { issues } = (await secretariat.get<{ issues: { id: string; number: string; title: string }[] }>('/api/issues?pageSize=5'))
        .body;
      const blocking = issues[0]!;

      // The org admin allows 鈴木 美咲 to submit, with the keyboard.
      const { page: admin } = await suite.person(test, 'dev-admin@demo.example', '/status');
      const reporters = admin.getByRole('region', { name: '報告を提出できるメンバー' });
      await expectVisible(reporters);
      const allow = reporters.getByRole('checkbox', { name: /鈴木 美咲/ });
      await allow.focus();
      await admin.keyboard.press('Space');
      expect(await allow.isChecked()).toBe(true);
      await reporters.getByRole('button', { name: '保存する' }).focus();
      await admin.keyboard.press('Enter');
      await expectVisible(reporters.getByRole('status').filter({ hasText: '保存しました。' }));
      await expectAccessible(admin, 'status-list-org-admin');
      const allowed = (await secretariat.get<{ reporters: { id: string }[] }>(`/api/organizations/${dev.organization.id}/status-reporters`))
        .body;
      expect(allowed.reporters.map((r) => r.id)).toContain(dev.id);

      // The member finds the round and the report from the list, by keyboard.
      const { page } = await suite.person(test, 'dev@demo.example', '/status');
      const drafts: Array<{ body: Record<string, unknown>; at: number }> = [];
      page.on('request', (request: Request) => {
        if (request.method() === 'PUT' && request.url().endsWith(`/reports/${dev.organization.id}/draft`))
          drafts.push({ body: request.postDataJSON() as Record<string, unknown>, at: Date.now() });
      });
      const roundLink = page.getByRole('link', { name: round.title });
      await expectVisible(roundLink);
      await expectAccessible(page, 'status-list');
      await roundLink.focus();
      await page.keyboard.press('Enter');
      await expectVisible(page.getByRole('heading', { level: 1, name: round.title }));
      await expectVisible(page.getByRole('heading', { name: '自社の報告' }));
      await expectAccessible(page, 'status-round-mine');
      await page.getByRole('link', { name: '報告を入力する' }).focus();
      await page.keyboard.press('Enter');
      await expectVisible(page.getByRole('heading', { level: 1, name: /の開発状況報告$/ }));
      await expectVisible(page.getByText('入力内容は自動で保存されます。'));
      await expectAccessible(page, 'status-report-empty');

      const id = (field: string) => `status-${area}-${field.replace(/\./g, '-')}`;
      // 開発状況: a select moved with the arrow keys (未選択 → 未着手 → 設計 → 開発).
      await page.locator(`[id="${id('phase')}"]`).focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      await expect.poll(() => page.locator(`[id="${id('phase')}"]`).inputValue()).toBe('development');
      await typeInto(page, id('specVersion'), '第4.0版');
      // The planned day: the date field's parts typed in turn.
      await typeDate(page, id('plannedAvailability'), '2027-03-31');

      // Numbers: a fraction is explained, and a sum over the customers is shown beside its field as it is typed.
      await typeInto(page, id('customers'), '12.5');
      await expectVisible(page.getByText('小数は入力できません。整数で入力してください。'));
      await typeInto(page, id('customers'), '120');
      await typeInto(page, id('migrated'), '30');
      await typeInto(page, id('plannedByFyEnd'), '60');
      await typeInto(page, id('plannedAfter'), '50');
      const sumProblem = page.locator(`[id="${id('plannedAfter')}-error"]`);
      await expect.poll(() => sumProblem.innerText()).toContain('合計が顧客団体数を超えています');
      expect(await page.locator(`[id="${id('plannedAfter')}"]`).getAttribute('aria-invalid')).toBe('true');
      await typeInto(page, id('plannedAfter'), '20');
      await expect.poll(() => sumProblem.innerText()).toBe('');
      for (const [k, v] of [
        ['mainframe', '0'],
        ['custom-built', '0'],
        ['vendor-withdrawal', '0'],
        ['vendor-resources', '2'],
      ] as const)
        await typeInto(page, id(`special.${k}`), v);
      // 進捗: the radios move with the arrow keys (順調 → 遅延リスクあり).
      await page.locator(`[id="${id('track')}"]`).focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      expect(await page.getByRole('radio', { name: '遅延リスクあり' }).isChecked()).toBe(true);
      await typeInto(page, id('blockingIssues'), blocking.number);
      await expectVisible(
        page.getByRole('list', { name: '支障となっている課題' }).getByRole('link', { name: new RegExp(blocking.number) }),
      );

      // Saved as typed: each save carries this area only.
      const saved = page.getByRole('status').filter({ hasText: /^保存しました/ });
      await expectVisible(saved);
      expect(drafts.length).toBeGreaterThan(0);
      for (const { body } of drafts) expect(Object.keys((body.areas as object | undefined) ?? {})).toEqual([area]);

      // Submitting now: the explanation an at-risk area needs is missing; the summary says so and links to it.
      const submit = page.getByRole('button', { name: '提出する', exact: true });
      await submit.focus();
      await page.keyboard.press('Enter');
      const summary = page.getByRole('region', { name: /提出する前に、次の1件を確認してください/ });
      await expectVisible(summary);
      await expect.poll(() => focusedLabel(page)).toBe('status-summary');
      expect(await summary.innerText()).toContain('順調でない場合は理由を記入してください');
      await expectAccessible(page, 'status-report-summary');
      await screenshot(page, 'status-report-summary');
      // The summary's link takes the keyboard to the field.
      await summary.getByRole('link').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => focusedLabel(page)).toBe(id('explanation'));

      // The explanation through a Japanese IME: while the conversion is open nothing is saved, however long it stays open.
      const savesBefore = drafts.length;
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'かいはつが', selectionStart: 5, selectionEnd: 5 });
      await cdp.send('Input.imeSetComposition', { text: 'かいはつがおくれ', selectionStart: 8, selectionEnd: 8 });
      await expect.poll(() => page.locator(`[id="${id('explanation')}"]`).inputValue()).toBe('かいはつがおくれ');
      // The pause has passed (the form says it is waiting for the conversion), and no save went out.
      await expectVisible(page.getByRole('status').filter({ hasText: '変換の確定を待っています' }));
      expect(drafts.length).toBe(savesBefore);
      // Confirmed: then it is saved, as confirmed.
      await cdp.send('Input.insertText', { text: '開発体制の増強中です' });
      await expect.poll(() => page.locator(`[id="${id('explanation')}"]`).inputValue()).toBe('開発体制の増強中です');
      await expectVisible(saved);
      const afterIme = drafts.slice(savesBefore);
      expect(afterIme.length).toBeGreaterThan(0);
      for (const { body } of afterIme) {
        expect(Object.keys(body.areas as object)).toEqual([area]);
        expect((body.areas as Record<string, AreaEntry>)[area]!.explanation).toBe('開発体制の増強中です');
      }
      expect(drafts.some(({ body }) => JSON.stringify(body).includes('かいはつ'))).toBe(false);

      await page.getByLabel('事務局への連絡事項').focus();
      await page.keyboard.type('キーボードだけで入力しました。');
      await expectVisible(saved);
      await expect.poll(() => summary.count()).toBe(0);

      // Submit, and confirm in the dialog (focus starts on キャンセル; Tab to 提出する).
      await submit.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'この報告を提出しますか' });
      await expectVisible(dialog);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expectVisible(page.getByRole('status').filter({ hasText: '提出しました（第1版）。' }));
      await expectAccessible(page, 'status-report-submitted');
      await screenshot(page, 'status-report-submitted');

      const report = (await devApi.get<Report>(`/api/status/rounds/${round.id}/reports/${dev.organization.id}`)).body;
      expect(report.state).toBe('submitted');
      expect(report.version).toBe(1);
      expect(report.comment).toBe('キーボードだけで入力しました。');
      expect(report.areas.map((a) => a.area)).toEqual([area]);
      expect(report.areas[0]!.entry).toEqual({
        ...emptyAreaEntry(),
        phase: 'development',
        specVersion: '第4.0版',
        plannedAvailability: '2027-03-31',
        customers: 120,
        migrated: 30,
        plannedByFyEnd: 60,
        plannedAfter: 20,
        special: { mainframe: 0, 'custom-built': 0, 'vendor-withdrawal': 0, 'vendor-resources': 2 },
        track: 'atRisk',
        explanation: '開発体制の増強中です',
        blockingIssues: [blocking.number],
      });

      // The issue page lists the report that cites it.
      await page.goto(`/register/${blocking.id}`);
      const citations = page.getByRole('region', { name: 'この課題を挙げている開発状況報告' });
      await expectVisible(citations);
      expect(await citations.innerText()).toContain(round.title);
      await expectAccessible(page, 'issue-page-citations');

      // Every control of the report form is reachable with Tab and shows where focus is.
      await page.goto(`/status/${round.id}/reports/${dev.organization.id}`);
      await expectVisible(page.getByRole('heading', { level: 1, name: /の開発状況報告$/ }));
      await expectKeyboardReachable(page, 'the report form');
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'the secretariat sees 提出状況 change live as a vendor submits, drills down to the area and the report, and returns it',
    async (test) => {
      const secretariat = await suite.server.api('secretariat@demo.example');
      const vendorApi = await suite.server.api('dev2@demo.example');
      const vendor = await me(vendorApi);
      const area = vendor.organization.businessAreas[0]!;
      const round = await openRound(secretariat, `E2E 提出状況 ${Date.now()}`, [area]);
      // The secretariat allows 高橋 誠 to submit (his company has no org admin among the demo accounts).
      const allowed = await secretariat.put(`/api/organizations/${vendor.organization.id}/status-reporters`, { userIds: [vendor.id] });
      expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);

      const { page: s } = await suite.person(test, 'secretariat@demo.example', `/status/${round.id}?view=progress`);
      const row = s.getByRole('table', { name: '対象事業者の提出状況' }).getByRole('row').filter({ hasText: vendor.organization.nameJa });
      await expectVisible(row);
      await expect.poll(() => row.innerText()).toContain('未着手');
      await expectAccessible(s, 'status-progress');
      await expectVisible(s.getByRole('button', { name: 'Excel（.xlsx）で出力' }));
      await expectVisible(s.getByRole('button', { name: 'CSVで出力' }));
      await expectVisible(s.getByRole('button', { name: '未提出の事業者に督促する' }));

      // A draft saved through the API shows up live as 作成中.
      const entry: AreaEntry = {
        ...emptyAreaEntry(),
        phase: 'testing',
        specVersion: '第4.0版',
        plannedAvailability: japanDay(60),
        customers: 40,
        migrated: 10,
        plannedByFyEnd: 25,
        plannedAfter: 5,
        special: { mainframe: 0, 'custom-built': 1, 'vendor-withdrawal': 0, 'vendor-resources': 0 },
        track: 'onTrack',
      };
      const draft = await vendorApi.put(`/api/status/rounds/${round.id}/reports/${vendor.organization.id}/draft`, {
        areas: { [area]: entry },
        comment: '確認をお願いします。',
      });
      expect(draft.status, JSON.stringify(draft.body)).toBe(200);
      await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('作成中');

      // The vendor submits in another browser; the secretariat's table and counts change without a reload.
      const { page: v } = await suite.person(test, 'dev2@demo.example', `/status/${round.id}/reports/${vendor.organization.id}`);
      await v.getByRole('button', { name: '提出する', exact: true }).click();
      await v.getByRole('dialog', { name: 'この報告を提出しますか' }).getByRole('button', { name: '提出する' }).click();
      await expectVisible(v.getByRole('status').filter({ hasText: '提出しました（第1版）。' }));
      await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('提出済み');
      const submittedCount = s.locator('.status-counts__item--submitted dd');
      await expect.poll(() => submittedCount.innerText(), { timeout: 15_000 }).toBe('1社');
      await screenshot(s, 'status-progress-live');

      // Remind those who have not submitted: logged beside the table. Export the round as CSV and Excel.
      await s.getByRole('button', { name: '未提出の事業者に督促する' }).click();
      await s.getByRole('dialog', { name: '未提出の事業者に督促しますか' }).getByRole('button', { name: '督促を送る' }).click();
      await expectVisible(s.getByRole('status').filter({ hasText: /督促を送りました。$/ }));
      await expect.poll(() => s.getByRole('region', { name: '督促の記録' }).getByRole('row').count(), { timeout: 15_000 }).toBe(2);
      for (const [label, extension] of [
        ['CSVで出力', '.csv'],
        ['Excel（.xlsx）で出力', '.xlsx'],
      ] as const) {
        const [download] = await Promise.all([s.waitForEvent('download'), s.getByRole('button', { name: label }).click()]);
        expect(download.suggestedFilename().endsWith(extension), download.suggestedFilename()).toBe(true);
        expect((await download.failure()) ?? null).toBeNull();
      }

      // A vendor reads the council-wide picture: an area fewer than three vendors reported is withheld.
      const council = await v.context().newPage();
      await council.goto(`/status/${round.id}?view=overview`);
      await expectVisible(council.getByRole('heading', { name: '業務別の開発状況' }));
      const withheld = council
        .getByRole('table', { name: '業務別の開発状況' })
        .getByRole('row')
        .filter({ hasText: '非公開（報告3社未満）' });
      await expectVisible(withheld);
      expect(await council.getByRole('table', { name: '業務別の開発状況' }).getByRole('link').count()).toBe(0);
      await expectAccessible(council, 'status-overview-vendor');
      await council.close();

      // The overview, then the area's vendors, then the vendor's report.
      await s.getByRole('navigation', { name: '調査の表示' }).getByRole('link', { name: '全体像' }).click();
      await expectVisible(s.getByRole('heading', { name: '業務別の開発状況' }));
      await expectVisible(s.getByRole('heading', { name: /参考値（2024年10月31日時点）/ }));
      await s.locator('summary').filter({ hasText: '表で見る' }).first().waitFor();
      await expectAccessible(s, 'status-overview');
      await screenshot(s, 'status-overview');
      const areaLink = s.getByRole('table', { name: '業務別の開発状況' }).getByRole('link').first();
      const areaName = await areaLink.innerText();
      await areaLink.click();
      await expectVisible(s.getByRole('heading', { level: 1, name: `${areaName}：事業者別の報告` }));
      const drillRow = s.getByRole('row').filter({ hasText: vendor.organization.nameJa });
      await expectVisible(drillRow);
      expect(await drillRow.innerText()).toContain('テスト');
      expect(await drillRow.innerText()).toContain('40');
      await expectAccessible(s, 'status-area');
      await drillRow.getByRole('link', { name: vendor.organization.nameJa }).click();
      await expectVisible(s.getByRole('heading', { level: 1, name: `${vendor.organization.nameJa}の開発状況報告` }));
      await expectVisible(s.getByText('確認をお願いします。'));
      await expectAccessible(s, 'status-report-secretariat');

      // Returned with a reason: the vendor's page says why, live.
      await s.getByRole('button', { name: '差し戻す' }).click();
      const dialog = s.getByRole('dialog', { name: 'この報告を差し戻しますか' });
      await dialog.getByLabel('差し戻しの理由').fill('顧客団体数を再確認してください。');
      await dialog.getByRole('button', { name: '差し戻す' }).click();
      await expectVisible(s.getByRole('status').filter({ hasText: '差し戻しました。' }));
      const notice = v.getByRole('status').filter({ hasText: '事務局から修正を依頼されています' });
      await expectVisible(notice);
      expect(await notice.innerText()).toContain('顧客団体数を再確認してください。');
      await expectAccessible(v, 'status-report-returned');

      // Versions side by side.
      await s.goto(`/status/${round.id}/reports/${vendor.organization.id}/versions`);
      await expectVisible(s.getByRole('heading', { level: 1, name: '提出履歴の比較' }));
      await expectVisible(s.getByRole('table', { name: '比べる提出内容' }));
      await expectAccessible(s, 'status-versions');
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'a vendor adds an area its profile does not name and takes one out, each with its reason, and puts it back',
    async (test) => {
      const secretariat = await suite.server.api('secretariat@demo.example');
      const vendorApi = await suite.server.api('support@demo.example');
      const vendor = await me(vendorApi);
      const profileArea = vendor.organization.businessAreas[0]!;
      const { businessAreas } = (await vendorApi.get<{ businessAreas: { key: string; ja: string }[] }>('/api/business-areas')).body;
      const other = businessAreas.find((a) => !vendor.organization.businessAreas.includes(a.key))!;
      const profileName = businessAreas.find((a) => a.key === profileArea)!.ja;
      const round = await openRound(secretariat, `E2E 業務の追加と除外 ${Date.now()}`, [profileArea, other.key]);
      const reportPath = `/api/status/rounds/${round.id}/reports/${vendor.organization.id}`;
      const { page } = await suite.person(test, 'support@demo.example', `/status/${round.id}/reports/${vendor.organization.id}`);
      const areas = page.getByRole('region', { name: '業務ごとの報告' });
      await expectVisible(areas.getByRole('heading', { level: 3, name: profileName }));
      expect(await areas.getByRole('heading', { level: 3, name: other.ja }).count()).toBe(0);

      // Add the other area, with the reason.
      const add = page.getByRole('group', { name: '業務を追加' });
      await add.getByLabel('業務').selectOption(other.key);
      await add.getByLabel('理由').fill('新たに受託したため');
      await add.getByRole('button', { name: '追加' }).click();
      await expectVisible(areas.getByRole('heading', { level: 3, name: other.ja }));
      await expectVisible(page.getByText('新たに受託したため'));
      await expect
        .poll(async () => (await vendorApi.get<Report>(reportPath)).body.added)
        .toEqual([{ area: other.key, reason: '新たに受託したため' }]);

      // Take the profile's area out: asked why.
      await areas.getByRole('button', { name: `${profileName}を報告から外す` }).click();
      const dialog = page.getByRole('dialog', { name: `${profileName}を報告から外しますか` });
      await dialog.getByRole('button', { name: '報告から外す' }).click();
      await expectVisible(dialog.getByText('入力してください。'));
      await dialog.getByLabel('理由').fill('今回は該当する顧客がないため');
      await dialog.getByRole('button', { name: '報告から外す' }).click();
      await expectVisible(page.getByRole('heading', { name: '報告から外した業務' }));
      await expect.poll(() => areas.getByRole('heading', { level: 3, name: profileName }).count()).toBe(0);
      await expect
        .poll(async () => {
          const report = (await vendorApi.get<Report>(reportPath)).body;
          return { areas: report.areas.map((a) => a.area), removed: report.removed };
        })
        .toEqual({ areas: [other.key], removed: [{ area: profileArea, reason: '今回は該当する顧客がないため' }] });
      await expectAccessible(page, 'status-report-areas-changed');

      // And back.
      await page.getByRole('button', { name: `${profileName}を報告に戻す` }).click();
      await expectVisible(areas.getByRole('heading', { level: 3, name: profileName }));
      await expect.poll(async () => (await vendorApi.get<Report>(reportPath)).body.removed).toEqual([]);
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'the secretariat creates a round in the form and opens it; the form explains its mistakes',
    async (test) => {
      const { page } = await suite.person(test, 'secretariat@demo.example', '/status');
      await page.getByRole('link', { name: '調査を作成' }).click();
      await expectVisible(page.getByRole('heading', { level: 1, name: '調査を作成' }));
      await page.getByRole('button', { name: '下書きとして保存' }).click();
      await expectVisible(page.getByText('入力内容に誤りがあります。各項目のメッセージを確認してください。'));
      expect(await page.getByLabel('調査名').getAttribute('aria-invalid')).toBe('true');
      const title = `E2E 画面から作成 ${Date.now()}`;
      await page.getByLabel('調査名').fill(title);
      await page.getByLabel('開始日').fill(japanDay(10));
      await page.getByLabel('終了日').fill(japanDay(5));
      await page.getByLabel('提出期限').fill(`${japanDay(20)}T17:00`);
      await page.getByRole('button', { name: '下書きとして保存' }).click();
      await expectVisible(page.getByText('終了日は開始日以降の日付にしてください。'));
      await page.getByLabel('終了日').fill(japanDay(40));
      await expectAccessible(page, 'status-round-form');
      await page.getByRole('button', { name: '下書きとして保存' }).click();
      await expectVisible(page.getByRole('heading', { level: 1, name: title }));
      await expectVisible(page.getByText('下書き', { exact: true }));
      await page.getByRole('button', { name: '受付を開始する' }).click();
      await page.getByRole('dialog', { name: 'この調査の受付を開始しますか' }).getByRole('button', { name: '受付を開始する' }).click();
      await expectVisible(page.getByRole('status').filter({ hasText: '受付を開始しました。' }));
      await expectVisible(page.getByText('受付中', { exact: true }));
      await expectAccessible(page, 'status-round-secretariat');
      await page.getByRole('link', { name: '調査を編集' }).click();
      await expectVisible(page.getByRole('heading', { level: 1, name: '調査を編集' }));
      await expectVisible(page.getByText('受付中の調査です。変更できるのは調査名・提出期限・お知らせのみです。'));
      expect(await page.getByLabel('開始日').isDisabled()).toBe(true);
      await expectAccessible(page, 'status-round-edit');
      await page.getByRole('button', { name: '保存する' }).click();
      await expectVisible(page.getByRole('heading', { level: 1, name: title }));

      // In English, the list and the round read in English.
      await page.getByRole('group', { name: '表示言語' }).getByRole('button', { name: 'English' }).click();
      await expectVisible(page.getByRole('navigation', { name: 'Round views' }));
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Status reports' }).click();
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Development status reports' }));
      await expectVisible(page.getByRole('link', { name: title }));
      await expectAccessible(page, 'status-list-en');
      // The menu, with its new entry, still on one row at 1280 px.
      const menuRows = await page.evaluate(
        () => new Set([...document.querySelectorAll('.main-nav__link')].map((a) => Math.round(a.getBoundingClientRect().top))).size,
      );
      expect(menuRows).toBe(1);
    },
    E2E_TEST_TIMEOUT,
  );
});
