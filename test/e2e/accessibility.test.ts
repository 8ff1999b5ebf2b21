/**
 * Accessibility in the browser: axe-core (WCAG 2.1 A and AA, colour contrast included) on every
 * main page, as the secretariat, a vendor, an observer and in English; every control reachable with
 * Tab and showing focus; and a message written and sent with the keyboard alone.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  E2E_TEST_TIMEOUT,
  expectKeyboardReachable,
  navigateInApp,
  expectVisible,
  screenshot,
  seriousAxeViolations,
  useBrowserSuite,
} from '../support/browser';

const suite = useBrowserSuite();

interface Fixtures {
  councilThread: string;
  answeredIssue: string;
  plenary: string;
  consultation: string;
  vendorOrg: string;
}
let ids: Fixtures;

beforeAll(async () => {
  const api = await suite.server.api('secretariat@demo.example');
  const { threads } = (await api.get<{ threads: { id: string; visibility: string }[] }>('/api/threads')).body;
  const { issues } = (await api.get<{ issues: { id: string; status: string; answerCount: number }[] }>('/api/issues')).body;
  const { meetings } = (await api.get<{ meetings: { id: string; kind: string }[] }>('/api/meetings')).body;
  const plenary = meetings.find((m) => m.kind === 'plenary')!.id;
  // The live room exists while the meeting is live; a question makes its queue show its buttons.
  await api.post(`/api/meetings/${plenary}/status`, { to: 'live' });
  const dev = await suite.server.api('dev@demo.example');
  const me = (await dev.get<{ organization: { id: string } }>('/api/me')).body;
  ids = {
    councilThread: threads.find((t) => t.visibility === 'council')!.id,
    answeredIssue: issues.find((i) => i.answerCount > 0)!.id,
    plenary,
    consultation: meetings.find((m) => m.kind !== 'plenary')!.id,
    vendorOrg: me.organization.id,
  };
});

/** The main pages, with what shows each has loaded. */
const mainPages = (): { path: string; ready: (page: Page) => ReturnType<Page['getByRole']> }[] => [
  { path: '/threads', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { path: `/threads/${ids.councilThread}`, ready: (p) => p.getByRole('region', { name: /メッセージ一覧|Messages/ }).getByRole('article') },
  { path: '/threads/new', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { path: '/search?q=文字', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { path: '/register', ready: (p) => p.getByRole('table') },
  { path: `/register/${ids.answeredIssue}`, ready: (p) => p.getByRole('heading', { level: 2, name: /公式回答|Official answers/ }) },
  { path: '/register/new', ready: (p) => p.getByRole('heading', { level: 1 }) },
  // Ready once the lazily loaded charts are there, with their table fallbacks (「表で見る」).
  { path: '/register/dashboard', ready: (p) => p.locator('summary').filter({ hasText: '表で見る' }).last() },
  { path: '/meetings', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { path: `/meetings/${ids.consultation}`, ready: (p) => p.getByRole('heading', { level: 1 }) },
  { path: `/meetings/${ids.plenary}/room`, ready: (p) => p.getByRole('region', { name: /チャットの発言|Chat messages/ }) },
  { path: '/organizations', ready: (p) => p.getByRole('table') },
  { path: `/organizations/${ids.vendorOrg}`, ready: (p) => p.getByRole('heading', { level: 1 }) },
  { path: '/profile', ready: (p) => p.getByRole('heading', { level: 1 }) },
];

/** Visit each page and collect axe's serious and critical findings, page by page. */
async function auditPages(
  page: Page,
  paths: { path: string; ready: (page: Page) => ReturnType<Page['getByRole']> }[],
): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const { path, ready } of paths) {
    await navigateInApp(page, path);
    await expectVisible(ready(page));
    await page.locator('.loading-state').first().waitFor({ state: 'detached' });
    const violations = await seriousAxeViolations(page);
    if (violations.length) found[path] = violations;
  }
  return found;
}

describe.concurrent('accessibility', () => {
  it(
    'the sign-in page has no serious violations and works from the keyboard',
    async (test) => {
      const { expect } = test;
      const { page } = await suite.anonymous(test, '/login');
      await expectVisible(page.getByRole('heading', { level: 1, name: 'ログイン' }));
      expect(await seriousAxeViolations(page)).toEqual([]);
      await expectKeyboardReachable(page, 'login');
      // Sign in with the keyboard alone.
      await page.getByLabel('メールアドレス').focus();
      await page.keyboard.type('support@demo.example');
      await page.keyboard.press('Tab');
      await page.keyboard.type('council-demo');
      await page.keyboard.press('Enter');
      await expectVisible(page.getByRole('heading', { level: 1, name: 'スレッド' }));
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'every main page, as the secretariat, has no serious violations',
    async (test) => {
      const { expect } = test;
      const { page } = await suite.person(test, 'secretariat@demo.example', '/threads');
      const found = await auditPages(page, [...mainPages(), { path: '/accounts', ready: (p) => p.getByRole('heading', { level: 1 }) }]);
      expect(found).toEqual({});
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'the pages a vendor writes on, and the main pages in English, have no serious violations',
    async (test) => {
      const { expect } = test;
      const { page } = await suite.person(test, 'dev@demo.example', '/threads');
      const writing = mainPages().filter((p) => /^\/(threads|register)\/|\/room$/.test(p.path) && !p.path.includes('search'));
      expect(await auditPages(page, writing)).toEqual({});
      await page.getByRole('banner').getByRole('group', { name: '表示言語' }).getByRole('button', { name: 'English' }).click();
      await expectVisible(page.getByRole('navigation', { name: 'Main menu' }));
      const english = mainPages().filter((p) => !/\/new$|search|dashboard|profile|organizations\//.test(p.path));
      expect(await auditPages(page, english)).toEqual({});
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'the pages an observer reads have no serious violations',
    async (test) => {
      const { expect } = test;
      const { page } = await suite.person(test, 'mhlw@demo.example', '/threads');
      const paths = mainPages().filter((p) => /^\/(threads|register)\/[0-9a-f]{24}$|\/room$/.test(p.path));
      expect(await auditPages(page, paths)).toEqual({});
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'every control of the main pages is reachable with Tab and shows focus',
    async (test) => {
      const { expect } = test;
      const { page } = await suite.person(test, 'dev@demo.example', '/threads');
      const failures: string[] = [];
      for (const { path, ready } of mainPages()) {
        await navigateInApp(page, path);
        await expectVisible(ready(page));
        try {
          await expectKeyboardReachable(page, path);
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
      expect(failures).toEqual([]);
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'the skip link leads to the content, and a message is written and sent with the keyboard alone',
    async (test) => {
      const { expect } = test;
      const { page } = await suite.person(test, 'dev2@demo.example', `/threads/${ids.councilThread}`);
      await expectVisible(page.getByRole('region', { name: 'メッセージ一覧' }).getByRole('article'));
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: '本文へ移動' });
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      const box = await skip.boundingBox();
      expect(box && box.width > 1 && box.height > 1 && box.y >= 0, 'the skip link shows when focused').toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main-content');

      // Tab from the content to the composer; no mouse anywhere.
      const composer = page.getByRole('textbox', { name: 'メッセージを入力' });
      let presses = 0;
      while (!(await composer.evaluate((el) => el === document.activeElement)) && presses < 60) {
        await page.keyboard.press('Tab');
        presses++;
      }
      expect(await composer.evaluate((el) => el === document.activeElement), 'Tab reaches the composer').toBe(true);
      const text = `キーボードだけで送信します ${randomUUID().slice(0, 8)}`;
      await page.keyboard.type(text);
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.type('二行目です。');
      await page.keyboard.press('Enter');
      const sent = page
        .getByRole('region', { name: 'メッセージ一覧' })
        .locator('li:not(.message-item--pending)')
        .getByRole('article')
        .filter({ hasText: text });
      await expectVisible(sent);
      // Shift+Enter made a new line in the stored text (markdown shows a single one as a soft break).
      const stored = (
        await (
          await suite.server.api('dev2@demo.example')
        ).get<{ messages: { body: string }[] }>(`/api/threads/${ids.councilThread}/messages`)
      ).body;
      expect(stored.messages.map((m) => m.body)).toContain(`${text}\n二行目です。`);
      expect(await composer.inputValue()).toBe('');
      await screenshot(page, 'a11y-keyboard-send');
    },
    E2E_TEST_TIMEOUT,
  );
});
