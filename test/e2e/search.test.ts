/**
 * Search everywhere in the browser (issue 20). A vendor searches from the header with the keyboard alone: "/"
 * comes to the box; a Japanese IME conversion in progress asks for nothing and its Enter submits nothing, however
 * long it stays open; the confirmed word is suggested, and ArrowDown + Enter opens the suggestion. Enter with no
 * suggestion chosen opens the results page, grouped by kind with the matches marked; a kind filter narrows it (in
 * the address); axe finds nothing there. The new-issue form shows similar issues as a title is typed, and the old
 * /threads/search address leads to the one search. The words are the demo seed's (server/seed/demoContent.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_TEST_TIMEOUT, expectAccessible, expectVisible, screenshot, screenshotSizes, useBrowserSuite } from '../support/browser';

const suite = useBrowserSuite();

/** Every search request the page makes, as path and decoded query. */
function recordSearches(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/search')) asked.push(decodeURIComponent(`${url.pathname}${url.search}`));
  });
  return asked;
}

const isFocused = (page: Page, role: 'combobox' | 'textbox', name: string) =>
  page.getByRole(role, { name }).evaluate((el) => el === document.activeElement);

describe('search everywhere in the browser', () => {
  it(
    'from the header with the keyboard alone: a conversion in progress asks and submits nothing; a suggestion opens; Enter shows grouped results',
    async (test) => {
      const { page } = await suite.person(test, 'dev@demo.example', '/threads');
      // Timers run only when the test moves the clock, so "nothing was asked" is not a matter of waiting long enough.
      await page.clock.install();
      await page.reload();
      await expectVisible(page.getByRole('heading', { level: 1, name: 'スレッド' }));
      const asked = recordSearches(page);
      const box = page.getByRole('search', { name: 'サイト内検索' }).getByRole('combobox', { name: '検索' });

      // "/" from anywhere outside a field comes to the box, and is not typed into it.
      await page.keyboard.press('/');
      await expect.poll(() => isFocused(page, 'combobox', '検索')).toBe(true);
      expect(await box.inputValue()).toBe('');

      // A conversion in progress: far past the pause, nothing asked; its Enter confirms a word, not a search.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'ぜんたい', selectionStart: 4, selectionEnd: 4 });
      await cdp.send('Input.imeSetComposition', { text: 'ぜんたいかいぎ', selectionStart: 7, selectionEnd: 7 });
      await expect.poll(() => box.inputValue()).toBe('ぜんたいかいぎ');
      await page.clock.runFor(2_000);
      await page.keyboard.press('Enter');
      await page.clock.runFor(2_000);
      // (A search would have emptied the box as it left for the results page.)
      expect(await box.inputValue()).toBe('ぜんたいかいぎ');
      expect(new URL(page.url()).pathname).toBe('/threads');
      expect(asked).toEqual([]);
      expect(await box.getAttribute('aria-expanded')).toBe('false');

      // Confirmed: the word is asked for once typing pauses, and the meeting is suggested with the word marked.
      await cdp.send('Input.insertText', { text: '全体会議' });
      await expect.poll(() => box.inputValue()).toBe('全体会議');
      await page.clock.runFor(500);
      await page.clock.resume();
      const suggestions = page.getByRole('listbox', { name: '検索候補' });
      const meeting = suggestions.getByRole('option', { name: /第7回 全体会議/ });
      await expectVisible(meeting);
      // Exactly the confirmed word was asked: a request for the kana, made before it, would be here too.
      expect(asked).toEqual(['/api/search/suggest?q=全体会議']);
      expect(await box.getAttribute('aria-expanded')).toBe('true');
      expect(await meeting.locator('mark').innerText()).toBe('全体会議');
      expect(await meeting.innerText()).toContain('会議');
      await expectAccessible(page, 'header-search-suggestions');
      await screenshot(page, 'search-suggestions');

      // Escape closes the suggestions and keeps the text; ArrowDown opens them again on the first, Enter opens it.
      await page.keyboard.press('Escape');
      await expect.poll(() => box.getAttribute('aria-expanded')).toBe('false');
      expect(await isFocused(page, 'combobox', '検索')).toBe(true);
      expect(await box.inputValue()).toBe('全体会議');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => meeting.getAttribute('aria-selected')).toBe('true');
      expect(await box.getAttribute('aria-activedescendant')).toBe(await meeting.getAttribute('id'));
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => /^\/meetings\/[0-9a-f]{24}$/.test(url.pathname));
      await expectVisible(page.getByRole('heading', { level: 1, name: '第7回 全体会議' }));
      expect(await box.inputValue()).toBe('');

      // Again from the meeting page, a word only a message's body holds: no title suggested (quietly), and Enter
      // with no suggestion chosen opens the results page.
      await page.keyboard.press('/');
      await expect.poll(() => isFocused(page, 'combobox', '検索')).toBe(true);
      const answered = page.waitForResponse((response) =>
        decodeURIComponent(response.url()).endsWith('/api/search/suggest?q=文字情報基盤'),
      );
      await page.keyboard.type('文字情報基盤');
      expect((await answered).status()).toBe(200);
      await expect.poll(() => box.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === '文字情報基盤');
      await expectVisible(page.getByRole('heading', { level: 1, name: '「文字情報基盤」の検索結果' }));

      // The thread's first message holds the word: in the threads group, the word marked in its snippet.
      const results = page.getByRole('region', { name: '検索結果' });
      const threads = results.getByRole('region', { name: /^スレッドとメッセージ/ });
      await expectVisible(threads);
      const hit = threads.getByRole('listitem').filter({ hasText: '住民記録システムの文字コード移行' });
      await expectVisible(hit);
      expect(await hit.locator('mark').allInnerTexts()).toContain('文字情報基盤');
      expect(await hit.getByRole('link').first().getAttribute('href')).toMatch(/^\/threads\/[0-9a-f]{24}/);
      await expectAccessible(page, 'search-results');
      await screenshotSizes(page, 'search-results');
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'the results page: grouped by kind in the groups’ order, a kind filter kept in the address, nothing found explained',
    async (test) => {
      const { page } = await suite.person(test, 'dev@demo.example', `/search?q=${encodeURIComponent('国民年金')}`);
      await expectVisible(page.getByRole('heading', { level: 1, name: '「国民年金」の検索結果' }));
      const results = page.getByRole('region', { name: '検索結果' });
      const groups = results.getByRole('heading', { level: 2 });
      await expectVisible(groups.first());
      // The register's issue and the consultation meeting (a development vendor is invited), issues first.
      const names = (await groups.allInnerTexts()).map((name) => name.replace(/\s*\d+件$/, ''));
      expect(names.indexOf('課題・コメント・公式回答')).toBeGreaterThanOrEqual(0);
      expect(names.indexOf('会議と議題')).toBeGreaterThan(names.indexOf('課題・コメント・公式回答'));
      const issues = results.getByRole('region', { name: /^課題・コメント・公式回答/ });
      await expectVisible(issues.getByRole('link', { name: '国民年金の標準仕様書における資格喪失日の記載が曖昧' }));
      expect(await issues.locator('mark').first().innerText()).toBe('国民年金');
      await expectAccessible(page, 'search-results-two-groups');

      // Only meetings: the address says so, and the issues' group is gone.
      // (The box is the address's: it shows checked once the address has changed.)
      const meetingsOnly = page.getByRole('checkbox', { name: '会議', exact: true });
      await meetingsOnly.focus();
      await page.keyboard.press('Space');
      await expect.poll(() => new URL(page.url()).searchParams.get('kinds')).toBe('meeting');
      await expect.poll(() => meetingsOnly.isChecked()).toBe(true);
      await expectVisible(results.getByRole('link', { name: '第4回 課題協議会議（国民年金）' }));
      await expect.poll(() => results.getByRole('region', { name: /^課題・コメント・公式回答/ }).count()).toBe(0);
      expect((await results.getByRole('heading', { level: 2 }).allInnerTexts()).map((name) => name.replace(/\s*\d+件$/, ''))).toEqual([
        '会議と議題',
      ]);
      await expectAccessible(page, 'search-results-filtered');

      // A word nobody wrote: said so, with the tips.
      const field = page.getByRole('searchbox', { name: '検索するキーワード' });
      await field.fill('存在しない言葉ずずず');
      await field.press('Enter');
      await expectVisible(page.getByText('「存在しない言葉ずずず」に一致する結果はありません。'));
      await expectVisible(page.getByRole('heading', { level: 2, name: '検索のヒント' }));
      expect(new URL(page.url()).searchParams.get('kinds')).toBe('meeting');
      await expectAccessible(page, 'search-results-none');

      // The old thread search's address leads here, threads and messages chosen.
      await page.goto(`/threads/search?q=${encodeURIComponent('文字')}`);
      await page.waitForURL((url) => url.pathname === '/search');
      const url = new URL(page.url());
      expect([url.searchParams.get('q'), url.searchParams.get('kinds')]).toEqual(['文字', 'thread,message']);
      expect(await page.getByRole('checkbox', { name: 'スレッド', exact: true }).isChecked()).toBe(true);
      expect(await page.getByRole('checkbox', { name: 'メッセージ', exact: true }).isChecked()).toBe(true);
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'a new issue’s title shows the similar issues as it is typed, once the conversion is confirmed',
    async (test) => {
      const { page } = await suite.person(test, 'dev2@demo.example', '/register/new');
      await page.clock.install();
      await page.reload();
      await expectVisible(page.getByRole('heading', { level: 1, name: '課題を登録' }));
      const asked = recordSearches(page);
      await page.getByRole('textbox', { name: /^件名/ }).focus();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'しかくそうしつび', selectionStart: 8, selectionEnd: 8 });
      await page.clock.runFor(2_000);
      expect(asked).toEqual([]);
      await cdp.send('Input.insertText', { text: '資格喪失日' });
      await page.clock.runFor(1_000);
      await page.clock.resume();
      const hints = page.getByText('似た課題があります');
      await expectVisible(hints);
      const similar = page.getByRole('link', { name: /国民年金の標準仕様書における資格喪失日の記載が曖昧/ });
      await expectVisible(similar);
      // Exactly the confirmed title was asked: a request for the kana, made before it, would be here too.
      expect(asked).toEqual(['/api/search/similar?title=資格喪失日&kind=issue']);
      await expectAccessible(page, 'new-issue-similar');
      await screenshot(page, 'new-issue-similar');
    },
    E2E_TEST_TIMEOUT,
  );
});
