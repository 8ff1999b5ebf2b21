/**
 * A first visit: someone with nothing cached opens the sign-in page. How long until they can type
 * their e-mail address, and how much JavaScript it costs, are reported (`[first-visit]` lines; see
 * "First visit" in docs/PERFORMANCE.md) — speed is measured here, not asserted. What is asserted is
 * what makes it fast: the JavaScript arrives compressed, a return visit takes it from the cache, and
 * the sign-in page loads no chunk of the signed-in pages (register, meetings, threads, charts,
 * markdown), as named by the build's manifest.
 */
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { E2E_TEST_TIMEOUT, UI_TIMEOUT, builtClientDir, newContext, useBrowserSuite } from '../support/browser';
import { clientChunks } from '../support/clientBuild';

const suite = useBrowserSuite();

/** Fresh visits measured over the loopback, and on an emulated slower line; each figure reported is their median. */
const VISITS = 7;
const LINE_VISITS = 3;
/** The slower line: 10 Mbit/s down, 5 up, 40 ms round trips (an office behind a VPN, or 4G). */
const LINE = { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 };

interface Script {
  /** The URL's path: `/assets/…`. */
  url: string;
  /** Bytes over the wire, headers included (0 when taken from the cache), as Resource Timing counts them. */
  transferred: number;
  /** The body as sent (compressed), and as the page got it. */
  encoded: number;
  decoded: number;
  /** Its Content-Encoding (`identity` for none). */
  encoding: string;
}

interface Visit {
  /** From the start of the navigation to the frame where the e-mail field is shown and enabled. */
  usableMs: number;
  /** CPU time the page spent running scripts until then (less at the mercy of a busy machine). */
  scriptCpuMs: number;
  scripts: Script[];
}

/** Open /login in `page` (on `line`, if given) and wait, frame by frame, for the e-mail field to be usable. */
async function visitLogin(context: BrowserContext, line?: typeof LINE): Promise<Visit> {
  const page = await context.newPage();
  const devtools = await context.newCDPSession(page);
  await devtools.send('Performance.enable');
  if (line) {
    await devtools.send('Network.enable');
    await devtools.send('Network.emulateNetworkConditions', line);
  }
  const encodings = new Map<string, string>();
  page.on('response', (response) => encodings.set(new URL(response.url()).pathname, response.headers()['content-encoding'] ?? 'identity'));
  await page.goto(`${suite.server.baseUrl}/login`, { waitUntil: 'commit' });
  const usable = await page.waitForFunction(
    () => {
      const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.includes('メールアドレス'));
      const field = label?.control;
      if (!(field instanceof HTMLInputElement) || field.disabled || !field.checkVisibility()) return false;
      return performance.now();
    },
    null,
    { polling: 'raf', timeout: UI_TIMEOUT },
  );
  const usableMs = (await usable.jsonValue()) as number;
  const { metrics } = await devtools.send('Performance.getMetrics');
  const scriptCpuMs = (metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? 0) * 1000;
  // The same field, found the way a person (and every other test) finds it.
  expect(await page.getByLabel('メールアドレス').isEnabled()).toBe(true);
  // Whatever the page goes on to load by itself counts too.
  await page.waitForLoadState('networkidle');
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry as PerformanceResourceTiming)
      .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
      .map((entry) => ({ url: new URL(entry.name).pathname, transferred: entry.transferSize, encoded: entry.encodedBodySize, decoded: entry.decodedBodySize })),
  );
  return { usableMs, scriptCpuMs, scripts: scripts.map((script) => ({ ...script, encoding: encodings.get(script.url) ?? 'identity' })) };
}

/** Each of `count` visits in a browser context of its own: nothing cached, nobody signed in. */
async function freshVisits(count: number, line?: typeof LINE): Promise<Visit[]> {
  const visits: Visit[] = [];
  for (let i = 0; i < count; i++) {
    const context = await newContext(suite.browser, suite.server);
    try {
      visits.push(await visitLogin(context, line));
    } finally {
      await context.close();
    }
  }
  return visits;
}

const sum = (visit: Visit, key: 'transferred' | 'encoded' | 'decoded') => visit.scripts.reduce((total, s) => total + s[key], 0);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);
const list = (values: number[]) => values.map((value) => Math.round(value)).join(', ');

describe('a first visit', () => {
  it('shows a usable sign-in form from compressed scripts, none of them a signed-in page’s; a return visit takes them from the cache', async () => {
    const visits = await freshVisits(VISITS);
    const onLine = await freshVisits(LINE_VISITS, LINE);
    const context = await newContext(suite.browser, suite.server);
    let returnVisit: Visit;
    try {
      await visitLogin(context);
      returnVisit = await visitLogin(context);
    } finally {
      await context.close();
    }

    const last = visits.at(-1)!;
    const times = visits.map((v) => v.usableMs);
    const encodings = [...new Set(last.scripts.map((s) => s.encoding))].join(', ');
    console.log(
      `[first-visit] sign-in form usable in ${median(times)} ms (median of ${VISITS} fresh visits: ${list(times)} ms; ` +
        `script CPU ${median(visits.map((v) => v.scriptCpuMs))} ms); ${last.scripts.length} scripts, ${kB(sum(last, 'transferred'))} transferred ` +
        `(bodies ${kB(sum(last, 'encoded'))} as sent, ${encodings}; ${kB(sum(last, 'decoded'))} uncompressed)`,
    );
    console.log(`[first-visit] on a 10 Mbit/s line with 40 ms round trips: usable in ${median(onLine.map((v) => v.usableMs))} ms (${list(onLine.map((v) => v.usableMs))} ms)`);
    console.log(`[first-visit] return visit: usable in ${Math.round(returnVisit.usableMs)} ms, ${kB(sum(returnVisit, 'transferred'))} of JS transferred`);

    const { initial, signedIn } = clientChunks(await builtClientDir());
    for (const visit of [...visits, ...onLine]) {
      expect(visit.scripts.filter((s) => signedIn.has(s.url)).map((s) => `${s.url} (${signedIn.get(s.url)})`)).toEqual([]);
      // Nothing beyond what the shell's own <script> imports.
      expect(visit.scripts.map((s) => s.url).filter((url) => !initial.has(url))).toEqual([]);
      // Every script worth compressing (the build leaves those under 1 kB as they are) came compressed.
      expect(visit.scripts.filter((s) => s.decoded >= 1024 && s.encoding !== 'br' && s.encoding !== 'gzip').map((s) => `${s.url}: ${s.encoding}`)).toEqual([]);
    }
    // Hashed scripts are immutable: a return visit fetches none of them again, not even to revalidate.
    expect(returnVisit.scripts.length).toBeGreaterThan(0);
    expect(returnVisit.scripts.filter((s) => s.transferred > 0).map((s) => s.url)).toEqual([]);
  }, E2E_TEST_TIMEOUT);
});
