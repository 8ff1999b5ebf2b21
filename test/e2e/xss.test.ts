/**
 * The XSS corpus through every rendered text field, checked in Chromium: thread titles and messages,
 * a person's and an organisation's name, an issue's title, description and comment, a meeting's
 * title, description and agenda, and the audit log that echoes them. On every page: no script of
 * ours ran, no element carries an event-handler attribute or a `javascript:` URL, no inline script
 * or frame was inserted, and the CSP never had to block a script (it would mean markup got through).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withCheckDigit } from '../../shared/corporateNumber';
import { E2E_TEST_TIMEOUT, expectVisible, screenshot, useBrowserSuite } from '../support/browser';
import { XSS_CORPUS, XSS_PLAIN } from '../support/xss';

const suite = useBrowserSuite();

/** What the page did that it must not have: collected in the page from before the app loads. */
const WATCH = () => {
  const w = window as unknown as { __xss: unknown[]; __blocked: string[] };
  w.__xss = [];
  w.__blocked = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    if (e.effectiveDirective.startsWith('script-src')) w.__blocked.push(`${e.effectiveDirective} ${e.blockedURI}`);
  });
};

/** Markup in the live DOM that could run script. */
async function dangerousMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc', 'poster']);
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
        if (urlAttributes.has(attr.name.toLowerCase()) && /^\s*(javascript|vbscript|data:text\/html)/i.test(attr.value)) {
          found.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value.slice(0, 40)}">`);
        }
      }
      const tag = el.tagName.toLowerCase();
      if (tag === 'script' && !(el as HTMLScriptElement).src.includes('/assets/')) found.push('inline <script>');
      if (['iframe', 'object', 'embed', 'base', 'frame'].includes(tag)) found.push(`<${tag}>`);
      if (tag === 'meta' && el.getAttribute('http-equiv')) found.push('<meta http-equiv>');
    }
    const w = window as unknown as { __xss: unknown[]; __blocked: string[] };
    if (w.__xss.length) found.push(`script ran: ${JSON.stringify(w.__xss)}`);
    for (const blocked of w.__blocked) found.push(`CSP blocked ${blocked}`);
    return found;
  });
}

describe('hostile text in the browser', () => {
  it(
    'renders every field inert on every page that shows it',
    async (test) => {
      const { server } = suite;
      const [dev, secretariat] = await Promise.all([server.api('dev@demo.example'), server.api('secretariat@demo.example')]);
      const plain = (i: number) => `検査${i} ${XSS_PLAIN[i % XSS_PLAIN.length]}`;

      // A person's name (messages keep the name their author had when writing: rename first).
      const me = await dev.get<{ id: string }>('/api/me');
      expect((await secretariat.patch(`/api/users/${me.body.id}`, { displayName: plain(1) })).status).toBe(200);

      // A thread whose title is hostile, with every corpus entry as a message of its own.
      const created = await dev.post<{ thread: { id: string } }>('/api/threads', {
        clientId: randomUUID(),
        title: plain(0),
        body: XSS_CORPUS[0],
        visibility: 'council',
      });
      expect(created.status).toBe(201);
      const threadId = created.body.thread.id;
      for (const body of XSS_CORPUS.slice(1)) {
        expect((await dev.post(`/api/threads/${threadId}/messages`, { clientId: randomUUID(), body })).status).toBe(201);
      }

      // An organisation's name.
      const org = await secretariat.post<{ id: string }>('/api/organizations', {
        kind: 'vendor',
        key: 'xss-vendor',
        vendorType: 'support',
        corporateNumber: withCheckDigit('700000000001'),
        nameJa: plain(2),
        nameEn: plain(3),
      });
      expect(org.status, JSON.stringify(org.body)).toBe(201);

      // An issue, its comment, and a meeting with an agenda item linking it.
      const issue = await dev.post<{ id: string }>('/api/issues', {
        title: plain(4),
        description: XSS_CORPUS.join('\n\n').slice(0, 9_000),
        businessAreas: ['resident-register'],
        category: 'spec',
      });
      expect(issue.status, JSON.stringify(issue.body)).toBe(201);
      expect((await dev.post(`/api/issues/${issue.body.id}/comments`, { body: XSS_CORPUS.slice(5, 15).join('\n\n') })).status).toBe(201);
      const meeting = await secretariat.post<{ id: string }>('/api/meetings', {
        kind: 'plenary',
        title: plain(5),
        startsAt: '2026-12-10T14:00:00+09:00',
        endsAt: '2026-12-10T16:00:00+09:00',
        description: XSS_CORPUS.slice(15).join('\n\n'),
        agenda: [{ title: plain(6), minutes: 30, issueIds: [issue.body.id], threadIds: [threadId] }],
      });
      expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
      expect((await secretariat.post(`/api/meetings/${meeting.body.id}/status`, { to: 'scheduled' })).status).toBe(200);

      const visitor = await suite.person(test, 'secretariat@demo.example', '/threads');
      const { page } = visitor;
      await visitor.context.addInitScript(WATCH);
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });

      const pages: Array<[string, string]> = [
        ['/threads', '検査0'],
        [`/threads/${threadId}`, '検査1'],
        ['/register', '検査4'],
        [`/register/${issue.body.id}`, '検査4'],
        ['/meetings', '検査5'],
        [`/meetings/${meeting.body.id}`, '検査6'],
        ['/organizations?type=support&q=xss', '検査2'],
        [`/organizations/${org.body.id}`, '検査2'],
        ['/audit', '検査1'],
      ];
      const problems: string[] = [];
      for (const [pathname, marker] of pages) {
        await page.goto(server.baseUrl + pathname);
        // The hostile text is on screen, as text.
        await expectVisible(page.getByText(marker).first());
        await page.waitForLoadState('networkidle');
        for (const problem of await dangerousMarkup(page)) problems.push(`${pathname}: ${problem}`);
        await screenshot(page, `xss-${pathname.split('/').filter(Boolean).slice(0, 2).join('-').replace(/\?.*$/, '') || 'root'}`);
      }
      expect(problems).toEqual([]);
      expect(dialogs).toEqual([]);
    },
    E2E_TEST_TIMEOUT * 2,
  );
});
