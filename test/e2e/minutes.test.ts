/**
 * Browser scenario: the minutes of a plenary, from the end of the meeting to the printed page. A
 * vendor attends the live room and another organisation answered that it attends; the secretariat
 * ends the meeting, finds both proposed as 出席者 in the minutes editor, takes one off and adds a
 * ministry, writes and publishes; another vendor finds the minutes in the archive (会議 › 議事録),
 * opens them with their 出席者, and prints them: no menu, language switch or buttons on paper.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../shared/schemas/meetings';
import type { Me } from '../../shared/schemas/users';
import {
  E2E_TEST_TIMEOUT,
  expectAccessible,
  expectVisible,
  screenshot,
  screenshotSizes,
  SCREENSHOT_DIR,
  useBrowserSuite,
} from '../support/browser';

const suite = useBrowserSuite();

describe('minutes in the browser', () => {
  it(
    'the secretariat ends a meeting, edits its 出席者 and publishes; a vendor finds the minutes in the archive and prints them',
    async (test) => {
      const api = await suite.server.api('secretariat@demo.example');
      const orgOf = async (email: string) => (await (await suite.server.api(email)).get<Me>('/api/me')).body.organization;
      const devOrg = await orgOf('dev@demo.example');
      const supportOrg = await orgOf('support@demo.example');
      const mhlwOrg = await orgOf('mhlw@demo.example');
      const supportApi = await suite.server.api('support@demo.example');

      const title = '第9回 全体会議（議事録の確認）';
      const created = await api.post<Meeting>('/api/meetings', {
        kind: 'plenary',
        title,
        startsAt: '2027-02-04T14:00:00+09:00',
        endsAt: '2027-02-04T16:00:00+09:00',
        agenda: [{ title: '標準仕様書の改定案', minutes: 40 }],
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      for (const to of ['scheduled', 'live']) expect((await api.post(`/api/meetings/${id}/status`, { to })).status).toBe(200);
      // The support vendor answered that it attends online; the development vendor joins the live room.
      expect((await supportApi.put(`/api/meetings/${id}/rsvp`, { response: 'online' })).status).toBe(200);
      const attendee = await suite.person(test, 'dev@demo.example', `/meetings/${id}/room`);
      await expectVisible(attendee.page.getByRole('textbox', { name: '質問する' }));

      // The secretariat ends the meeting and opens the minutes editor.
      const secretariat = await suite.person(test, 'secretariat@demo.example', `/meetings/${id}`);
      const s = secretariat.page;
      await s.getByRole('button', { name: '会議を終了' }).click();
      await s.getByRole('dialog', { name: '会議を終了しますか' }).getByRole('button', { name: '会議を終了' }).click();
      await s.getByRole('link', { name: '議事録を作成' }).first().click();
      await expectVisible(s.getByRole('heading', { level: 1, name: '議事録' }));

      // 出席者: proposed from the room and the RSVPs, each saying why.
      const attendees = s.getByRole('region', { name: '出席者' });
      const devBox = attendees.getByRole('checkbox', { name: devOrg.nameJa });
      const supportBox = attendees.getByRole('checkbox', { name: supportOrg.nameJa });
      await expectVisible(devBox);
      expect(await devBox.isChecked()).toBe(true);
      expect(await supportBox.isChecked()).toBe(true);
      const candidate = (name: string) => attendees.getByRole('group').locator('label').filter({ hasText: name });
      expect(await candidate(devOrg.nameJa).innerText()).toContain('会議室に参加');
      expect(await candidate(supportOrg.nameJa).innerText()).toContain('参加と回答');
      // The support vendor did not come after all; the ministry attended in person.
      await supportBox.uncheck();
      await attendees.getByLabel('組織を追加').selectOption(mhlwOrg.id);
      await attendees.getByRole('button', { name: '追加' }).click();
      expect(await attendees.getByRole('checkbox', { name: mhlwOrg.nameJa }).isChecked()).toBe(true);
      await expectVisible(attendees.getByText('2組織を記載します。'));

      // The item's summary and a decision about no issue: its effect is fixed to 記録のみ, shown as chosen.
      await s.getByLabel('概要').fill('改定案の構成について意見交換を行った。');
      await s.getByRole('button', { name: '決定事項を追加' }).click();
      await s.getByRole('textbox', { name: '内容' }).first().fill('改定案は次回会議で再度確認する。');
      const recordOnly = s.getByRole('radio', { name: '記録のみ' });
      expect(await recordOnly.isChecked()).toBe(true);
      expect(await recordOnly.isDisabled()).toBe(true);
      // axe leaves a disabled control's label out of its contrast check, so the chosen option is measured here.
      const chosen = await recordOnly.evaluate((input) => {
        const label = getComputedStyle(input.nextElementSibling!);
        return {
          color: label.color,
          background: label.backgroundColor,
          mark: getComputedStyle(input.nextElementSibling!, '::before').content,
        };
      });
      expect(
        contrast(chosen.color, chosen.background),
        `記録のみ (chosen, fixed): ${chosen.color} on ${chosen.background}`,
      ).toBeGreaterThanOrEqual(4.5);
      expect(chosen.mark).toBe('"✓"');
      await expectAccessible(s, 'minutes editor');
      await screenshotSizes(s, 'minutes-editor');

      await s.getByRole('button', { name: '保存', exact: true }).click();
      await expectVisible(s.getByText('保存しました。'));
      await s.getByRole('button', { name: '議事録を公開' }).click();
      await s.getByRole('dialog', { name: '議事録を公開しますか' }).getByRole('button', { name: '議事録を公開' }).click();
      await expectVisible(s.getByText('この議事録は公開済みです。公開後は編集できません。'));

      // Another vendor finds them in the archive, newest first.
      const reader = await suite.person(test, 'dev2@demo.example', '/meetings?tab=minutes');
      const r = reader.page;
      const archive = r.getByRole('list').filter({ has: r.getByRole('link', { name: title }) });
      await expectVisible(archive);
      expect(await r.getByRole('link', { name: '議事録', exact: true }).getAttribute('aria-current')).toBe('page');
      await expect.poll(() => archive.getByRole('listitem').first().innerText()).toContain(title);
      await expect.poll(() => archive.getByRole('listitem').first().innerText()).toContain('全体会議');
      await expectAccessible(r, 'minutes archive');
      await screenshotSizes(r, 'minutes-archive');

      // The minutes, with who was present.
      await archive.getByRole('link', { name: title }).click();
      await expectVisible(r.getByRole('heading', { level: 1, name: title }));
      const present = r.getByRole('region', { name: '出席者（2組織）' });
      await expectVisible(present);
      expect(await present.getByRole('listitem').allInnerTexts()).toEqual([devOrg.nameJa, mhlwOrg.nameJa]);
      await expectVisible(r.getByText('改定案は次回会議で再度確認する。'));
      await expectAccessible(r, 'minutes document');
      await screenshotSizes(r, 'minutes-document');

      // 印刷・PDF保存 is the browser's own print dialog.
      await r.evaluate(() => {
        window.print = () => document.body.setAttribute('data-printed', 'yes');
      });
      await r.getByRole('button', { name: '印刷・PDF保存' }).click();
      expect(await r.locator('body').getAttribute('data-printed')).toBe('yes');

      // On paper: the minutes alone — no menu, language switch, way back or button.
      await r.emulateMedia({ media: 'print' });
      for (const hidden of [
        r.getByRole('navigation', { name: 'メインメニュー' }),
        r.getByRole('group', { name: '表示言語' }),
        r.getByRole('button', { name: '印刷・PDF保存' }),
        r.getByRole('link', { name: `「${title}」に戻る` }),
      ]) {
        expect(await hidden.isVisible()).toBe(false);
      }
      expect(await r.getByRole('button').filter({ visible: true }).count()).toBe(0);
      await expectVisible(present);
      await screenshot(r, 'minutes-document-print');
      // The PDF the browser makes of it (A4, as the print stylesheet asks), kept beside the screenshots.
      await r.pdf({ path: path.join(SCREENSHOT_DIR, 'minutes-document.pdf'), preferCSSPageSize: true });
      await r.emulateMedia({ media: 'screen' });

      // The meeting page shows the published minutes with their 出席者 too.
      await r.getByRole('link', { name: `「${title}」に戻る` }).click();
      await expectVisible(r.getByRole('region', { name: '出席者（2組織）' }));
    },
    E2E_TEST_TIMEOUT,
  );
});

/** WCAG contrast of two computed `rgb(…)` colours (the background taken as opaque, white when transparent). */
function contrast(foreground: string, background: string): number {
  const channels = (css: string) => {
    const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
    return a === 0 ? [255, 255, 255] : [r, g, b];
  };
  const luminance = (css: string) => {
    const [r, g, b] = channels(css).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}
