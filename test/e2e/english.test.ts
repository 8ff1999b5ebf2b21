/**
 * English mode speaks English (issue 21, item 10): the main pages, walked in English, show no
 * Japanese outside what people wrote and what they are called; counts are singular where they are
 * one; the +1 buttons never break across lines.
 *
 * What is left out of the check, and why (keep this list honest):
 * - elements marked `data-user-content`: what people wrote (thread, issue and meeting titles,
 *   messages and other markdown, agendas, venues, file names) and people's names, shown as written;
 *   and the audit log's names and titles as they were recorded (the record is never rewritten);
 *   and an organisation's Japanese name where it is shown on purpose beside its English one (the
 *   secondary name, the official name on its page). An organisation's name in English mode is
 *   otherwise its English name and is checked.
 * - the language switch's 「日本語」: a language is offered in its own name.
 * - attributes (aria-label, title): several carry a person's name or a title inside a sentence; the
 *   visible text and the select options (which include every filter and form choice) are checked.
 */
import { beforeAll, describe, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  E2E_TEST_TIMEOUT,
  SCREENSHOT_SIZES,
  expectVisible,
  navigateInApp,
  screenshot,
  screenshotSizes,
  useBrowserSuite,
} from '../support/browser';

const suite = useBrowserSuite();

let ids: {
  councilThread: string;
  reasonIssue: string;
  plenary: string;
  consultation: string;
  ended: string;
  published: string;
  vendorOrg: string;
};

beforeAll(async () => {
  const api = await suite.server.api('secretariat@demo.example');
  const { threads } = (await api.get<{ threads: { id: string; visibility: string }[] }>('/api/threads')).body;
  const { issues } = (await api.get<{ issues: { id: string; specialReason: string | null }[] }>('/api/issues')).body;
  const { meetings } = (await api.get<{ meetings: { id: string; kind: string }[] }>('/api/meetings')).body;
  const plenary = meetings.find((m) => m.kind === 'plenary')!.id;
  await api.post(`/api/meetings/${plenary}/status`, { to: 'live' });
  // An ended meeting, for the minutes editor.
  const made = await api.post<{ id: string }>('/api/meetings', {
    kind: 'plenary',
    title: '英語表示の確認',
    startsAt: '2026-12-10T14:00:00+09:00',
    endsAt: '2026-12-10T15:00:00+09:00',
    agenda: [{ title: '議題', minutes: 30 }],
  });
  for (const to of ['scheduled', 'live', 'ended']) await api.post(`/api/meetings/${made.body.id}/status`, { to });
  const dev = await suite.server.api('dev@demo.example');
  // Published minutes (the archive and the minutes page), a vendor among their 出席者.
  const published = (
    await api.post<{ id: string; agenda: { id: string }[] }>('/api/meetings', {
      kind: 'plenary',
      title: '議事録を公開した会議',
      startsAt: '2027-03-04T14:00:00+09:00',
      endsAt: '2027-03-04T15:00:00+09:00',
      agenda: [{ title: '議題', minutes: 30 }],
    })
  ).body;
  for (const to of ['scheduled', 'live']) await api.post(`/api/meetings/${published.id}/status`, { to });
  await dev.put(`/api/meetings/${published.id}/rsvp`, { response: 'online' });
  await api.post(`/api/meetings/${published.id}/status`, { to: 'ended' });
  await api.put(`/api/meetings/${published.id}/minutes`, {
    items: [
      {
        agendaItemId: published.agenda[0]!.id,
        summary: '議論した。',
        decisions: [{ text: '継続して検討する。' }],
        actionItems: [{ text: '資料を作成', dueDate: '2027-04-01' }],
      },
    ],
  });
  await api.post(`/api/meetings/${published.id}/minutes/publish`);
  ids = {
    published: published.id,
    councilThread: threads.find((t) => t.visibility === 'council')!.id,
    reasonIssue: issues.find((i) => i.specialReason)!.id,
    plenary,
    consultation: meetings.find((m) => m.kind !== 'plenary')!.id,
    ended: made.body.id,
    vendorOrg: (await dev.get<{ organization: { id: string } }>('/api/me')).body.organization.id,
  };
});

/** Visible text (and select options) with Japanese in it, outside what the header comment exempts. */
function japaneseOnPage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const japanese = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/;
    const exempt = (el: Element) =>
      el.closest('[data-user-content]') !== null || (el.closest('.language-switch') !== null && el.textContent?.trim() === '日本語');
    // Folded text is text too: open every <details> before reading.
    for (const details of document.querySelectorAll('details')) details.open = true;
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || !japanese.test(text) || exempt(parent)) continue;
      if (parent.closest('script, style, template')) continue;
      const shown = parent.closest('option') !== null || parent.checkVisibility({ visibilityProperty: true });
      if (shown) found.add(`${parent.tagName.toLowerCase()}.${parent.className}: ${text.trim().slice(0, 80)}`);
    }
    return [...found];
  });
}

/** Plural slips: "1 people", "1 organisations" and the like. */
async function singularSlips(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  return [...text.matchAll(/\b1\s+(people|organisations|places|rows|entries|threads|messages|unread threads|issues|replies)\b/g)].map((m) =>
    m[0].replace(/\s+/g, ' '),
  );
}

/** Each line the element's text is laid out in. */
function linesOf(locator: Locator): Promise<string[]> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    const lines = new Map<number, string>();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.textContent!.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0) continue;
        const top = Math.round(rect.top);
        lines.set(top, (lines.get(top) ?? '') + node.textContent![i]);
      }
    }
    return [...lines.values()].map((line) => line.trim()).filter(Boolean);
  });
}

const PAGES = (): { path: string; ready: (p: Page) => Locator }[] => [
  { path: '/threads', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { path: `/threads/${ids.councilThread}`, ready: (p) => p.getByRole('region', { name: 'Messages' }).getByRole('article') },
  { path: '/threads/new', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { path: '/register', ready: (p) => p.getByRole('table') },
  { path: `/register/${ids.reasonIssue}`, ready: (p) => p.getByRole('heading', { level: 2, name: /Official answers/ }) },
  { path: '/register/new', ready: (p) => p.getByRole('heading', { level: 1 }) },
  {
    path: '/register/dashboard',
    ready: (p) =>
      p
        .locator('summary')
        .filter({ hasText: /table|表で見る/i })
        .last(),
  },
  { path: '/meetings', ready: (p) => p.getByRole('heading', { level: 1 }) },
  { path: `/meetings/${ids.consultation}`, ready: (p) => p.getByRole('heading', { level: 1 }) },
  { path: '/meetings?tab=minutes', ready: (p) => p.getByRole('heading', { level: 3 }) },
  { path: `/meetings/${ids.published}/minutes/view`, ready: (p) => p.getByRole('heading', { level: 2, name: /^Present/ }) },
  { path: `/meetings/${ids.plenary}/room`, ready: (p) => p.getByRole('region', { name: 'Chat messages' }) },
  { path: '/organizations', ready: (p) => p.getByRole('table') },
  { path: `/organizations/${ids.vendorOrg}`, ready: (p) => p.getByRole('heading', { level: 1 }) },
  { path: '/profile', ready: (p) => p.getByRole('heading', { level: 1 }) },
];

async function toEnglish(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('group', { name: '表示言語' }).getByRole('button', { name: 'English' }).click();
  await expectVisible(page.getByRole('navigation', { name: 'Main menu' }));
}

describe.concurrent('English mode', () => {
  it(
    'the main pages show no Japanese outside names and what people wrote',
    async (test) => {
      const { expect } = test;
      const { page } = await suite.person(test, 'dev@demo.example', '/threads');
      await toEnglish(page);
      const found: Record<string, string[]> = {};
      for (const { path, ready } of PAGES()) {
        await navigateInApp(page, path);
        await expectVisible(ready(page));
        await page.locator('.loading-state').first().waitFor({ state: 'detached' });
        const japanese = [...(await japaneseOnPage(page)), ...(await singularSlips(page))];
        if (japanese.length) found[path] = japanese;
      }
      // The secretariat's pages too.
      const secretariat = await suite.person(test, 'secretariat@demo.example', '/threads');
      await toEnglish(secretariat.page);
      const secretariatPaths = [
        `/register/${ids.reasonIssue}`,
        '/accounts',
        `/meetings/${ids.plenary}/room`,
        '/meetings/new',
        `/meetings/${ids.ended}/minutes`,
        '/audit',
        '/search?q=demo',
      ];
      for (const path of secretariatPaths) {
        await navigateInApp(secretariat.page, path);
        await expectVisible(secretariat.page.getByRole('heading', { level: 1 }));
        await secretariat.page.locator('.loading-state').first().waitFor({ state: 'detached' });
        const japanese = [...(await japaneseOnPage(secretariat.page)), ...(await singularSlips(secretariat.page))];
        if (japanese.length) found[`secretariat ${path}`] = japanese;
      }
      // And an observer's (a ministry's) view of the same pages.
      const ministry = await suite.person(test, 'mhlw@demo.example', '/threads');
      await toEnglish(ministry.page);
      for (const path of [
        '/threads',
        '/register',
        `/register/${ids.reasonIssue}`,
        '/meetings',
        `/meetings/${ids.consultation}`,
        '/organizations',
      ]) {
        await navigateInApp(ministry.page, path);
        await expectVisible(ministry.page.getByRole('heading', { level: 1 }));
        await ministry.page.locator('.loading-state').first().waitFor({ state: 'detached' });
        const japanese = [...(await japaneseOnPage(ministry.page)), ...(await singularSlips(ministry.page))];
        if (japanese.length) found[`ministry ${path}`] = japanese;
      }
      expect(found).toEqual({});
    },
    E2E_TEST_TIMEOUT,
  );

  it(
    'the special migration reasons are in English, and the +1 buttons stay on one line',
    async (test) => {
      const { expect } = test;
      const { page } = await suite.person(test, 'support@demo.example', `/register/${ids.reasonIssue}`);
      await toEnglish(page);
      const reason = page
        .locator('.facts__row')
        .filter({ has: page.getByRole('term').getByText('Special migration reason', { exact: true }) });
      await expectVisible(reason);
      expect(await reason.getByRole('definition').innerText()).toMatch(/^Reason 4\s+[A-Za-z]/);
      const support = page.getByRole('button', { name: /same issue/ });
      for (const size of SCREENSHOT_SIZES) {
        await page.setViewportSize(size);
        expect(await linesOf(support.locator('[aria-hidden="true"]')), `+1 at ${size.width} px`).toEqual(['+1']);
        await screenshot(page, `english-issue-${size.name}`);
      }
      // The form and the filter offer the reasons in English too.
      await navigateInApp(page, '/register/new');
      await expectVisible(page.getByRole('combobox', { name: /Special migration reason/ }));
      expect(
        await page
          .getByRole('combobox', { name: /Special migration reason/ })
          .locator('option')
          .allInnerTexts(),
      ).toContain('Reason 1: The current system runs on a mainframe');
      await screenshotSizes(page, 'english-new-issue');
      // At the desktop width, where the register is a table (phones get cards).
      await page.setViewportSize(SCREENSHOT_SIZES[0]);
      await navigateInApp(page, '/register');
      await expectVisible(page.getByRole('table'));
      await screenshotSizes(page, 'english-register');

      // The room's +1 beside a question, at a phone's width.
      await navigateInApp(page, `/meetings/${ids.plenary}/room`);
      await page.getByRole('textbox', { name: 'Ask a question' }).fill('When will the revised version be published?');
      await page.getByRole('button', { name: 'Send the question' }).click();
      const other = await suite.person(test, 'dev2@demo.example', `/meetings/${ids.plenary}/room`);
      await toEnglish(other.page);
      const plusOne = other.page.getByRole('button', { name: /^\+1 the question/ }).first();
      await expectVisible(plusOne);
      for (const size of SCREENSHOT_SIZES) {
        await other.page.setViewportSize(size);
        expect(await linesOf(plusOne), `room +1 at ${size.width} px`).toEqual(['+1']);
        await screenshot(other.page, `english-room-${size.name}`);
      }
    },
    E2E_TEST_TIMEOUT,
  );
});
