/**
 * Browser tests: Debian's Chromium driven by playwright-core, against the real server serving the
 * built web client on its own database (seeded with the council, the demo accounts and the demo
 * content). See docs/E2E.md.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, type TestContext } from 'vitest';
import { createApp, type CouncilApp } from '../../server/app';
import { openAuditLog } from '../../server/audit/log';
import { loadConfig } from '../../server/config';
import { connectDatabase, disconnectDatabase } from '../../server/db/connection';
import { setLogLevel } from '../../server/log';
import { CLIENT_DIST, PROJECT_ROOT } from '../../server/paths';
import { seedDemoContent } from '../../server/seed/demoContent';
import { DEMO_PASSWORD, seedCouncil } from '../../server/seed/seed';
import { ApiClient } from './client';
import { buildClient } from './clientBuild';
import { secondFactorAnswers, type SecondFactorAnswers } from './secondFactor';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots of key screens, kept as test artifacts (git-ignored). */
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test-results', 'e2e');

/** A browser scenario's time limit: generous, since the machine may be shared and busy. */
export const E2E_TEST_TIMEOUT = 120_000;

/** Web-first assertions wait this long: the machine is shared and timings are noisy. */
export const UI_TIMEOUT = 15_000;

/** Fail, saying how to get it, when Debian's Chromium is not installed: never skip silently. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM_PATH}, which is missing.\n` +
        'Install it with `sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk` ' +
        '(or set CHROMIUM_PATH to a Chromium binary). See docs/E2E.md.',
    );
  }
}

/** Debian's Chromium, never a downloaded browser. */
export async function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
}

// ---------------------------------------------------------------------------------------------
// The built web client

const CLIENT_SOURCES = ['client', 'shared', 'vite.config.ts', 'scripts/build', 'package-lock.json'];

function newestSource(): { mtimeMs: number; stamp: string } {
  const hash = createHash('sha256');
  let newest = 0;
  const visit = (full: string) => {
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const name of readdirSync(full).sort()) visit(path.join(full, name));
      return;
    }
    newest = Math.max(newest, stat.mtimeMs);
    hash.update(`${path.relative(PROJECT_ROOT, full)}:${stat.size}:${stat.mtimeMs}\n`);
  };
  for (const source of CLIENT_SOURCES) {
    const full = path.join(PROJECT_ROOT, source);
    if (existsSync(full)) visit(full);
  }
  return { mtimeMs: newest, stamp: hash.digest('hex').slice(0, 16) };
}

let clientDirOnce: Promise<string> | undefined;

/**
 * The built client to serve: `dist/client` when it is newer than the client's sources (CI builds it
 * just before the tests), otherwise a build of the current sources made once, into
 * `test-results/e2e-client/<stamp>`, so a fresh clone's `npm test` works and an edited client is
 * never tested stale. `dist/client` itself is never rewritten here: someone may be serving it.
 */
export function builtClientDir(): Promise<string> {
  clientDirOnce ??= findOrBuildClient();
  return clientDirOnce;
}

async function findOrBuildClient(): Promise<string> {
  const sources = newestSource();
  const distIndex = path.join(CLIENT_DIST, 'index.html');
  if (existsSync(distIndex) && statSync(distIndex).mtimeMs >= sources.mtimeMs) return CLIENT_DIST;

  const root = path.join(PROJECT_ROOT, 'test-results', 'e2e-client');
  const target = path.join(root, sources.stamp);
  if (existsSync(path.join(target, 'index.html'))) return target;
  mkdirSync(root, { recursive: true });
  // Test files run in parallel: one builds, the others wait for it.
  const lock = `${target}.lock`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (existsSync(path.join(target, 'index.html'))) return target;
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`gave up waiting for the client build (${lock})`);
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    // Builds of older sources go after a day (not at once: another run may be serving one now).
    for (const old of readdirSync(root)) {
      const full = path.join(root, old);
      if (old !== path.basename(lock) && Date.now() - statSync(full).mtimeMs > 86_400_000) rmSync(full, { recursive: true, force: true });
    }
    const building = mkdtempSync(path.join(root, '.building-'));
    await buildClient(building);
    renameSync(building, target);
    return target;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The app under test

export interface E2EServer {
  baseUrl: string;
  council: CouncilApp;
  /** An API client signed in as `email` (for fixtures made through the REST API), second step included. */
  api(email: string): Promise<ApiClient>;
  /** Second-factor answers for this server's accounts (see secondFactor.ts). */
  secondFactor: SecondFactorAnswers;
  close(): Promise<void>;
}

/** The real app with the built client, on a free port, on its own database with the demo content. */
export async function startE2EServer(): Promise<E2EServer> {
  setLogLevel('error');
  const clientDir = await builtClientDir();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'council-e2e-'));
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, POSTS_PER_MINUTE: '100000' });
  await connectDatabase(inject('mongoUri'), { dbName: `e2e_${randomBytes(6).toString('hex')}` });
  const audit = openAuditLog({ dataDir });
  await seedCouncil({ demo: true });
  await seedDemoContent();
  const council = createApp({ config, sessionSecret: randomBytes(32).toString('hex'), clientDir });
  await new Promise<void>((resolve) => council.server.listen(0, '127.0.0.1', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(council.server.address() as AddressInfo).port}`;
  const secondFactor = secondFactorAnswers();
  return {
    baseUrl,
    council,
    secondFactor,
    async api(email) {
      const client = new ApiClient(baseUrl);
      let res = await client.post<{ mfa?: string }>('/api/auth/login', { email, password: DEMO_PASSWORD });
      if (res.status === 200 && res.body.mfa === 'required') res = await client.post('/api/auth/login/second-factor', await secondFactor.next(email));
      if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return client;
    },
    async close() {
      await council.close();
      await audit.close();
      await disconnectDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// People in browsers

export interface BrowserSuite {
  readonly server: E2EServer;
  readonly browser: Browser;
  /**
   * A new context signed in as `email`, open at `pathname`, for the test whose context is given:
   * closed when that test finishes, after a screenshot of its pages if it failed. (The test's own
   * context, not a global hook, so that concurrent tests each clean up their own.)
   */
  person(test: TestContext, email: string, pathname?: string, device?: Device): Promise<Person>;
  /** A new context with nobody signed in, for the given test. */
  anonymous(test: TestContext, pathname?: string): Promise<Person>;
}

/** One server and one Chromium for a test file; each scenario opens its own browser contexts. */
export function useBrowserSuite(): BrowserSuite {
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    assertChromium();
    [server, browser] = await Promise.all([startE2EServer(), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  let contextsOpened = 0;
  function track(test: TestContext, context: BrowserContext): void {
    const n = contextsOpened++;
    test.onTestFinished(async () => {
      if (test.task.result?.state === 'fail') {
        for (const [i, page] of context.pages().entries()) {
          await screenshot(page, `FAILED-${test.task.name.replace(/\W+/g, '-').slice(0, 60)}-${n}-${i}`).catch(() => undefined);
        }
      }
      await context.close().catch(() => undefined);
    });
  }

  const suite: BrowserSuite = {
    get server() {
      if (!server) throw new Error('the browser suite has not started');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser suite has not started');
      return browser;
    },
    async person(test, email, pathname, device) {
      const person = await signedInPerson(suite.browser, suite.server, email, pathname, device);
      track(test, person.context);
      return person;
    },
    async anonymous(test, pathname = '/login') {
      const context = await newContext(suite.browser, suite.server);
      track(test, context);
      const page = await context.newPage();
      await page.goto(suite.server.baseUrl + pathname);
      return { context, page };
    },
  };
  return suite;
}

export interface Person {
  context: BrowserContext;
  page: Page;
}

/**
 * A new browser context (its own cookies and storage) signed in as `email`, with its first page
 * open at `path`: through the API, or, for an account with a second factor (the demo secretariat
 * and org admin), through the sign-in page, typing the current code as a person would.
 */
export async function signedInPerson(browser: Browser, server: E2EServer, email: string, pathname = '/threads', device: Device = 'desktop'): Promise<Person> {
  const context = await newContext(browser, server, device);
  const res = await context.request.post(`${server.baseUrl}/api/auth/login`, { data: { email, password: DEMO_PASSWORD } });
  if (!res.ok()) throw new Error(`sign-in of ${email} failed: ${res.status()} ${await res.text()}`);
  const page = await context.newPage();
  if (((await res.json()) as { mfa?: string }).mfa === 'required') {
    await page.goto(`${server.baseUrl}/login`);
    await signInThroughPage(page, server, email);
  }
  await page.goto(server.baseUrl + pathname);
  return { context, page };
}

/**
 * Sign in on the open login page (Japanese): e-mail and password, then the second step with a fresh
 * code from the authenticator secret (or a recovery code when every code the server would accept
 * now has been used), and wait until the app has left the login page.
 */
export async function signInThroughPage(page: Page, server: E2EServer, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expectVisible(page.getByRole('heading', { name: '2段階認証' }));
  const answer = await server.secondFactor.next(email);
  if (answer.code) {
    await page.getByLabel('認証コード（6桁）').fill(answer.code);
  } else {
    await page.getByRole('button', { name: /リカバリーコードを使う/ }).click();
    await page.getByLabel('リカバリーコード').fill(answer.recoveryCode!);
  }
  await page.getByRole('button', { name: '確認してログイン' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * What the context is: a desktop (1280×900, a mouse) or a phone (390×844, a touch screen: the page
 * sees `(pointer: coarse)`).
 */
export type Device = 'desktop' | 'phone';

/** A context in Japanese (the default), at a desktop or phone size, with generous web-first timeouts. */
export async function newContext(browser: Browser, server: E2EServer, device: Device = 'desktop'): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    ...(device === 'phone' ? { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true } : { viewport: { width: 1280, height: 900 } }),
    acceptDownloads: true,
  });
  context.setDefaultTimeout(UI_TIMEOUT);
  context.setDefaultNavigationTimeout(30_000);
  return context;
}

/** Wait until the locator is visible (a web-first assertion with a readable failure). */
export async function expectVisible(locator: Locator, timeout = UI_TIMEOUT): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

/**
 * Go to `pathname` inside the running app, as its own links do (history and the router, no page
 * load): cheaper than page.goto, and it exercises the focus move after client-side navigation.
 */
export async function navigateInApp(page: Page, pathname: string): Promise<void> {
  const here = new URL(page.url());
  const there = new URL(pathname, here);
  if (here.pathname === there.pathname && here.search === there.search) return;
  // The shell must be there (signed in, rendered) to see the navigation as one.
  await page.locator('#main-content').waitFor();
  await page.evaluate((to) => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, pathname);
  // The shell moves focus into the new page once it is rendered (useFocusHeadingOnNavigate).
  await page
    .waitForFunction(() => document.getElementById('main-content')?.contains(document.activeElement) ?? false, null, { timeout: UI_TIMEOUT })
    .catch(async (error: unknown) => {
      const focused = await page.evaluate(() => `${document.activeElement?.tagName}.${document.activeElement?.className}`);
      throw new Error(`after navigating from ${here.pathname}${here.search} to ${pathname} (at ${page.url()}), focus stayed on ${focused}: ${String(error)}`);
    });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The sizes a changed page is shown at: a laptop and a phone. */
export const SCREENSHOT_SIZES = [
  { width: 1280, height: 800, name: 'desktop' },
  { width: 390, height: 844, name: 'phone' },
] as const;

/** Screenshots of the page at each of SCREENSHOT_SIZES (`<name>-desktop`, `<name>-phone`), then back to its own size. */
export async function screenshotSizes(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  for (const size of SCREENSHOT_SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `${name}-${size.name}`);
  }
  if (before) await page.setViewportSize(before);
}

// ---------------------------------------------------------------------------------------------
// Accessibility

const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string; html: string }[];
}

/**
 * Run axe-core on the page as it is (WCAG 2.0/2.1 A and AA, colour contrast included) and return
 * the serious and critical violations, described one per line.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script>: the app's CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? '').replace(/\n/g, ' ')}`).join('\n')}`);
}

/** Fail, naming every rule and element, when the page has serious or critical violations. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const found = await seriousAxeViolations(page);
  expect(found, `axe on ${name} (${page.url()}):\n${found.join('\n')}`).toEqual([]);
}

export interface FocusStop {
  /** The control's description: tag and accessible-ish name. */
  control: string;
  /** The focus indicator is drawn: an outline of 2px or more, or a box-shadow ring. */
  visibleFocus: boolean;
  /** It was scrolled into view when focused. */
  inViewport: boolean;
}

export interface KeyboardWalk {
  /** Where each Tab press landed, in order. */
  stops: FocusStop[];
  /** Visible, enabled controls that Tab never reached. */
  unreached: string[];
  /** Tab stops that are no control at all (a focusable part of a drawing, a nameless container). */
  strays: string[];
}

/**
 * Press Tab from the top of the page until focus comes round again (or `max` presses), and compare
 * where it landed with every visible, enabled control on the page (links, buttons, fields, and
 * anything else given a tab stop). A radio group counts as reached when one of its radios is.
 */
/** One focus move as recorded in the page. */
interface RecordedStop {
  id: string;
  /** A control (marked before the walk, or one that appeared since), not some other focusable thing. */
  marked: boolean;
  radioGroup: string | null;
  control: string;
  visibleFocus: boolean;
  inViewport: boolean;
}

export async function walkWithKeyboard(page: Page): Promise<KeyboardWalk> {
  // Mark the controls, and record every focus move in the page: one round trip per Tab press.
  const presses = await page.evaluate(() => {
    const describe = (el: HTMLElement) => {
      const name = el.getAttribute('aria-label') ?? ((el as HTMLInputElement).labels?.[0]?.textContent || el.textContent) ?? '';
      return `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${name.trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
    };
    const inViewport = (el: Element) => {
      const rect = el.getBoundingClientRect();
      return rect.bottom > 0 && rect.top < window.innerHeight && rect.right > 0 && rect.left < window.innerWidth;
    };
    const selector =
      'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
    let n = 0;
    let dateParts = 0;
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      // Rendered and not folded away (closed <details> hide their content with content-visibility).
      const rect = el.getBoundingClientRect();
      const shown = rect.width > 0 && rect.height > 0 && el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }) && !el.closest('[inert]');
      if (!shown) continue;
      el.dataset.e2eControl = String(n++);
      if (el instanceof HTMLInputElement && /date|time/.test(el.type)) dateParts += 4;
    }
    const stops: RecordedStop[] = [];
    const win = window as unknown as { __e2eFocus: RecordedStop[]; __e2eDescribe: typeof describe; __e2eStop: () => void };
    win.__e2eFocus = stops;
    win.__e2eDescribe = describe;
    const record = (event: FocusEvent) => {
      const el = event.target as HTMLElement;
      const style = getComputedStyle(el);
      const stop: RecordedStop = {
        id: el.dataset.e2eControl ?? describe(el),
        // Marked, or a control that appeared after marking (a list loaded meanwhile).
        marked: el.dataset.e2eControl !== undefined || el.matches(selector),
        radioGroup: el instanceof HTMLInputElement && el.type === 'radio' ? el.name : null,
        control: describe(el),
        visibleFocus: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || (style.boxShadow !== 'none' && style.boxShadow !== ''),
        // Measured once the browser has scrolled it into view (after this event); if focus has
        // already moved on by then, there is nothing to judge.
        inViewport: true,
      };
      stops.push(stop);
      setTimeout(() => {
        if (document.activeElement === el) stop.inViewport = inViewport(el);
      });
    };
    // Focusing the body moves the sequential focus starting point to the top of the page.
    document.body.setAttribute('tabindex', '-1');
    document.body.focus();
    document.body.removeAttribute('tabindex');
    window.scrollTo(0, 0);
    document.addEventListener('focusin', record);
    win.__e2eStop = () => document.removeEventListener('focusin', record);
    return n + dateParts + 3;
  });
  // Enough presses to go round once, then ten at a time until focus has come back to a stop
  // already visited (some controls take more than one press, and content may have loaded since).
  for (let i = 0; i < presses; i++) await page.keyboard.press('Tab');
  for (let extra = 0; extra < 100; extra += 10) {
    const cameRound = await page.evaluate(() => {
      const ids = (window as unknown as { __e2eFocus: RecordedStop[] }).__e2eFocus.map((stop) => stop.id);
      return ids.some((id, i) => i > 0 && id !== ids[i - 1] && ids.indexOf(id) < i - 1);
    });
    if (cameRound) break;
    for (let i = 0; i < 10; i++) await page.keyboard.press('Tab');
  }
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  const recorded = await page.evaluate(() => {
    const win = window as unknown as { __e2eFocus: RecordedStop[]; __e2eStop: () => void };
    win.__e2eStop();
    return win.__e2eFocus;
  });
  const stops: FocusStop[] = [];
  const strays: string[] = [];
  const reached = new Set<string>();
  let previous: string | null = null;
  for (const stop of recorded) {
    if (!stop.marked) {
      // The page itself between rounds is no stop; anything else unmarked is one Tab should not make.
      if (!stop.control.startsWith('body')) strays.push(stop.control);
      continue;
    }
    // Tab moves between the parts of a date field without leaving it: the same control again.
    if (stop.id === previous) continue;
    // Focus came round to the top again.
    if (reached.has(stop.id)) break;
    previous = stop.id;
    reached.add(stop.id);
    if (stop.radioGroup) reached.add(`radio:${stop.radioGroup}`);
    stops.push({ control: stop.control, visibleFocus: stop.visibleFocus, inViewport: stop.inViewport });
  }
  const unreached = await page.evaluate((seen) => {
    const win = window as unknown as { __e2eDescribe: (el: HTMLElement) => string };
    const missing: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('[data-e2e-control]')) {
      const id = el.dataset.e2eControl!;
      delete el.dataset.e2eControl;
      if (seen.includes(id)) continue;
      if (el instanceof HTMLInputElement && el.type === 'radio' && seen.includes(`radio:${el.name}`)) continue;
      // Content may have changed under us (a live update): only what is still there counts.
      const rect = el.getBoundingClientRect();
      if (!el.isConnected || rect.width === 0 || rect.height === 0) continue;
      missing.push(win.__e2eDescribe(el));
    }
    return missing;
  }, [...reached]);
  return { stops, unreached, strays: [...new Set(strays)] };
}

/** Every control reachable with Tab, each showing where focus is. */
export async function expectKeyboardReachable(page: Page, name: string): Promise<void> {
  const walk = await walkWithKeyboard(page);
  expect(walk.stops.length, `${name}: Tab reached nothing`).toBeGreaterThan(3);
  expect(walk.unreached, `${name}: controls Tab never reached: ${walk.unreached.join(', ')}`).toEqual([]);
  expect(walk.strays, `${name}: Tab stops on what is no control`).toEqual([]);
  expect(walk.stops.filter((s) => !s.visibleFocus).map((s) => s.control), `${name}: focus not visible on`).toEqual([]);
  expect(walk.stops.filter((s) => !s.inViewport).map((s) => s.control), `${name}: focused but off screen`).toEqual([]);
}
