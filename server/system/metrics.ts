/**
 * `GET /metrics`: this node's figures in Prometheus's text format (prom-client), for the monitoring of
 * docs/DEPLOY.md ("What to monitor"). Off unless `METRICS_TOKEN` is set; then a scraper sends it as a bearer
 * token (`authorization: Bearer …`, Prometheus's `authorization` setting). Without it, or with another, the answer
 * is a 404 (off) or a 401, and nothing is counted or read for the asker.
 *
 * What a node says:
 * - Node's own (prom-client's defaults): CPU, memory, event loop delay, garbage collection, and
 *   `process_open_fds` against `process_max_fds` — a node at its open-files limit refuses new connections
 *   without a log line (libuv closes what it cannot accept), so this pair is the one to alert on;
 * - `council_http_requests_total` and `council_http_request_duration_seconds`, by method, route pattern
 *   (`/api/threads/:id`; `other` when no route matched: the web client's files, 404s) and status;
 * - `council_socket_events_total` and `council_socket_event_duration_seconds`, by event (`unknown` for a name no
 *   handler has) and outcome (`ok`, or the refusal's code: `rate_limited`, `forbidden`, …);
 * - `council_sockets` (this node's Socket.IO connections), `council_work_in_flight` (requests and socket events
 *   being handled) and, in the shared mode, `council_redis_up`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  /** Middleware counting each request once answered, by its route pattern (`res.locals.route`, requestLog.ts). */
  requests: RequestHandler;
  /** Count a handled socket event (`outcome`: `ok` or the refusal's code). */
  event(name: string, outcome: string, seconds: number): void;
  /** Gauges read when scraped. */
  watch(gauges: { sockets(): number; inFlight(): number; redisUp?: () => boolean }): void;
  /** The `GET /metrics` handler (a 404 when `token` is unset). */
  endpoint(token: string | undefined): RequestHandler;
}

/** Requests and events are mostly quick; a few exports and uploads take seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15];

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const requests = new Counter({
    name: 'council_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const requestSeconds = new Histogram({
    name: 'council_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: BUCKETS,
    registers,
  });
  const events = new Counter({
    name: 'council_socket_events_total',
    help: 'Socket events handled, by event and outcome (ok, or the refusal code)',
    labelNames: ['event', 'outcome'] as const,
    registers,
  });
  const eventSeconds = new Histogram({
    name: 'council_socket_event_duration_seconds',
    help: 'Time to answer a socket event, by event',
    labelNames: ['event'] as const,
    buckets: BUCKETS,
    registers,
  });
  return {
    requests(req, res, next) {
      const started = performance.now();
      res.once('close', () => {
        const labels = { method: req.method, route: (res.locals.route as string | undefined) ?? 'other' };
        requests.inc({ ...labels, status: String(res.statusCode) });
        requestSeconds.observe(labels, (performance.now() - started) / 1000);
      });
      next();
    },
    event(name, outcome, seconds) {
      events.inc({ event: name, outcome });
      eventSeconds.observe({ event: name }, seconds);
    },
    watch({ sockets, inFlight, redisUp }) {
      new Gauge({
        name: 'council_sockets',
        help: 'Socket.IO connections on this node',
        registers,
        collect() {
          this.set(sockets());
        },
      });
      new Gauge({
        name: 'council_work_in_flight',
        help: 'HTTP requests and socket events being handled on this node',
        registers,
        collect() {
          this.set(inFlight());
        },
      });
      if (redisUp)
        new Gauge({
          name: 'council_redis_up',
          help: 'Whether this node reaches the shared Redis (1) or not (0)',
          registers,
          collect() {
            this.set(redisUp() ? 1 : 0);
          },
        });
    },
    endpoint(token) {
      const expected = token === undefined ? undefined : Buffer.from(`Bearer ${token}`);
      return (req, res, next) => {
        if (!expected) return next();
        res.locals.route = '/metrics';
        const offered = Buffer.from(req.get('authorization') ?? '');
        if (offered.length !== expected.length || !timingSafeEqual(offered, expected)) {
          res.set('WWW-Authenticate', 'Bearer').status(401).type('text/plain').send('unauthorized\n');
          return;
        }
        registry.metrics().then(
          (text) => res.type(registry.contentType).set('Cache-Control', 'no-store').send(text),
          (err: unknown) => next(err),
        );
      };
    },
  };
}
