/**
 * Browser scenario 4: the plenary's live room. The secretariat starts the meeting, three vendors
 * join, one asks a question, another backs it (+1), the secretariat takes it up, and an observer
 * raises a hand (挙手), is given the floor from the secretariat's queue and speaks; everyone is shown
 * with the badge of whom they speak for (府省 / 団体 / 事務局 / 開発 / 支援).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshot, screenshotSizes, useBrowserSuite } from '../support/browser';

const suite = useBrowserSuite();

const questions = (page: Page) => page.getByRole('region', { name: /^質問/ });
const chatLog = (page: Page) => page.getByRole('region', { name: 'チャットの発言' });
const presenceHeading = (page: Page) => page.getByRole('heading', { name: /^参加者/ });
const handQueue = (page: Page) => page.getByRole('region', { name: /^挙手（事務局）/ });
const presence = (page: Page) => page.getByRole('region', { name: /^参加者/ });
const announcement = (page: Page) => page.locator('.room-header [aria-live="polite"]');

describe('the live room in the browser', () => {
  it(
    '4: started by the secretariat; a question asked, backed and taken up; an observer raises a hand, is given the floor from the queue and speaks',
    async (test) => {
      const api = await suite.server.api('secretariat@demo.example');
      const { meetings } = (await api.get<{ meetings: { id: string; kind: string; title: string }[] }>('/api/meetings')).body;
      const plenary = meetings.find((m) => m.kind === 'plenary')!;

      const secretariat = await suite.person(test, 'secretariat@demo.example', `/meetings/${plenary.id}`);
      const s = secretariat.page;
      await expectVisible(s.getByRole('heading', { level: 1, name: plenary.title }));
      await s.getByRole('button', { name: '会議を開始' }).click();
      const dialog = s.getByRole('dialog', { name: '会議を開始しますか' });
      await dialog.getByRole('button', { name: '会議を開始' }).click();
      await expectVisible(s.getByRole('heading', { level: 1, name: `${plenary.title}（会議室）` }));
      expect(new URL(s.url()).pathname).toBe(`/meetings/${plenary.id}/room`);

      const [asker, backer, third] = await Promise.all(
        ['dev@demo.example', 'dev2@demo.example', 'support@demo.example'].map((email) =>
          suite.person(test, email, `/meetings/${plenary.id}/room`),
        ),
      );
      for (const each of [asker!, backer!, third!]) await expectVisible(each.page.getByRole('textbox', { name: '質問する' }));
      await expect.poll(() => presenceHeading(s).innerText()).toMatch(/4名・4組織/);

      const question = '改定版の公開時期の見込みを教えてください。';
      await asker!.page.getByRole('textbox', { name: '質問する' }).fill(question);
      await asker!.page.getByRole('button', { name: '質問を送る' }).click();

      const backed = questions(backer!.page).getByRole('listitem').filter({ hasText: question });
      await expectVisible(backed);
      await backed.getByRole('button', { name: `質問「${question}」に +1 する` }).click();
      await expectVisible(backed.getByRole('button', { name: `質問「${question}」への +1 を取り消す`, pressed: true }));

      const seen = questions(s).getByRole('listitem').filter({ hasText: question });
      await expect.poll(() => seen.innerText()).toContain('+1：1');
      await seen.getByRole('button', { name: '取り上げる' }).click();
      for (const page of [s, asker!.page, third!.page]) {
        await expect
          .poll(() => questions(page).getByRole('listitem').filter({ hasText: question }).getAttribute('aria-current'))
          .toBe('true');
      }
      await expect
        .poll(() => questions(third!.page).getByRole('listitem').filter({ hasText: question }).innerText())
        .toContain('取り上げ中');
      await screenshot(s, '4-question-taken-up');

      // Each asker is shown with whom they speak for.
      await expectVisible(seen.locator('.badge', { hasText: '開発' }));

      // The observer may not speak until given the floor: they raise a hand instead.
      const observer = await suite.person(test, 'mhlw@demo.example', `/meetings/${plenary.id}/room`);
      const o = observer.page;
      await expectVisible(o.getByText('発言するには事務局から発言権が付与される必要があります。'));
      expect(await o.getByRole('textbox', { name: 'メッセージ' }).count()).toBe(0);
      await expectVisible(handQueue(s).getByText('挙手している人はいません。'));
      await o.getByRole('button', { name: '挙手する' }).click();
      await expectVisible(o.getByRole('status').filter({ hasText: '挙手しています（1番目）' }));
      await expectVisible(o.getByRole('button', { name: '手を下ろす' }));

      // The secretariat sees the queue: who, for whom (府省), since when.
      const hand = handQueue(s).getByRole('listitem').filter({ hasText: '伊藤 直樹' });
      await expectVisible(hand);
      await expectVisible(hand.locator('.badge', { hasText: '府省' }));
      await expect.poll(() => hand.innerText()).toMatch(/厚生労働省[\s\S]*\d{1,2}:\d{2}に挙手/);
      // Everyone in the room sees the raised hand in the presence list (on the ministry's row, and beside the name).
      const ministryRow = presence(asker!.page).getByRole('button', { name: /厚生労働省/ });
      await expect.poll(() => ministryRow.innerText()).toContain('✋1');
      await expectVisible(ministryRow.locator('.badge', { hasText: '府省' }));
      await ministryRow.click();
      await expectVisible(presence(asker!.page).getByRole('listitem').filter({ hasText: '伊藤 直樹' }).getByText('挙手中'));
      await screenshotSizes(s, '4-hand-queue');
      await screenshotSizes(o, '4-hand-raised');
      await expectAccessible(o, 'live room (observer, hand raised)');
      await expectAccessible(s, 'live room (secretariat, a hand in the queue)');

      // Granting from the queue: the floor moves, the hand goes down, and the observer is told.
      await hand.getByRole('button', { name: '伊藤 直樹さんに発言権を付与' }).click();
      await expectVisible(o.getByText('事務局から発言権が付与されました。チャットと質問ができます。'));
      await expect.poll(() => announcement(o).textContent()).toBe('挙手が受け付けられ、発言権が付与されました。チャットと質問ができます。');
      await expectVisible(handQueue(s).getByText('挙手している人はいません。'));
      await expect.poll(() => ministryRow.innerText()).not.toContain('✋');
      expect(await o.getByRole('button', { name: '挙手する' }).count()).toBe(0);

      const remark = '厚生労働省です。改定案は来月公開する予定です。';
      await o.getByRole('textbox', { name: 'メッセージ' }).fill(remark);
      await o.getByRole('textbox', { name: 'メッセージ' }).press('Enter');
      for (const page of [s, asker!.page, backer!.page, third!.page]) await expectVisible(chatLog(page).getByText(remark));
      // The remark is shown with the speaker's badge.
      await expectVisible(chatLog(asker!.page).getByRole('listitem').filter({ hasText: remark }).locator('.badge', { hasText: '府省' }));
      await screenshot(asker!.page, '4-live-room');
      await expectAccessible(asker!.page, 'live room (participant)');
      await expectAccessible(s, 'live room (secretariat)');
    },
    E2E_TEST_TIMEOUT,
  );
});
