/** `GET /metrics` (server/system/metrics.ts): off without METRICS_TOKEN, a bearer token to read it, figures that follow the work. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected } from './support/client';
import { emitWithAck } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

const TOKEN = 'metrics-token-for-the-test-only-0123456789';

/** The value of one series in Prometheus's text format: `name{…labels…} value`, undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const has = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => has[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics with METRICS_TOKEN set', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => server.close());

  const scrape = async () => {
    const res = await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('refuses a scraper without the token, or with another, and says nothing', async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN.slice(1)}x`, `Bearer ${TOKEN}x`, TOKEN]) {
      const res = await fetch(`${server.baseUrl}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await res.text()).not.toContain('council_');
    }
  });

  it('counts requests by route pattern and status, never by address', async () => {
    const before = await scrape();
    const route = { method: 'GET', route: '/api/threads/:id' };
    const earlier = sample(before, 'council_http_requests_total', { ...route, status: '404' }) ?? 0;
    const client = await server.signIn('dev@demo.example');
    const missing = await client.get('/api/threads/0123456789abcdef01234567');
    expect(missing.status).toBe(404);
    const after = await scrape();
    expect(sample(after, 'council_http_requests_total', { ...route, status: '404' })).toBe(earlier + 1);
    expect(sample(after, 'council_http_request_duration_seconds_count', route)).toBeGreaterThanOrEqual(earlier + 1);
    // The id asked for is no label: one series per route, whatever people ask for.
    expect(after).not.toContain('0123456789abcdef01234567');
    // A request no route matched is `other`.
    expect(sample(after, 'council_http_requests_total', { method: 'GET', route: 'other' })).toBeUndefined();
    await fetch(`${server.baseUrl}/no-such-page-${Date.now()}`);
    expect(sample(await scrape(), 'council_http_requests_total', { method: 'GET', route: 'other', status: '404' })).toBe(1);
  });

  it('follows the sockets on this node and counts their events by outcome', async () => {
    const client = await server.signIn('dev@demo.example');
    const idle = sample(await scrape(), 'council_sockets');
    expect(idle).toBe(0);
    const socket = client.socket();
    await connected(socket);
    try {
      const before = await scrape();
      expect(sample(before, 'council_sockets')).toBe(1);
      const ok = sample(before, 'council_socket_events_total', { event: 'session.ping', outcome: 'ok' }) ?? 0;
      expect(await emitWithAck(socket, 'session.ping', {})).toMatchObject({ ok: true });
      expect(await emitWithAck(socket, 'session.ping', { at: -1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await emitWithAck(socket, `made.up.${Date.now()}`, {})).toMatchObject({ ok: false });
      const after = await scrape();
      expect(sample(after, 'council_socket_events_total', { event: 'session.ping', outcome: 'ok' })).toBe(ok + 1);
      expect(sample(after, 'council_socket_events_total', { event: 'session.ping', outcome: 'bad_request' })).toBe(1);
      // A made-up event name is counted as `unknown`, never by the name the caller chose.
      expect(sample(after, 'council_socket_events_total', { event: 'unknown', outcome: 'bad_request' })).toBe(1);
      expect(after).not.toContain('made.up.');
    } finally {
      socket.close();
    }
  });

  it("carries Node's own figures, the open files against their limit among them, and no Redis gauge without Redis", async () => {
    const text = await scrape();
    expect(sample(text, 'process_open_fds')).toBeGreaterThan(0);
    expect(sample(text, 'process_max_fds')).toBeGreaterThan(sample(text, 'process_open_fds')!);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'council_work_in_flight')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'council_redis_up')).toBeUndefined();
  });
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('is not there at all, token or none', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }] as Array<Record<string, string>>) {
      const res = await fetch(`${server.baseUrl}/metrics`, { headers });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('council_');
    }
  });
});
