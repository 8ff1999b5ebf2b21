/** Security headers in development and production, the production cookie, and the pace of socket events. */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type CouncilApp } from '../server/app';
import { loadConfig } from '../server/config';
import { ack, ok, openSocket } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ SOCKET_EVENTS_PER_10S: '20' });
});
afterAll(() => server.close());

function expectStrictPolicy(headers: Headers) {
  const csp = headers.get('content-security-policy') ?? '';
  const directive = (name: string) =>
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `)) ?? '';
  expect(directive('script-src')).toBe("script-src 'self'");
  expect(csp).not.toMatch(/unsafe-eval/);
  expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
  expect(directive('object-src')).toBe("object-src 'none'");
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  expect(headers.get('x-powered-by')).toBeNull();
}

describe('security headers', () => {
  it('in development: a CSP without inline scripts, no framing, no sniffing — and no HSTS on plain HTTP', async () => {
    const res = await fetch(`${server.baseUrl}/api/health`);
    expectStrictPolicy(res.headers);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  describe('in production', () => {
    let council: CouncilApp;
    let base: string;
    beforeAll(async () => {
      const config = loadConfig({
        NODE_ENV: 'production',
        SESSION_SECRET: randomBytes(32).toString('hex'),
        PUBLIC_ORIGIN: 'https://council.example.jp',
        TRUST_PROXY: 'true',
        SEED_DEMO: 'true',
      });
      council = createApp({ config, sessionSecret: config.SESSION_SECRET!, serveClient: false });
      await new Promise<void>((resolve) => council.server.listen(0, '127.0.0.1', () => resolve()));
      base = `http://127.0.0.1:${(council.server.address() as AddressInfo).port}`;
    });
    afterAll(() => council.close({ drainMs: 1_000 }));

    it('adds HSTS and upgrade-insecure-requests', async () => {
      const res = await fetch(`${base}/api/health`);
      expectStrictPolicy(res.headers);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
      expect(res.headers.get('content-security-policy')).toMatch(/upgrade-insecure-requests/);
    });

    it('sets the session cookie Secure, HttpOnly and SameSite behind the HTTPS proxy', async () => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-proto': 'https',
          origin: 'https://council.example.jp',
          host: 'council.example.jp',
        },
        body: JSON.stringify({ email: 'dev@demo.example', password: 'council-demo' }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('council.sid=')) ?? '';
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
    });
  });
});

describe('the pace of socket events', () => {
  it('answers events past a person’s pace with a rate_limited error ack, over all their sockets, and keeps serving others', async () => {
    const [dev, dev2] = await server.signInAll('dev@demo.example', 'dev2@demo.example');
    const [tab1, tab2, other] = await Promise.all([openSocket(dev), openSocket(dev), openSocket(dev2)]);
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => ack(i % 2 ? tab1 : tab2, 'session.ping', { at: i })));
    const refused = replies.filter((r) => !r.ok);
    expect(replies.filter((r) => r.ok)).toHaveLength(20);
    expect(refused).toHaveLength(10);
    for (const r of refused)
      expect(r).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringMatching(/try again in \d+ s/) } });
    // Another person is not slowed by it.
    expect((await ok(other, 'session.ping', {})).userId).toBeTruthy();
    [tab1, tab2, other].forEach((s) => s.close());
  });
});
