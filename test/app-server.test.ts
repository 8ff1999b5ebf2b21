/**
 * The app's HTTP server (server/http/appServer.ts) makes requests and responses from the Express
 * app's own prototypes, so Express's per-request `Object.setPrototypeOf` changes nothing (a changed
 * prototype kept every request alive into the old generation), and Express works as before.
 */
import http from 'node:http';
import type net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import express from 'express';
import { BODY_TIMEOUT_MS, createAppServer } from '../server/http/appServer';

const servers: http.Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

it('hands Express requests and responses that already have its prototypes, and Express serves them as before', async () => {
  const app = express();
  app.get('/things/:id', (req, res) => void res.status(201).json({ id: req.params.id, q: req.query.q, sameApp: req.app === app }));
  const server = createAppServer(app);
  servers.push(server);
  const born: boolean[] = [];
  // Before Express's own listener: what the request and response are made as.
  server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) =>
    born.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;

  const res = await fetch(`http://127.0.0.1:${port}/things/7?q=あ`);
  expect(res.status).toBe(201);
  expect(await res.json()).toEqual({ id: '7', q: 'あ', sameApp: true });
  expect(born).toEqual([true]);
  // The prototypes still carry Express's methods and its `app`.
  expect(typeof (app.request as unknown as { get: unknown }).get).toBe('function');
  expect(app.response.app).toBe(app);
});

it("gives a request's body 30 minutes (a 20 MB upload at 100 kbit/s), where Node's default cut it at 300 s; headers still 60 s", () => {
  const server = createAppServer(express());
  expect(server.requestTimeout).toBe(BODY_TIMEOUT_MS);
  expect(BODY_TIMEOUT_MS).toBeGreaterThanOrEqual(Math.ceil((20 * 1024 * 1024 * 8) / 100_000) * 1000);
  expect(server.headersTimeout).toBe(60_000);
});
