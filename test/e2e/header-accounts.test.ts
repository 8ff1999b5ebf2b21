/**
 * Smaller layout and account facts (issue 21, item 15): the secretariat's header keeps its rows at
 * 1280 px (the menu on one) with its organisation's name whole; e-mail addresses on the accounts page break only
 * at the @, never mid-word; the profile's 前回のログイン is the sign-in before this one.
 */
import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  E2E_TEST_TIMEOUT,
  SCREENSHOT_SIZES,
  expectAccessible,
  expectVisible,
  navigateInApp,
  screenshot,
  useBrowserSuite,
} from '../support/browser';

const suite = useBrowserSuite();

/** How the header lays out: rows of the main menu, whether the tools share its row, what is cut. */
function headerLayout(page: Page) {
  return page.evaluate(() => {
    const top = (el: Element) => Math.round(el.getBoundingClientRect().top);
    const links = [...document.querySelectorAll('.main-nav__link')];
    const tools = document.querySelector('.site-header__tools')!;
    const brand = document.querySelector('.site-header__brand')!;
    const cut = [...document.querySelectorAll<HTMLElement>('.site-header *')]
      .filter(
        (el) => el.childElementCount === 0 && !el.closest('.visually-hidden') && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0,
      )
      .map((el) => el.textContent ?? '');
    const brandBox = brand.getBoundingClientRect();
    const toolsBox = tools.getBoundingClientRect();
    return {
      menuRows: new Set(links.map(top)).size,
      // The person and the language switch sit in the council name's row, the menu in a row of its own.
      toolsBesideBrand: toolsBox.top < brandBox.bottom && toolsBox.bottom > brandBox.top,
      cut,
    };
  });
}

describe.concurrent('header, accounts and profile', () => {
  it(
    'the secretariat’s header keeps its layout at 1280 px: the menu one row, its organisation’s name in full',
    async (test) => {
      const { expect } = test;
      const { page } = await suite.person(test, 'secretariat@demo.example', '/threads');
      await page.setViewportSize({ width: 1280, height: 800 });
      await expectVisible(page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '監査ログ' }));
      expect(await headerLayout(page)).toEqual({ menuRows: 1, toolsBesideBrand: true, cut: [] });
      await screenshot(page, 'header-secretariat-desktop');
      // English words are longer: it still fits.
      await page.getByRole('group', { name: '表示言語' }).getByRole('button', { name: 'English' }).click();
      await expectVisible(page.getByRole('navigation', { name: 'Main menu' }));
      expect(await headerLayout(page)).toEqual({ menuRows: 1, toolsBesideBrand: true, cut: [] });
      await screenshot(page, 'header-secretariat-desktop-en');
      // On a phone the person, the language and the menu fold behind the menu button.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('button', { name: 'Menu' }).click();
      await expectVisible(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Audit log' }));
      await expectVisible(page.getByRole('button', { name: 'Sign out' }));
      await screenshot(page, 'header-secretariat-phone-menu-en');
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'e-mail addresses on the accounts page break only at the @',
    async (test) => {
      const { expect } = test;
      const api = await suite.server.api('secretariat@demo.example');
      // A vendor's accounts (the secretariat may use any domain there).
      const vendor = (await (await suite.server.api('dev@demo.example')).get<{ organization: { id: string } }>('/api/me')).body;
      // A long address, as real ones of government bodies are.
      const email = 'chihou-gyoumu-system-kiban-team.kanri-tantou@digital-agency-secretariat.demo.example';
      const created = await api.post(`/api/organizations/${vendor.organization.id}/users`, {
        email,
        displayName: '長いアドレスの人',
        role: 'member',
      });
      expect(created.status).toBe(201);
      const { page } = await suite.person(test, 'secretariat@demo.example', `/accounts?org=${vendor.organization.id}`);
      const cell = page.getByRole('cell', { name: email });
      await expectVisible(cell);
      for (const size of SCREENSHOT_SIZES) {
        await page.setViewportSize(size);
        // Each line of the address is a whole part of it: the local part, or the part from the @.
        const lines = await cell.evaluate((td) => {
          const range = document.createRange();
          const lines = new Map<number, string>();
          const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.textContent!.length; i++) {
              range.setStart(node, i);
              range.setEnd(node, i + 1);
              const top = Math.round(range.getBoundingClientRect().top);
              lines.set(top, (lines.get(top) ?? '') + node.textContent![i]);
            }
          }
          return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
        });
        const [local, domain] = email.split('@');
        expect([[email], [local, `@${domain}`]], `at ${size.width} px the address was laid out as ${JSON.stringify(lines)}`).toContainEqual(
          lines,
        );
        // The table scrolls inside its own region; the page itself never scrolls sideways.
        const sideways = await page.evaluate(() => {
          const root = document.documentElement;
          if (root.scrollWidth <= root.clientWidth) return [];
          return (
            [...document.querySelectorAll<HTMLElement>('body *')]
              // What is past the edge outside the table (the table scrolls in its own region), or positioned inside it.
              .filter(
                (el) =>
                  el.getBoundingClientRect().right > root.clientWidth + 1 &&
                  (!el.closest('.table-scroll') || getComputedStyle(el).position === 'absolute'),
              )
              .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`)
              .slice(0, 12)
          );
        });
        expect(sideways, `at ${size.width} px the page scrolls sideways`).toEqual([]);
        await screenshot(page, `accounts-email-${size.name}`);
      }
      await expectAccessible(page, 'accounts');
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'the profile’s 前回のログイン is the sign-in before this one',
    async (test) => {
      const { expect } = test;
      const email = 'dev-admin@demo.example';
      // An earlier sign-in (another browser), then this one.
      const earlier = await suite.server.api(email);
      const then = (await earlier.get<{ lastLoginAt: string }>('/api/me')).body.lastLoginAt;
      const { page } = await suite.person(test, email, '/threads');
      await navigateInApp(page, '/profile');
      const row = page.locator('.facts__row').filter({ has: page.getByRole('term').getByText('前回のログイン', { exact: true }) });
      await expectVisible(row);
      expect(await row.locator('time').getAttribute('datetime')).toBe(then);
      for (const size of SCREENSHOT_SIZES) {
        await page.setViewportSize(size);
        await screenshot(page, `profile-previous-login-${size.name}`);
      }
    },
    E2E_TEST_TIMEOUT,
  );
});
