/**
 * Browser scenario: お知らせ with per-organisation confirmation. The secretariat writes an
 * announcement for the development vendors in the editor and publishes it; a vendor member who is
 * reading threads sees the banner appear without a reload; a colleague in the same company opens it
 * from the banner and confirms 「組織として確認しました」; the first one's banner goes live, and the
 * announcement tells them who confirmed. The secretariat attaches a PDF in the editor; the colleague
 * previews and downloads it. The secretariat's tracker counts it. axe on the list, the announcement
 * and the tracker.
 */
import { describe, expect, it } from 'vitest';
import type { AnnouncementList } from '../../shared/schemas/announcements';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshot, screenshotSizes, useBrowserSuite } from '../support/browser';

const suite = useBrowserSuite();
const MATERIAL = '標準仕様書_改定概要.pdf';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('announcements in the browser', () => {
  it(
    'the secretariat publishes; a vendor sees the banner live; a colleague confirms for the company and the banner goes for both',
    async (test) => {
      const title = '標準仕様書（第5.0版）の公開について';
      // A vendor member is reading threads: nothing to confirm yet.
      const member = await suite.person(test, 'dev@demo.example', '/threads');
      const m = member.page;
      const banner = m.getByRole('region', { name: '確認が必要なお知らせ' });
      await expectVisible(m.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'お知らせ' }));
      expect(await banner.count()).toBe(0);

      // The secretariat writes it in the editor (IME-safe form) and publishes it.
      const secretariat = await suite.person(test, 'secretariat@demo.example', '/announcements');
      const s = secretariat.page;
      await s.getByRole('link', { name: 'お知らせを作成' }).click();
      await expectVisible(s.getByRole('heading', { level: 1, name: 'お知らせを作成' }));
      await s.getByLabel('件名').fill(title);
      await s.getByRole('textbox', { name: '本文' }).fill('## 概要\n\n標準仕様書の第5.0版を公開しました。**各社で内容をご確認ください。**');
      await s.getByRole('radio', { name: '重要' }).check();
      expect(await s.getByRole('checkbox', { name: /各組織に確認を依頼する/ }).isChecked()).toBe(true);
      await s.getByLabel('確認期限').fill('2027-01-29T17:00');
      await s.getByRole('radio', { name: '開発事業者' }).check();
      // A PDF goes with it: picked in the editor, uploaded at once.
      await s.locator('.attachment-picker input[type="file"]').setInputFiles({ name: MATERIAL, mimeType: 'application/pdf', buffer: PDF });
      const picked = s.getByRole('list', { name: '添付ファイル' }).getByRole('listitem').filter({ hasText: MATERIAL });
      await expectVisible(picked.getByText('アップロード済み'));
      await expectAccessible(s, 'announcement-editor');
      await screenshot(s, 'announcement-editor');
      await s.getByRole('button', { name: '下書きとして保存' }).click();
      await expectVisible(s.getByRole('heading', { level: 1, name: title }));
      await expectVisible(s.getByText('下書き', { exact: true }));
      await s.getByRole('button', { name: '公開する' }).click();
      await s.getByRole('dialog', { name: 'このお知らせを公開しますか' }).getByRole('button', { name: '公開する' }).click();
      await expectVisible(s.getByRole('status').filter({ hasText: '公開しました。' }));
      await expectAccessible(s, 'announcement-secretariat');

      // The member's banner appears without a reload, with the announcement's link.
      await expectVisible(banner);
      await expectVisible(banner.getByRole('link', { name: title }));
      expect(await banner.innerText()).toContain('重要');
      await screenshot(m, 'announcement-banner');

      // A colleague in the same company opens it from the banner and confirms for the company.
      const colleague = await suite.person(test, 'dev-admin@demo.example', '/threads');
      const c = colleague.page;
      await c.getByRole('region', { name: '確認が必要なお知らせ' }).getByRole('link', { name: title }).click();
      await expectVisible(c.getByRole('heading', { level: 1, name: title }));
      await expectVisible(c.getByRole('heading', { name: '概要' }));
      // The PDF is theirs to preview and download.
      const files = c.getByRole('region', { name: '添付ファイル' });
      await expectVisible(files.getByRole('button', { name: `「${MATERIAL}」をプレビュー` }));
      const download = files.getByRole('link', { name: `「${MATERIAL}」をダウンロード` });
      const downloaded = await c.request.get(new URL((await download.getAttribute('href'))!, c.url()).href);
      expect(downloaded.status()).toBe(200);
      expect(Buffer.from(await downloaded.body()).equals(PDF)).toBe(true);
      await c.getByRole('button', { name: '組織として確認しました' }).click();
      await expectVisible(c.getByRole('heading', { name: '組織として確認済みです' }));
      expect(await c.getByRole('region', { name: '確認が必要なお知らせ' }).count()).toBe(0);

      // The first member's banner goes live too; the announcement says who confirmed.
      await banner.waitFor({ state: 'detached' });
      await m.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'お知らせ' }).click();
      await expectVisible(m.getByRole('heading', { level: 1, name: 'お知らせ一覧' }));
      const item = m.getByRole('listitem').filter({ has: m.getByRole('link', { name: title }) });
      await expectVisible(item.getByText('確認済み'));
      await expectAccessible(m, 'announcement-list');
      await item.getByRole('link', { name: title }).click();
      const confirmed = m.getByRole('region', { name: '組織として確認済みです' });
      await expectVisible(confirmed);
      expect(await confirmed.innerText()).toContain('佐藤 健一');
      expect(await m.getByRole('button', { name: '組織として確認しました' }).count()).toBe(0);
      await expectAccessible(m, 'announcement-detail');
      await screenshotSizes(m, 'announcement-detail');

      // The secretariat's tracker counts it: 1 of the development vendors, by 佐藤 健一.
      const api = await suite.server.api('secretariat@demo.example');
      const listed = (await api.get<AnnouncementList>('/api/announcements')).body.announcements.find((a) => a.title === title)!;
      expect(listed.counts?.confirmed).toBe(1);
      await s.getByRole('link', { name: '確認状況を見る' }).click();
      await expectVisible(s.getByRole('heading', { level: 1, name: '確認状況' }));
      const confirmedCount = s.locator('.tracker-counts__item--confirmed dd');
      await expect.poll(() => confirmedCount.innerText(), { timeout: 15_000 }).toBe('1');
      await s.getByRole('combobox', { name: '確認状況', exact: true }).selectOption('confirmed');
      const rows = s.getByRole('table', { name: '対象組織の確認状況' }).getByRole('row');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
      expect(await rows.nth(1).innerText()).toContain('佐藤 健一');
      await expectVisible(s.getByRole('button', { name: 'Excel（.xlsx）で出力' }));
      await expectVisible(s.getByRole('button', { name: '未確認の組織に督促する' }));
      await expectAccessible(s, 'announcement-tracker');
      await screenshotSizes(s, 'announcement-tracker');

      // In English, and the menu with its new entry still on one row at 1280 px.
      await s.setViewportSize({ width: 1280, height: 900 });
      await s.getByRole('group', { name: '表示言語' }).getByRole('button', { name: 'English' }).click();
      await expectVisible(s.getByRole('heading', { level: 1, name: 'Confirmations' }));
      const menuRows = await s.evaluate(
        () => new Set([...document.querySelectorAll('.main-nav__link')].map((a) => Math.round(a.getBoundingClientRect().top))).size,
      );
      expect(menuRows).toBe(1);
      await screenshot(s, 'announcement-tracker-en');
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'the editor names organisations one by one and refuses an empty choice beside the field',
    async (test) => {
      const { page: s } = await suite.person(test, 'secretariat@demo.example', '/announcements/new');
      await expectVisible(s.getByRole('heading', { level: 1, name: 'お知らせを作成' }));
      await s.getByLabel('件名').fill('個別のお知らせ');
      await s.getByRole('textbox', { name: '本文' }).fill('対象の組織にのみお知らせします。');
      await s.getByRole('radio', { name: '指定した組織' }).check();
      await s.getByRole('button', { name: '下書きとして保存' }).click();
      await expectVisible(s.getByText('組織を1つ以上選んでください。'));
      const pick = s.getByRole('combobox', { name: '組織を追加' });
      await pick.selectOption({ label: '厚生労働省' });
      await s.getByRole('button', { name: '追加' }).click();
      await expectVisible(s.getByRole('button', { name: '厚生労働省を外す' }));
      await expectVisible(s.getByText('1組織を指定しています。'));
      await s.getByRole('button', { name: '下書きとして保存' }).click();
      await expectVisible(s.getByRole('heading', { level: 1, name: '個別のお知らせ' }));
      const audience = s.locator('.facts__row').filter({ hasText: '対象' });
      expect(await audience.innerText()).toContain('厚生労働省');
    },
    E2E_TEST_TIMEOUT,
  );
});
