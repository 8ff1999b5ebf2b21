/**
 * Closing the server's connections at shutdown (server/http/connections.ts): a request that reaches
 * a keep-alive connection while the shutdown runs is answered (here 503, as the draining app does),
 * never reset; quiet connections are closed; one that never goes quiet is closed at the bound. And
 * the draining app's 503 (server/http/work.ts) waits for the rest of the request's body.
 */
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import express from 'express';
import { trackConnections } from '../server/http/connections';
import { createWorkTracker } from '../server/http/work';

const servers: http.Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function serve(handler: http.RequestListener) {
  const server = http.createServer(handler);
  servers.push(server);
  const tracked = trackConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, tracked, port: (server.address() as net.AddressInfo).port };
}

/** A raw keep-alive connection: what arrives on it, and how it ended. */
function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  const state = {
    data: '',
    ended: new Promise<string>((resolve) => {
      socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      socket.on('close', () => resolve('closed'));
    }),
  };
  socket.on('data', (chunk) => (state.data += String(chunk)));
  const request = (path: string) => socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n`);
  const answers = () => state.data.match(/HTTP\/1\.1 \d+/g) ?? [];
  return { socket, state, request, answers };
}

const waitFor = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
};

describe('closing connections at shutdown', () => {
  it('answers a request that arrives on a keep-alive connection while closing, then closes it', async () => {
    let draining = false;
    const { tracked, port } = await serve((_req, res) => {
      if (draining) res.writeHead(503, { Connection: 'close' }).end('restarting');
      else res.end('ok');
    });
    const client = connect(port);
    client.request('/first');
    await waitFor(() => client.answers().length === 1);
    draining = true;
    const closing = tracked.closeWhenQuiet({ quietMs: 300, maxMs: 3_000 });
    // Sent as the shutdown runs, within the quiet time: destroying the connection now would reset it.
    client.request('/second');
    expect(await client.state.ended).toBe('closed');
    expect(client.answers()).toEqual(['HTTP/1.1 200', 'HTTP/1.1 503']);
    await closing;
    expect(tracked.size).toBe(0);
  });

  it('closes a connection that stays quiet, and one that never does at the bound', async () => {
    const { tracked, port } = await serve((req, res) => {
      if (req.url === '/slow') return; // never answered
      res.end('ok');
    });
    const quiet = connect(port);
    quiet.request('/');
    await waitFor(() => quiet.answers().length === 1);
    const busy = connect(port);
    busy.request('/slow');
    await waitFor(() => tracked.size === 2);
    const started = performance.now();
    await tracked.closeWhenQuiet({ quietMs: 100, maxMs: 600 });
    expect(await quiet.state.ended).toBe('closed');
    expect(['closed', 'ECONNRESET']).toContain(await busy.state.ended);
    expect(performance.now() - started).toBeGreaterThanOrEqual(600);
    expect(tracked.size).toBe(0);
  });
});

describe('refusing a request while draining', () => {
  it('answers 503 once the body has arrived, so the connection closes cleanly instead of being reset', async () => {
    const work = createWorkTracker({ deadlineMs: 5_000 });
    const app = express();
    app.use(work.requests);
    app.post('/write', express.json(), (_req, res) => void res.status(201).json({ ok: true }));
    app.use(
      (err: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) =>
        void res.status(err.status ?? 500).json({ error: 'refused' }),
    );
    const { port } = await serve(app);
    await work.drain(1_000);
    const client = connect(port);
    const body = JSON.stringify({ text: 'x'.repeat(2_000) });
    // The headers first, the body a moment later: as a busy client's request arrives in two parts.
    client.socket.write(`POST /write HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.answers(), 'no answer before the body').toEqual([]);
    client.socket.write(body);
    expect(await client.state.ended).toBe('closed');
    expect(client.answers()).toEqual(['HTTP/1.1 503']);
  });
});
